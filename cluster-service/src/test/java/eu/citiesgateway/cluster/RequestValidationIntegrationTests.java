package eu.citiesgateway.cluster;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.cluster.Programme.City;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests get RFC 9457 problem details naming the offending fields, and change
 * nothing.
 */
@ClusterIntegrationTest
class RequestValidationIntegrationTests {

	static final String CIRCULAR = "circular-economy";

	static final String ACTIVITIES = "/api/clusters/" + CIRCULAR + "/activities";

	@Autowired
	EventFeed feed;

	@Autowired
	Http http;

	City vienna;

	City quebec;

	City outsider;

	@BeforeEach
	void members() {
		Programme programme = new Programme(this.feed, this.http);
		this.vienna = programme.joined("Vienna", "AT", CIRCULAR);
		this.quebec = programme.joined("Québec", "CA", CIRCULAR);
		this.outsider = programme.joined("Tampa", "US", "affordable-housing");
		programme.awaitMembers(CIRCULAR, this.vienna, this.quebec);
		programme.awaitMembers("affordable-housing", this.outsider);
	}

	@Test
	void aParticipantWhoIsNotAMemberIsRejectedByName() {
		Http.Response response = schedule(hub(List.of(this.vienna.id(), this.outsider.id()),
				ActivityIntegrationTests.at(5, 10), ActivityIntegrationTests.at(5, 12)));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("participantCityIds[1]");
		assertThat(response.message("participantCityIds[1]")).contains("Tampa is not a member of the circular-economy");
	}

	@Test
	void anEndBeforeTheStartAndTimesWithoutAZoneAreRejected() {
		Http.Response backwards = schedule(
				hub(List.of(this.vienna.id()), ActivityIntegrationTests.at(5, 12), ActivityIntegrationTests.at(5, 10)));
		assertProblem(backwards, 400);
		assertThat(backwards.fields()).containsExactly("endsAt");

		Http.Response local = schedule(hub(List.of(this.vienna.id()), "2027-03-02T09:00:00", "2027-03-02T11:00:00"));
		assertProblem(local, 400);
		assertThat(local.fields()).containsExactly("startsAt", "endsAt");
		assertThat(local.message("startsAt")).contains("has no time zone offset");

		Http.Response past = schedule(
				hub(List.of(this.vienna.id()), "2020-03-02T09:00:00+01:00", "2020-03-02T11:00:00+01:00"));
		assertProblem(past, 400);
		assertThat(past.fields()).containsExactly("startsAt");
	}

	@Test
	void aTimeZoneMustAgreeWithTheOffsets() {
		String body = """
				{"type": "thematic-hub", "title": "Hub", "participantCityIds": ["%s"], "startsAt": "2027-07-02T09:00:00+01:00",
				 "endsAt": "2027-07-02T11:00:00+01:00", "timeZone": "Europe/Vienna", "online": true}
				"""
			.formatted(this.vienna.id());

		Http.Response response = schedule(body);

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("startsAt", "endsAt");
		assertThat(response.message("startsAt")).contains("+02:00");
	}

	@Test
	void eachKindOfActivityHasItsRules() {
		String visit = """
				{"type": "study-visit", "title": "Visit", "participantCityIds": ["%s"], "startsAt": "%s", "endsAt": "%s",
				 "online": true}
				"""
			.formatted(this.quebec.id(), ActivityIntegrationTests.at(5, 9), ActivityIntegrationTests.at(6, 17));
		Http.Response noHost = schedule(visit);
		assertProblem(noHost, 400);
		assertThat(noHost.fields()).containsExactlyInAnyOrder("hostCityId", "online", "location");

		String pilot = """
				{"type": "pilot-project", "title": "Pilot", "participantCityIds": ["%s"], "startsAt": "%s", "endsAt": "%s",
				 "online": true}
				"""
			.formatted(this.vienna.id(), ActivityIntegrationTests.at(5, 9), ActivityIntegrationTests.at(90, 17));
		Http.Response oneSide = schedule(pilot);
		assertProblem(oneSide, 400);
		assertThat(oneSide.fields()).containsExactlyInAnyOrder("participantCityIds", "objectives");
		assertThat(oneSide.message("participantCityIds")).contains("at least one EU and one US or Canadian city");

		Http.Response unknownType = schedule(
				hub(List.of(this.vienna.id()), ActivityIntegrationTests.at(5, 10), ActivityIntegrationTests.at(5, 12))
					.replace("thematic-hub", "picnic"));
		assertProblem(unknownType, 400);
		assertThat(unknownType.fields()).containsExactly("type");
	}

