package eu.citiesgateway.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.cluster.Programme.City;
import eu.citiesgateway.cluster.directory.KnownCities;
import eu.citiesgateway.platform.test.EventContracts;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Memberships from the registry's events and from the API, through the real broker.
 */
@ClusterIntegrationTest
class MembershipIntegrationTests {

	static final String TOPIC = "clusters.memberships.v1";

	static final String CIRCULAR = "circular-economy";

	static final String HOUSING = "affordable-housing";

	static final String NATURE = "nature-based-solutions";

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
	void aCityJoiningWithTwoThemesIsAMemberOfExactlyThoseTwoClustersWithOneEventEach() {
		City lyon = this.programme.joined("Lyon", "FR", CIRCULAR, HOUSING);
		this.programme.awaitMembers(CIRCULAR, lyon);
		this.programme.awaitMembers(HOUSING, lyon);

		List<ConsumerRecord<String, String>> joined = joinedEvents(lyon, 2);

		assertThat(joined).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(CIRCULAR, HOUSING);
		joined.forEach(EventContracts::assertValid);
		assertThat(joined).allSatisfy((record) -> {
			JsonNode event = json(record);
			assertThat(event.get("kind").asString()).isEqualTo("city");
			assertThat(event.get("role").asString()).isEqualTo("member");
			assertThat(event.get("cause").asString()).isEqualTo("theme");
		});
		assertThat(memberIds(NATURE)).doesNotContain(lyon.id().toString());
		assertThat(memberIds("digital-inclusive-innovation")).doesNotContain(lyon.id().toString());
	}

	@Test
	void theSameCityJoinedDeliveredTwiceMakesNoSecondMembership() {
		City graz = new City(UUID.randomUUID(), "Graz", "AT", "EU", List.of(CIRCULAR));
		Map<String, Object> event = Map.of("cityId", graz.id(), "profile", profile(graz), "joinedAt",
				"2026-11-01T10:00:00Z");
		String ceId = this.feed.send(Programme.REGISTRY, "eu.citiesgateway.registry.CityJoined.v1", graz.id(), event);
		this.programme.awaitMembers(CIRCULAR, graz);

		this.feed.send(Programme.REGISTRY, "eu.citiesgateway.registry.CityJoined.v1", graz.id(), event, ceId);
		// a later event of the same city, on the same partition: once it shows, the
		// duplicate before it was handled
		this.programme.updated(graz, CIRCULAR, NATURE);
		this.programme.awaitMembers(NATURE, graz);

		assertThat(TopicRecords.readFor(TOPIC,
				(record) -> json(record).get("memberId").asString().equals(graz.id().toString()),
				Duration.ofSeconds(1)))
			.extracting(ConsumerRecord::key)
			.containsExactlyInAnyOrder(CIRCULAR, NATURE);
		assertThat(memberIds(CIRCULAR)).filteredOn(graz.id().toString()::equals).hasSize(1);
	}

	@Test
	void aThemeRemovedByAProfileUpdateEndsThatMembershipOnly() {
		City malmo = this.programme.joined("Malmö", "SE", CIRCULAR, HOUSING);
		this.programme.awaitMembers(HOUSING, malmo);

		this.programme.updated(malmo, CIRCULAR);

		List<ConsumerRecord<String, String>> left = TopicRecords
			.await(TOPIC,
					(r) -> r.key().equals(HOUSING) && TopicRecords.header(r, "ce_type").endsWith("MemberLeftCluster.v1")
							&& json(r).get("memberId").asString().equals(malmo.id().toString()),
					1, Duration.ofMillis(500));
		EventContracts.assertValid(left.get(0));
		assertThat(json(left.get(0)).get("cause").asString()).isEqualTo("theme-removed");
		assertThat(memberIds(HOUSING)).doesNotContain(malmo.id().toString());
		assertThat(memberIds(CIRCULAR)).contains(malmo.id().toString());
	}

	@Test
	void aWithdrawnCityLeavesEveryCluster() {
		City turin = this.programme.joined("Turin", "IT", CIRCULAR, NATURE);
		this.programme.awaitMembers(NATURE, turin);

		this.programme.withdrawn(turin);

		await().atMost(Duration.ofSeconds(20))
			.until(() -> !memberIds(CIRCULAR).contains(turin.id().toString())
					&& !memberIds(NATURE).contains(turin.id().toString()));
		assertThat(TopicRecords.await(TOPIC,
				(r) -> json(r).get("memberId").asString().equals(turin.id().toString())
						&& TopicRecords.header(r, "ce_type").endsWith("MemberLeftCluster.v1"),
				2, Duration.ofMillis(500)))
			.allSatisfy((record) -> assertThat(json(record).get("cause").asString()).isEqualTo("city-withdrawn"));
	}

	@Test
	void aCityWithdrawnBeforeItsJoiningArrivesJoinsNoCluster() {
		City celje = Programme.city("Celje", "SI", CIRCULAR);
		// the joining was dead-lettered and is replayed after the withdrawal (one key:
		// one partition, read in this order)
		this.programme.withdrawn(celje);
		this.programme.joined(celje);

		await().atMost(Duration.ofSeconds(20)).until(() -> this.knownCities.existsById(celje.id()));
		assertThat(this.knownCities.findById(celje.id())).get()
			.satisfies((city) -> assertThat(city.active()).isFalse());
		assertThat(memberIds(CIRCULAR)).doesNotContain(celje.id().toString());
	}

