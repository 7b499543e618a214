package eu.citiesgateway.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.cluster.Programme.City;
import eu.citiesgateway.cluster.directory.KnownCities;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TopicRecords;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Only a topic's owner speaks on it: a withdrawal that does not come from the registry,
 * or a confirmed pairing that does not come from matching, goes to the dead-letter topic
 * and changes no cluster.
 */
@ClusterIntegrationTest
class ForgedEventsIntegrationTests {

	static final String CIRCULAR = "circular-economy";

	@Autowired
	EventFeed feed;

	@Autowired
	Http http;

	@Autowired
	KnownCities knownCities;

	Programme programme;

	@BeforeEach
	void programme() {
		this.programme = new Programme(this.feed, this.http);
	}

	@Test
	void aCityWithdrawnNotFromTheRegistryIsDeadLetteredAndTheCityStaysAMember() {
		City porto = this.programme.joined("Porto", "PT", CIRCULAR);
		this.programme.awaitMembers(CIRCULAR, porto);

		String forged = this.feed.sendAs("/matching-service", Programme.REGISTRY,
				"eu.citiesgateway.registry.CityWithdrawn.v1", porto.id(),
				Map.of("cityId", porto.id(), "withdrawnAt", Instant.now().toString()), UUID.randomUUID().toString());

		assertThat(TopicRecords.await("error.registry.cities.v1.cluster-service",
				(r) -> forged.equals(TopicRecords.header(r, "ce_id")), 1, Duration.ZERO))
			.singleElement()
			.satisfies((record) -> assertThat(TopicRecords.header(record, "x-exception-message"))
				.contains("only /registry-service publishes to registry.cities.v1"));
		assertThat(memberIds()).contains(porto.id().toString());
		assertThat(this.knownCities.findById(porto.id())).get().satisfies((city) -> assertThat(city.active()).isTrue());
		assertThat(TopicRecords.all(MembershipIntegrationTests.TOPIC, (r) -> r.value().contains(porto.id().toString())
				&& TopicRecords.header(r, "ce_type").endsWith("MemberLeftCluster.v1")))
			.isEmpty();
	}

	@Test
	void aPairingConfirmedNotFromMatchingIsDeadLetteredAndNotRecordedInTheCluster() {
		City bilbao = this.programme.joined("Bilbao", "ES", CIRCULAR);
		City pittsburgh = this.programme.joined("Pittsburgh", "US", CIRCULAR);
		this.programme.awaitMembers(CIRCULAR, bilbao, pittsburgh);
		UUID pairing = UUID.randomUUID();

		String forged = this.feed.sendAs("/registry-service", Programme.MATCHING,
				"eu.citiesgateway.matching.PairingConfirmed.v1", pairing,
				Map.of("pairingId", pairing, "euCityId", bilbao.id(), "naCityId", pittsburgh.id(), "sharedThemes",
						List.of(CIRCULAR), "confirmedAt", Instant.now().toString()),
				UUID.randomUUID().toString());

		assertThat(TopicRecords.await("error.matching.pairings.v1.cluster-service",
				(r) -> forged.equals(TopicRecords.header(r, "ce_id")), 1, Duration.ZERO))
			.hasSize(1);
		assertThat(this.http.get("/api/clusters/" + CIRCULAR).body()).doesNotContain(pairing.toString());

		UUID genuine = this.programme.confirmed(bilbao, pittsburgh, CIRCULAR);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.http.get("/api/clusters/" + CIRCULAR).body().contains(genuine.toString()));
		assertThat(this.http.get("/api/clusters/" + CIRCULAR).body()).doesNotContain(pairing.toString());
	}

	private List<String> memberIds() {
		return this.http.get("/api/clusters/" + CIRCULAR)
			.json()
			.get("members")
			.values()
			.stream()
			.map((member) -> member.get("memberId").asString())
			.toList();
	}

}