	@Test
	void completingACancelledActivityIsAConflictNamingItsState() {
		String id = schedule(hub(List.of(this.vienna.id(), this.quebec.id()), ActivityIntegrationTests.at(5, 10),
				ActivityIntegrationTests.at(5, 12)))
			.json()
			.get("id")
			.asString();
		assertThat(this.http.postJson("/api/activities/" + id + "/cancellation", "{\"reason\": \"Storm\"}").status())
			.isEqualTo(200);

		Http.Response complete = this.http.postJson("/api/activities/" + id + "/completion",
				"{\"outcomes\": [\"Done\"]}");
		Http.Response reschedule = this.http.patch("/api/activities/" + id, "{\"title\": \"Again\"}");
		Http.Response cancelAgain = this.http.postJson("/api/activities/" + id + "/cancellation",
				"{\"reason\": \"Again\"}");

		assertProblem(complete, 409);
		assertThat(complete.json().get("state").asString()).isEqualTo("CANCELLED");
		assertThat(complete.json().get("detail").asString()).contains("CANCELLED");
		assertProblem(reschedule, 409);
		assertProblem(cancelAgain, 409);
	}

	@Test
	void aPatchCannotChangeTheTypeNorNameUnknownFieldsAndAStaleIfMatchFails() {
		Http.Response created = schedule(
				hub(List.of(this.vienna.id()), ActivityIntegrationTests.at(5, 10), ActivityIntegrationTests.at(5, 12)));
		String id = created.json().get("id").asString();
		String etag = created.header("ETag");

		assertProblem(this.http.patch("/api/activities/" + id, "{\"type\": \"study-visit\"}"), 400);
		Http.Response unknown = this.http.patch("/api/activities/" + id, "{\"colour\": \"green\"}");
		assertProblem(unknown, 400);
		assertThat(unknown.fields()).containsExactly("colour");
		assertThat(this.http
			.patch("/api/activities/" + id, "{\"title\": \"Circular procurement in practice\"}", "If-Match", etag)
			.status()).isEqualTo(200);
		assertProblem(this.http.patch("/api/activities/" + id, "{\"title\": \"Lost update\"}", "If-Match", etag), 412);
	}

	@Test
	void unknownClustersActivitiesAndCitiesAreNotFound() {
		assertProblem(this.http.get("/api/clusters/space-travel"), 404);
		assertProblem(this.http.postJson("/api/clusters/space-travel/activities", "{}"), 404);
		assertProblem(this.http.get("/api/activities/" + UUID.randomUUID()), 404);
		assertProblem(
				this.http.postJson("/api/activities/" + UUID.randomUUID() + "/cancellation", "{\"reason\": \"x\"}"),
				404);
		assertProblem(this.http.get("/api/cities/" + UUID.randomUUID() + "/calendar.ics"), 404);
		assertProblem(this.http.get("/api/clusters/space-travel/calendar.ics"), 404);
		assertProblem(this.http.postJson("/api/clusters/" + CIRCULAR + "/members",
				"{\"memberId\": \"" + UUID.randomUUID() + "\", \"kind\": \"city\"}"), 404);
	}

	@Test
	void malformedAndWronglyTypedBodiesAreAnsweredNeverA500() {
		assertProblem(schedule("{\"type\": \"thematic-hub\", "), 400);
		Http.Response wrongType = schedule("{\"type\": \"thematic-hub\", \"online\": \"yes\"}");
		assertProblem(wrongType, 400);
		assertThat(wrongType.fields()).containsExactly("online");
		Http.Response unknownField = schedule("{\"type\": \"thematic-hub\", \"colour\": \"green\"}");
		assertProblem(unknownField, 400);
		assertThat(unknownField.fields()).containsExactly("colour");
		Http.Response member = this.http.postJson("/api/clusters/" + CIRCULAR + "/members",
				"{\"memberId\": \"vienna\", \"kind\": \"town\", \"role\": \"mayor\"}");
		assertProblem(member, 400);
		assertThat(member.fields()).containsExactly("memberId", "kind", "role");
		assertProblem(this.http.get("/api/activities?cluster=space-travel&size=1000"), 400);
		assertProblem(this.http.get("/api/activities?from=yesterday"), 400);
	}

	@Test
	void textsAndListsAreBounded() {
		String longTitle = "x".repeat(201);
		Http.Response response = schedule(
				hub(List.of(this.vienna.id()), ActivityIntegrationTests.at(5, 10), ActivityIntegrationTests.at(5, 12))
					.replace("\"title\": \"Circular procurement\"", "\"title\": \"" + longTitle + "\""));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("title");
	}

	private Http.Response schedule(String body) {
		return this.http.postJson(ACTIVITIES, body);
	}

	static String hub(List<UUID> participants, String startsAt, String endsAt) {
		String ids = String.join(", ", participants.stream().map((id) -> "\"" + id + "\"").toList());
		return """
				{"type": "thematic-hub", "title": "Circular procurement", "participantCityIds": [%s],
				 "startsAt": "%s", "endsAt": "%s", "online": true}
				""".formatted(ids, startsAt, endsAt);
	}

}
