package eu.citiesgateway.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.cluster.Programme.City;
import eu.citiesgateway.platform.test.AccessContract;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.web.security.Scopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.cluster.ActivityIntegrationTests.at;
import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what in the clusters: the clusters, their members, the activities and the
 * calendar feeds are public, every change needs {@code clusters:write}, and the audit
 * trail records the changes.
 */
@ClusterIntegrationTest
class AccessIntegrationTests {

	static final String CIRCULAR = "circular-economy";

	static final String ACTIVITIES = "/api/clusters/" + CIRCULAR + "/activities";

	@Autowired
	EventFeed feed;

	@Autowired
	Http http;

	City lyon;

	City denver;

	@BeforeEach
	void twoMembers() {
		Programme programme = new Programme(this.feed, this.http);
		this.lyon = programme.joined("Lyon", "FR", CIRCULAR);
		this.denver = programme.joined("Denver", "US", CIRCULAR);
		programme.awaitMembers(CIRCULAR, this.lyon, this.denver);
	}

	@Test
	void everyOperationIsOnThePublicListOrNeedsItsScope() {
		AccessContract.of(this.http)
			.publicly("GET /api/clusters", "GET /api/clusters/{id}", "GET /api/clusters/{clusterId}/members/{memberId}",
					"GET /api/activities", "GET /api/activities/{id}", "GET /api/clusters/{id}/calendar.ics",
					"GET /api/cities/{id}/calendar.ics")
			.require(Scopes.CLUSTERS_WRITE, "POST /api/clusters/{clusterId}/members",
					"DELETE /api/clusters/{clusterId}/members/{memberId}", "POST /api/clusters/{clusterId}/activities",
					"PATCH /api/activities/{id}", "POST /api/activities/{id}/completion",
					"POST /api/activities/{id}/cancellation")
			.require(Scopes.OPS, "GET /api/audit")
			.verify();
	}

	@Test
	void schedulingWithoutClustersWriteIsRefusedAndSchedulesNothing() {
		Http.Response anonymous = this.http.anonymous().postJson(ACTIVITIES, hub());
		Http.Response lacking = this.http.as(TestTokens.withEveryScopeExcept(List.of(Scopes.CLUSTERS_WRITE)))
			.postJson(ACTIVITIES, hub());

		assertProblem(anonymous, 401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
		assertProblem(lacking, 403);
		assertThat(lacking.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"")
			.contains("scope=\"clusters:write\"");
		assertThat(lacking.json().get("requiredScopes").values()).extracting(JsonNode::asString)
			.containsExactly("clusters:write");
		assertThat(activitiesOf(this.lyon)).isEmpty();
		Http.Response allowed = this.http.as(TestTokens.withScopes(Scopes.CLUSTERS_WRITE)).postJson(ACTIVITIES, hub());
		assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);
		assertThat(activitiesOf(this.lyon)).containsExactly(allowed.json().get("id").asString());
	}

	@Test
	void theClustersTheirMembersActivitiesAndCalendarFeedsAnswerWithoutAToken() {
		String id = schedule(this.http, hub()).json().get("id").asString();
		Http anonymous = this.http.anonymous();

		assertThat(anonymous.get("/api/clusters").json().values()).extracting((c) -> c.get("id").asString())
			.contains(CIRCULAR);
		JsonNode cluster = anonymous.get("/api/clusters/" + CIRCULAR).json();
		assertThat(cluster.get("members").values()).extracting((m) -> m.get("memberId").asString())
			.contains(this.lyon.id().toString(), this.denver.id().toString());
		assertThat(cluster.get("upcomingActivities").values()).extracting((a) -> a.get("id").asString()).contains(id);
		Http.Response member = anonymous.get("/api/clusters/" + CIRCULAR + "/members/" + this.denver.id());
		assertThat(member.status()).as(member.body()).isEqualTo(200);
		assertThat(member.json().get("role").asString()).isEqualTo("member");
		Http.Response activity = anonymous.get("/api/activities/" + id);
		assertThat(activity.status()).as(activity.body()).isEqualTo(200);
		assertThat(activity.header("ETag")).isEqualTo("\"1\"");
		assertThat(activitiesOf(this.denver)).containsExactly(id);
		for (String feed : List.of("/api/clusters/" + CIRCULAR + "/calendar.ics",
				"/api/cities/" + this.denver.id() + "/calendar.ics")) {
			Http.Response calendar = anonymous.get(feed);
			assertThat(calendar.status()).as(feed).isEqualTo(200);
			assertThat(calendar.contentType()).startsWith("text/calendar");
			assertThat(calendar.body()).contains("UID:" + id + "@citiesgateway.eu");
		}
	}

	@Test
	void theAuditTrailRecordsAScheduledActivityAndItsCancellationWithTheTokensSubject() {
		Instant before = Instant.now();
		String subject = "officer-" + UUID.randomUUID();
		Http officer = this.http.as(TestTokens.token()
			.subject(subject)
			.scopes(List.of(Scopes.CLUSTERS_WRITE))
			.claim("client_id", "programme-staff")
			.mint());
		String id = schedule(officer, hub()).json().get("id").asString();
		Http.Response cancelled = officer.postJson("/api/activities/" + id + "/cancellation",
				"{\"reason\": \"Speakers unavailable\"}");
		assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

		JsonNode scheduled = awaitRecord("POST /api/clusters/{clusterId}/activities", id, before);
		assertThat(scheduled.get("subject").asString()).isEqualTo(subject);
		assertThat(scheduled.get("clientId").asString()).isEqualTo("programme-staff");
		assertThat(scheduled.get("scope").asString()).isEqualTo("clusters:write");
		assertThat(scheduled.get("outcome").asInt()).isEqualTo(201);
		JsonNode cancellation = awaitRecord("POST /api/activities/{id}/cancellation", id, before);
		assertThat(cancellation.get("subject").asString()).isEqualTo(subject);
		assertThat(cancellation.get("scope").asString()).isEqualTo("clusters:write");
		assertThat(cancellation.get("outcome").asInt()).isEqualTo(200);
	}

	/**
	 * The audit record of an action on a target, once written: the trail is written after
	 * the answer, so a client may read it a moment before it is there.
	 */
	private JsonNode awaitRecord(String action, String target, Instant from) {
		Http ops = this.http.as(TestTokens.withScopes(Scopes.OPS));
		String query = "/api/audit?size=100&from=" + from + "&action="
				+ action.replace(" ", "+").replace("{", "%7B").replace("}", "%7D");
		return await().atMost(Duration.ofSeconds(10))
			.until(() -> ops.get(query)
				.json()
				.get("content")
				.values()
				.stream()
				.filter((record) -> target.equals(record.get("target").asString(null)))
				.findFirst()
				.orElse(null), (record) -> record != null);
	}

	private List<String> activitiesOf(City city) {
		return this.http.anonymous()
			.get("/api/activities?cluster=" + CIRCULAR + "&city=" + city.id())
			.json()
			.get("content")
			.values()
			.stream()
			.map((activity) -> activity.get("id").asString())
			.toList();
	}

	private static Http.Response schedule(Http http, String body) {
		Http.Response response = http.postJson(ACTIVITIES, body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response;
	}

	private String hub() {
		return """
				{"type": "thematic-hub", "title": "Circular procurement", "participantCityIds": ["%s", "%s"],
				 "startsAt": "%s", "endsAt": "%s", "online": true}
				""".formatted(this.lyon.id(), this.denver.id(), at(25, 15), at(25, 17));
	}

}
