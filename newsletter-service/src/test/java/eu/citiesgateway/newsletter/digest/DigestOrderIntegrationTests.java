package eu.citiesgateway.newsletter.digest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest's answers to events that arrive late, twice or out of order (a dead-lettered
 * event replayed after later ones, a topic read again from the start), applied as the
 * consumer applies them.
 */
@NewsletterIntegrationTest
class DigestOrderIntegrationTests {

	static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	Digest digest;

	@Autowired
	MongoTemplate mongo;

	@Test
	void anActivityCancelledBeforeItsSchedulingArrivesStaysCancelled() {
		UUID activity = UUID.randomUUID();
		apply("eu.citiesgateway.cluster.ActivityCancelled.v1",
				Map.of("activityId", activity, "clusterId", "circular-economy", "type", "study-visit", "title",
						"Repair cafés of Lyon", "reason", "Postponed", "cancelledAt", "2027-02-01T10:00:00Z"));
		apply("eu.citiesgateway.cluster.ActivityScheduled.v1", scheduled(activity, "2027-01-15T10:00:00Z"));
		apply("eu.citiesgateway.cluster.ActivityRescheduled.v1", rescheduled(activity, "2027-01-20T10:00:00Z"));

		assertThat(this.mongo.findById("activity-scheduled:" + activity, DigestItem.class).cancelled()).isTrue();
		assertThat(this.digest.between(Instant.parse("2027-01-01T00:00:00Z"), Instant.parse("2027-03-01T00:00:00Z")))
			.noneMatch((item) -> item.id().equals("activity-scheduled:" + activity));
	}

	@Test
	void aSchedulingReadAgainAfterTheCancellationDoesNotUndoIt() {
		UUID activity = UUID.randomUUID();
		apply("eu.citiesgateway.cluster.ActivityScheduled.v1", scheduled(activity, "2027-01-15T10:00:00Z"));
		apply("eu.citiesgateway.cluster.ActivityCancelled.v1",
				Map.of("activityId", activity, "clusterId", "circular-economy", "type", "study-visit", "title",
						"Repair cafés of Lyon", "reason", "Postponed", "cancelledAt", "2027-02-01T10:00:00Z"));
		apply("eu.citiesgateway.cluster.ActivityScheduled.v1", scheduled(activity, "2027-01-15T10:00:00Z"));

		assertThat(this.mongo.findById("activity-scheduled:" + activity, DigestItem.class).cancelled()).isTrue();
	}

	@Test
	void anOlderProfileReadLateDoesNotRenameACity() {
		UUID city = UUID.randomUUID();
		apply("eu.citiesgateway.registry.CityProfileUpdated.v1",
				Map.of("cityId", city, "profile", profile(city, "Lyon Métropole"), "changedFields", List.of("name"),
						"updatedAt", "2027-03-01T10:00:00Z"));
		apply("eu.citiesgateway.registry.CityJoined.v1",
				Map.of("cityId", city, "profile", profile(city, "Lyon"), "joinedAt", "2027-01-01T10:00:00Z"));

		assertThat(this.digest.cities(List.of(city)).get(city)[0]).isEqualTo("Lyon Métropole");
	}

	@Test
	void anotherVersionOfAnEventIsNotReadAsTheOneItKnows() {
		UUID city = UUID.randomUUID();
		apply("eu.citiesgateway.registry.CityJoined.v2",
				Map.of("cityId", city, "profile", profile(city, "Lyon"), "joinedAt", "2027-01-01T10:00:00Z"));

		assertThat(this.mongo.findById("city-joined:" + city, DigestItem.class)).isNull();
		assertThat(this.digest.cities(List.of(city))).isEmpty();
	}

	private void apply(String type, Map<String, Object> event) {
		this.digest.apply(type, json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
	}

	private static Map<String, Object> profile(UUID city, String name) {
		return Map.of("cityId", city, "name", name, "country", "FR", "side", "EU", "themes",
				List.of("circular-economy"), "status", "ACTIVE");
	}

	private static Map<String, Object> scheduled(UUID activity, String at) {
		return Map.ofEntries(Map.entry("activityId", activity), Map.entry("clusterId", "circular-economy"),
				Map.entry("type", "study-visit"), Map.entry("title", "Repair cafés of Lyon"),
				Map.entry("startsAt", "2027-04-01T09:00:00+02:00"), Map.entry("endsAt", "2027-04-02T17:00:00+02:00"),
				Map.entry("online", false), Map.entry("location", "Lyon"), Map.entry("scheduledAt", at));
	}

	private static Map<String, Object> rescheduled(UUID activity, String at) {
		Map<String, Object> event = new java.util.HashMap<>(scheduled(activity, at));
		event.remove("scheduledAt");
		event.put("rescheduledAt", at);
		return event;
	}

}