	@Test
	void staffAddAnOrganisationChangeItsRoleAndRemoveIt() {
		City ghent = this.programme.joined("Ghent", "BE", CIRCULAR);
		UUID university = this.programme.organisation(ghent, "Ghent University");
		String path = "/api/clusters/" + CIRCULAR + "/members";
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.http.postJson(path, "{\"memberId\": \"" + university + "\", \"kind\": \"organisation\"}")
				.status() == 201);

		Http.Response coordinator = this.http.postJson(path,
				"{\"memberId\": \"" + university + "\", \"kind\": \"organisation\", \"role\": \"coordinator\"}");
		Http.Response removed = this.http.delete(path + "/" + university);
		Http.Response again = this.http.delete(path + "/" + university);

		assertThat(coordinator.status()).isEqualTo(200);
		assertThat(coordinator.json().get("role").asString()).isEqualTo("coordinator");
		assertThat(removed.status()).isEqualTo(204);
		assertThat(again.status()).isEqualTo(404);
		List<ConsumerRecord<String, String>> events = TopicRecords.await(TOPIC,
				(r) -> json(r).get("memberId").asString().equals(university.toString()), 3, Duration.ofMillis(500));
		assertThat(events).extracting((r) -> TopicRecords.header(r, "ce_type"))
			.containsExactly("eu.citiesgateway.cluster.MemberJoinedCluster.v1",
					"eu.citiesgateway.cluster.MemberRoleChanged.v1", "eu.citiesgateway.cluster.MemberLeftCluster.v1");
		events.forEach(EventContracts::assertValid);
	}

	@Test
	void aConfirmedPairingIsVisibleInTheClustersOfItsSharedThemesOnly() {
		City lyon = this.programme.joined("Lyon", "FR", CIRCULAR, HOUSING);
		City denver = this.programme.joined("Denver", "US", CIRCULAR, NATURE);

		UUID pairing = this.programme.confirmed(lyon, denver, CIRCULAR);

		await().atMost(Duration.ofSeconds(20)).until(() -> pairingIds(CIRCULAR).contains(pairing.toString()));
		assertThat(pairingIds(HOUSING)).doesNotContain(pairing.toString());
		assertThat(pairingIds(NATURE)).doesNotContain(pairing.toString());

		this.programme.completed(pairing, lyon, denver);

		await().atMost(Duration.ofSeconds(20)).until(() -> pairingIs(CIRCULAR, pairing, "COMPLETED"));
	}

	@Test
	void aConfirmationReplayedAfterThePairingClosedIsRecordedClosed() {
		City lyon = this.programme.joined("Lyon", "FR", CIRCULAR);
		City quebec = this.programme.joined("Québec", "CA", CIRCULAR);
		UUID pairing = UUID.randomUUID();
		this.programme.completed(pairing, lyon, quebec);

		this.feed.send(Programme.MATCHING, "eu.citiesgateway.matching.PairingConfirmed.v1", pairing,
				Map.of("pairingId", pairing, "euCityId", lyon.id(), "naCityId", quebec.id(), "sharedThemes",
						List.of(CIRCULAR), "confirmedAt", "2026-11-01T10:00:00Z"));

		await().atMost(Duration.ofSeconds(20)).until(() -> pairingIs(CIRCULAR, pairing, "COMPLETED"));
	}

	private List<ConsumerRecord<String, String>> joinedEvents(City city, int count) {
		return TopicRecords.await(TOPIC,
				(r) -> TopicRecords.header(r, "ce_type").endsWith("MemberJoinedCluster.v1")
						&& json(r).get("memberId").asString().equals(city.id().toString()),
				count, Duration.ofMillis(500));
	}

	private List<String> memberIds(String cluster) {
		return this.http.get("/api/clusters/" + cluster)
			.json()
			.get("members")
			.values()
			.stream()
			.map((member) -> member.get("memberId").asString())
			.toList();
	}

	private List<String> pairingIds(String cluster) {
		return this.http.get("/api/clusters/" + cluster)
			.json()
			.get("pairings")
			.values()
			.stream()
			.map((pairing) -> pairing.get("pairingId").asString())
			.toList();
	}

	private static JsonNode json(ConsumerRecord<String, String> record) {
		return JsonMapper.shared().readTree(record.value());
	}

	private static Map<String, Object> profile(City city) {
		return Map.ofEntries(Map.entry("cityId", city.id()), Map.entry("name", city.name()),
				Map.entry("country", city.country()), Map.entry("side", city.side()), Map.entry("population", 291_072),
				Map.entry("latitude", 47.0), Map.entry("longitude", 15.4), Map.entry("languages", List.of("de")),
				Map.entry("themes", city.themes()), Map.entry("topics", List.of()), Map.entry("offers", List.of()),
				Map.entry("seeks", List.of()), Map.entry("status", "ACTIVE"));
	}

	private boolean pairingIs(String cluster, UUID pairing, String status) {
		return this.http.get("/api/clusters/" + cluster)
			.json()
			.get("pairings")
			.values()
			.stream()
			.anyMatch((p) -> p.get("pairingId").asString().equals(pairing.toString())
					&& p.get("status").asString().equals(status));
	}

}
