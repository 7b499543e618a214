package eu.citiesgateway.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.matching.RegistryFeed.City;
import eu.citiesgateway.platform.test.ConsumerGroups;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.PrometheusScrape;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.test.TopicRecords;
import eu.citiesgateway.platform.web.security.Scopes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Matching's metrics, as Prometheus scrapes them: every series exists at 0 from the
 * start, then cities announced by the registry, a round over them, an acceptance and a
 * forged event move them. A context of its own, on an empty database, with a consumer
 * group of its own that starts at the end of the registry's topic (so that what other
 * test classes sent is not counted) and so a dead-letter topic of its own.
 */
@MatchingIntegrationTest
@TestPropertySource(properties = { "platform.metrics.max-age=0s",
		"spring.cloud.stream.bindings.registryCities-in-0.group=" + MetricsIntegrationTests.GROUP,
		"spring.cloud.stream.kafka.bindings.registryCities-in-0.consumer.start-offset=latest" })
class MetricsIntegrationTests {

	static final String GROUP = "matching-metrics";

	static final String TOPIC = "registry.cities.v1";

	static final String DEAD_LETTERS = "error.registry.cities.v1." + GROUP;

	static final List<String> CONSUMED = List.of("CityJoined", "CityProfileUpdated", "CityWithdrawn",
			"OrganisationRegistered");

	static final List<String> PUBLISHED = List.of("PairingProposed", "PairingAccepted", "PairingConfirmed",
			"PairingDeclined", "PairingExpired", "PairingWithdrawn", "PairingCompleted");

	static final List<String> STATUSES = List.of("proposed", "confirmed", "declined", "expired", "withdrawn",
			"completed");

	@Autowired
	Http http;

	@Autowired
	Matchmaking matchmaking;

	@Autowired
	EventFeed feed;

	@Test
	void everySeriesExistsAtZeroFromTheStartAndARoundAndItsDecisionsMoveThem() {
		PrometheusScrape start = scrape();

		for (String type : CONSUMED) {
			for (String counter : List.of("events_consumed_total", "events_duplicates_total", "events_failed_total")) {
				assertThat(start.value(counter, "application", "matching-service", "type",
						"eu.citiesgateway.registry." + type + ".v1"))
					.as(counter + " " + type)
					.hasValue(0.0);
			}
		}
		for (String type : PUBLISHED) {
			assertThat(start.value("events_published_total", "type", "eu.citiesgateway.matching." + type + ".v1"))
				.as(type)
				.hasValue(0.0);
		}
		assertThat(start.value("events_rejected_total", "topic", TOPIC)).hasValue(0.0);
		for (String status : STATUSES) {
			assertThat(start.value("matching_pairings", "status", status)).as(status).hasValue(0.0);
		}
		assertThat(start.value("matching_round_proposals")).hasValue(0.0);
		assertThat(start.value("matching_round_cities_below_minimum")).hasValue(0.0);
		assertThat(start.value("matching_round_duration_seconds_count")).hasValue(0.0);
		assertThat(start.value("matching_round_duration_seconds_sum")).hasValue(0.0);
		assertThat(start.value("matching_round_duration_seconds_max")).hasValue(0.0);
		await().untilAsserted(() -> assertThat(scrape().value("events_dead_letter_depth", "topic", DEAD_LETTERS))
			.as("read from the broker in the background")
			.hasValue(0.0));

		ConsumerGroups.awaitPositioned(GROUP, TOPIC);
		City lyon = City.eu("Lyon", "FR", 522_250, List.of("fr", "en"), List.of("circular-economy"),
				List.of("reuse centres"), List.of());
		City denver = City.na("Denver", "US", 715_522, List.of("en"), List.of("circular-economy"), List.of(),
				List.of());
		City ottawa = City.na("Ottawa", "CA", 812_129, List.of("en", "fr"), List.of("circular-economy"), List.of(),
				List.of());
		City vigo = City.eu("Vigo", "ES", 296_692, List.of("es"), List.of("affordable-housing"), List.of(), List.of());
		this.matchmaking.join(lyon, denver, ottawa, vigo);
		JsonNode round = this.matchmaking.round(List.of(lyon, denver, ottawa, vigo), "");
		int proposals = round.get("proposals").size();
		int belowMinimum = round.get("belowMinimum").size();
		assertThat(proposals).isEqualTo(2);
		assertThat(belowMinimum).as("Vigo: no partner works on its theme").isEqualTo(1);

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.value("events_consumed_total", "type", "eu.citiesgateway.registry.CityJoined.v1"))
				.hasValue(4.0);
			assertThat(after.value("matching_round_duration_seconds_count")).hasValue(1.0);
			assertThat(after.value("matching_round_duration_seconds_sum").getAsDouble()).isPositive();
			assertThat(after.value("matching_round_proposals")).hasValue(proposals);
			assertThat(after.value("matching_round_cities_below_minimum")).hasValue(belowMinimum);
			assertThat(after.value("matching_pairings", "status", "proposed")).hasValue(proposals);
			assertThat(after.value("events_published_total", "type", "eu.citiesgateway.matching.PairingProposed.v1"))
				.hasValue(proposals);
		});

		String pairing = Matchmaking.proposal(round, lyon, denver).get("pairingId").asString();
		for (String side : List.of("EU", "NA")) {
			assertThat(this.http.postJson("/api/pairings/" + pairing + "/acceptances", "{\"side\": \"" + side + "\"}")
				.status()).isEqualTo(200);
		}

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.value("matching_pairings", "status", "proposed")).hasValue(proposals - 1);
			assertThat(after.value("matching_pairings", "status", "confirmed")).hasValue(1.0);
			assertThat(after.value("events_published_total", "type", "eu.citiesgateway.matching.PairingConfirmed.v1"))
				.hasValue(1.0);
		});

		String forged = this.feed.sendAs("/cluster-service", TOPIC, "eu.citiesgateway.registry.CityWithdrawn.v1",
				lyon.cityId(), Map.of("cityId", lyon.cityId(), "withdrawnAt", Instant.now().toString()),
				UUID.randomUUID().toString());
		assertThat(TopicRecords.await(DEAD_LETTERS, (r) -> forged.equals(TopicRecords.header(r, "ce_id")), 1,
				Duration.ZERO))
			.hasSize(1);

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.value("events_rejected_total", "topic", TOPIC)).hasValue(1.0);
			assertThat(after.value("events_dead_letter_depth", "topic", DEAD_LETTERS)).hasValue(1.0);
			assertThat(after.value("matching_pairings", "status", "confirmed")).as("the forgery changed nothing")
				.hasValue(1.0);
		});
	}

	private PrometheusScrape scrape() {
		Http.Response answer = this.http.as(TestTokens.withScopes(Scopes.OPS)).get("/actuator/prometheus");
		assertThat(answer.status()).isEqualTo(200);
		return PrometheusScrape.of(answer.body());
	}

}
