package eu.citiesgateway.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.candidate.Candidates;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.test.TopicRecords;
import eu.citiesgateway.platform.web.security.Scopes;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Trust and dead letters on {@code registry.cities.v1}: only the registry's events count,
 * anything else is dead-lettered having changed nothing, and operations replay only this
 * service's own dead-letter topic, to this service alone, on the record.
 */
@MatchingIntegrationTest
class DeadLetterIntegrationTests {

	static final String TOPIC = "registry.cities.v1";

	static final String DEAD_LETTERS = "error.registry.cities.v1.matching-service";

	static final String WITHDRAWN = "eu.citiesgateway.registry.CityWithdrawn.v1";

	@Autowired
	RegistryFeed registry;

	@Autowired
	EventFeed feed;

	@Autowired
	Candidates candidates;

	@Autowired
	Http http;

	@Autowired
	MeterRegistry meters;

	@Test
	void aCityWithdrawnForgedByAnotherServiceIsDeadLetteredAndTheCityStaysACandidate() {
		RegistryFeed.City city = RegistryFeed.City.eu("Koper", "SI", 53_000, List.of("sl"), List.of("circular-economy"),
				List.of(), List.of());
		this.registry.joined(city);
		await().atMost(Duration.ofSeconds(20)).until(() -> isActive(city));
		double rejectedBefore = rejected();

		String forged = this.feed.sendAs("/cluster-service", TOPIC, WITHDRAWN, city.cityId(),
				Map.of("cityId", city.cityId(), "withdrawnAt", Instant.now().toString()), UUID.randomUUID().toString());

		assertThat(TopicRecords.await(DEAD_LETTERS, (r) -> forged.equals(TopicRecords.header(r, "ce_id")), 1,
				Duration.ZERO))
			.singleElement()
			.satisfies((record) -> assertThat(TopicRecords.header(record, "x-exception-message"))
				.contains("only /registry-service publishes to registry.cities.v1"));
		await().untilAsserted(() -> assertThat(rejected() - rejectedBefore).isEqualTo(1.0));
		assertThat(isActive(city)).as("the forgery changed nothing").isTrue();

		this.registry.withdrawn(city);

		await().atMost(Duration.ofSeconds(20)).until(() -> !isActive(city));
	}

	@Test
	void aReplayOfATopicThatIsNotItsOwnDeadLetterTopicIsRefusedWithProblemDetailsAndCreatesNoTopic() {
		String madeUp = "made-up-" + UUID.randomUUID();
		String othersGroup = "error.registry.cities.v1.cluster-service";
		Map<String, String> refused = Map.of(madeUp, madeUp, othersGroup, othersGroup, TOPIC, TOPIC,
				"error.registry.cities.v1.matching-service%2Bx", "error.registry.cities.v1.matching-service+x",
				"not%20a%20topic", "not a topic", "%C3%BCber", "über");

		refused.forEach((path, topic) -> {
			Http.Response answer = this.http.post("/actuator/deadletters/" + path, "application/json", "");

			assertProblem(answer, 400);
			assertThat(answer.json().get("topic").asString()).isEqualTo(topic);
			assertThat(answer.json().get("detail").asString()).contains("'" + topic + "'")
				.contains("it can replay " + DEAD_LETTERS);
		});
		Http.Response tooLong = this.http.post("/actuator/deadletters/" + "x".repeat(300), "application/json", "");
		assertProblem(tooLong, 400);
		assertThat(SharedInfrastructure.topics()).doesNotContain(madeUp, othersGroup, "über", "x".repeat(300));
	}

	@Test
	void aReplayOfItsOwnDeadLetterTopicReachesOnlyThisServiceAndIsRecordedInTheAuditTrail() {
		UUID id = UUID.randomUUID();
		String poison = "{\"cityId\": \"" + id + "\", \"profile\": \"not a profile, " + id + "\"}";
		this.registry.sendRaw(RegistryConsumerIntegrationTests.JOINED, id, poison, UUID.randomUUID().toString());
		assertThat(TopicRecords.await(DEAD_LETTERS, (r) -> poison.equals(r.value()), 1, Duration.ZERO)).hasSize(1);
		Instant before = Instant.now();
		String subject = "operator-" + UUID.randomUUID();
		Http ops = this.http.as(TestTokens.token()
			.subject(subject)
			.scopes(List.of(Scopes.OPS))
			.claim("client_id", "ops-console")
			.mint());

		Http.Response replay = ops.post("/actuator/deadletters/" + DEAD_LETTERS, "application/json", "");

		assertThat(replay.status()).as(replay.body()).isEqualTo(200);
		JsonNode outcome = replay.json();
		assertThat(outcome.get("topic").asString()).isEqualTo(DEAD_LETTERS);
		assertThat(outcome.get("consumer").asString()).isEqualTo("registryCities-in-0");
		assertThat(outcome.get("group").asString()).isEqualTo("matching-service");
		assertThat(outcome.get("failed").asInt()).as("the poison fails again").isPositive();
		assertThat(TopicRecords.all(TOPIC, (r) -> poison.equals(r.value())))
			.as("nothing is sent back to the registry's topic, which every group reads")
			.hasSize(1);
		assertThat(TopicRecords.all(DEAD_LETTERS, (r) -> poison.equals(r.value())))
			.as("what fails again waits in the dead-letter topic for the next replay")
			.hasSize(2);

		JsonNode record = awaitAuditRecord(ops, "POST /actuator/deadletters/{topic}", DEAD_LETTERS, before);
		assertThat(record.get("subject").asString()).isEqualTo(subject);
		assertThat(record.get("clientId").asString()).isEqualTo("ops-console");
		assertThat(record.get("scope").asString()).isEqualTo(Scopes.OPS);
		assertThat(record.get("outcome").asInt()).isEqualTo(200);
	}

	@Test
	void aReplayNeedsTheOpsScope() {
		assertProblem(this.http.anonymous().post("/actuator/deadletters/" + DEAD_LETTERS, "application/json", ""), 401);
		assertProblem(this.http.as(TestTokens.withEveryScopeExcept(List.of(Scopes.OPS)))
			.post("/actuator/deadletters/" + DEAD_LETTERS, "application/json", ""), 403);
	}

	private boolean isActive(RegistryFeed.City city) {
		return this.candidates.findById(city.cityId()).map(Candidate::active).orElse(false);
	}

	private double rejected() {
		return this.meters.get("events.rejected").tag("topic", TOPIC).counter().count();
	}

	/**
	 * The audit record of an action on a target, once written.
	 */
	private static JsonNode awaitAuditRecord(Http ops, String action, String target, Instant from) {
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

}
