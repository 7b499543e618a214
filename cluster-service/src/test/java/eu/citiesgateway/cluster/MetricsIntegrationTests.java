package eu.citiesgateway.cluster;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import eu.citiesgateway.cluster.Programme.City;
import eu.citiesgateway.platform.test.ConsumerGroups;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.PrometheusScrape;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.web.security.Scopes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cluster service's metrics, as Prometheus scrapes them: every series exists at 0
 * from the start, then cities joining, a confirmed pairing and an activity scheduled and
 * cancelled move them. A context of its own, on an empty database, with consumer groups
 * of its own that start at the end of the topics (so that what other test classes sent is
 * not counted) and so dead-letter topics of its own.
 */
@ClusterIntegrationTest
@TestPropertySource(properties = { "platform.metrics.max-age=0s",
		"spring.cloud.stream.bindings.registryCities-in-0.group=" + MetricsIntegrationTests.GROUP,
		"spring.cloud.stream.kafka.bindings.registryCities-in-0.consumer.start-offset=latest",
		"spring.cloud.stream.bindings.matchingPairings-in-0.group=" + MetricsIntegrationTests.GROUP,
		"spring.cloud.stream.kafka.bindings.matchingPairings-in-0.consumer.start-offset=latest" })
class MetricsIntegrationTests {

	static final String GROUP = "cluster-metrics";

	static final String CIRCULAR = "circular-economy";

	static final Map<String, List<String>> CONSUMED = Map.of("registry",
			List.of("CityJoined", "CityProfileUpdated", "CityWithdrawn", "OrganisationRegistered"), "matching",
			List.of("PairingProposed", "PairingAccepted", "PairingConfirmed", "PairingDeclined", "PairingExpired",
					"PairingWithdrawn", "PairingCompleted"));

	static final List<String> PUBLISHED = List.of("MemberJoinedCluster", "MemberRoleChanged", "MemberLeftCluster",
			"ActivityScheduled", "ActivityRescheduled", "ActivityCompleted", "ActivityCancelled");

	@Autowired
	Http http;

	@Autowired
	EventFeed feed;

	@Test
	void everySeriesExistsAtZeroFromTheStartAndMembersAndActivitiesMoveThem() {
		PrometheusScrape start = scrape();

		CONSUMED.forEach((service, types) -> {
			for (String type : types) {
				for (String counter : List.of("events_consumed_total", "events_duplicates_total",
						"events_failed_total")) {
					assertThat(start.value(counter, "application", "cluster-service", "type",
							"eu.citiesgateway." + service + "." + type + ".v1"))
						.as(counter + " " + type)
						.hasValue(0.0);
				}
			}
		});
		for (String type : PUBLISHED) {
			assertThat(start.value("events_published_total", "type", "eu.citiesgateway.cluster." + type + ".v1"))
				.as(type)
				.hasValue(0.0);
		}
		for (String topic : List.of(Programme.REGISTRY, Programme.MATCHING)) {
			assertThat(start.value("events_rejected_total", "topic", topic)).as(topic).hasValue(0.0);
		}
		for (String status : List.of("scheduled", "completed", "cancelled")) {
			for (String type : List.of("study-visit", "thematic-hub", "pilot-project")) {
				assertThat(start.value("cluster_activities", "status", status, "type", type)).as(status + " " + type)
					.hasValue(0.0);
			}
		}
		await().untilAsserted(() -> {
			PrometheusScrape scrape = scrape();
			for (String topic : List.of(Programme.REGISTRY, Programme.MATCHING)) {
				assertThat(scrape.value("events_dead_letter_depth", "topic", "error." + topic + "." + GROUP))
					.as("read from the broker in the background")
					.hasValue(0.0);
			}
		});

		ConsumerGroups.awaitPositioned(GROUP, Programme.REGISTRY, Programme.MATCHING);
		Programme programme = new Programme(this.feed, this.http);
		City lyon = programme.joined("Lyon", "FR", CIRCULAR);
		City denver = programme.joined("Denver", "US", CIRCULAR);
		programme.awaitMembers(CIRCULAR, lyon, denver);
		programme.confirmed(lyon, denver, CIRCULAR);

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.value("events_consumed_total", "type", "eu.citiesgateway.registry.CityJoined.v1"))
				.hasValue(2.0);
			assertThat(after.value("events_consumed_total", "type", "eu.citiesgateway.matching.PairingConfirmed.v1"))
				.hasValue(1.0);
			assertThat(after.value("events_published_total", "type", "eu.citiesgateway.cluster.MemberJoinedCluster.v1")
				.getAsDouble()).isGreaterThanOrEqualTo(2.0);
		});

		Http.Response scheduled = this.http.postJson("/api/clusters/" + CIRCULAR + "/activities",
				"""
						{"type": "study-visit", "title": "Reuse centres of Lyon", "description": "Three days with the metropole",
						 "hostCityId": "%s", "participantCityIds": ["%s"], "startsAt": "%s", "endsAt": "%s",
						 "location": "Lyon, Hôtel de Ville", "online": false}
						"""
					.formatted(lyon.id(), denver.id(), at(10, 9), at(12, 17)));
		assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.value("cluster_activities", "status", "scheduled", "type", "study-visit")).hasValue(1.0);
			assertThat(after.value("events_published_total", "type", "eu.citiesgateway.cluster.ActivityScheduled.v1"))
				.hasValue(1.0);
		});

		String id = scheduled.json().get("id").asString();
		assertThat(
				this.http.postJson("/api/activities/" + id + "/cancellation", "{\"reason\": \"Speakers unavailable\"}")
					.status())
			.isEqualTo(200);

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.value("cluster_activities", "status", "scheduled", "type", "study-visit")).hasValue(0.0);
			assertThat(after.value("cluster_activities", "status", "cancelled", "type", "study-visit")).hasValue(1.0);
		});
	}

	private PrometheusScrape scrape() {
		Http.Response answer = this.http.as(TestTokens.withScopes(Scopes.OPS)).get("/actuator/prometheus");
		assertThat(answer.status()).isEqualTo(200);
		return PrometheusScrape.of(answer.body());
	}

	private static String at(int days, int hour) {
		return OffsetDateTime.now(ZoneOffset.ofHours(1))
			.plusDays(days)
			.withHour(hour)
			.truncatedTo(ChronoUnit.HOURS)
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

}
