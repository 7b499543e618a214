package eu.citiesgateway.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.matching.RegistryFeed.City;
import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.candidate.Candidates;
import eu.citiesgateway.matching.pairing.Decisions;
import eu.citiesgateway.matching.pairing.Pairing;
import eu.citiesgateway.platform.test.EventContracts;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registry events in, a round, the sides' decisions, and the events out, through the real
 * broker and store.
 */
@MatchingIntegrationTest
class PairingLifecycleIntegrationTests {

	static final String TOPIC = "matching.pairings.v1";

	static final String CIRCULAR = "circular-economy";

	static final String HOUSING = "affordable-housing";

	static final String TWO_PARTNERS = ", \"maxPartners\": 2";

	@Autowired
	RegistryFeed registry;

	@Autowired
	Candidates candidates;

	@Autowired
	Http http;

	@Autowired
	Decisions decisions;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Matchmaking matchmaking;

	@Test
	void registryEventsInARoundAndPairingProposedOutForEveryProposal() {
		Cohort cohort = cohort();

		JsonNode round = runRound(cohort, TWO_PARTNERS);

		assertThat(round.get("proposals").values()).hasSize(4);
		for (JsonNode proposal : round.get("proposals").values()) {
			assertThat(proposal.get("sharedThemes").values()).isNotEmpty();
			assertThat(proposal.get("reasons").values()).extracting((reason) -> reason.get("criterion").asString())
				.contains("shared-themes", "eu-offers-meet-na-seeks", "similar-size", "past-pairing");
		}
		assertThat(round.get("belowMinimum").values()).isEmpty();
		List<ConsumerRecord<String, String>> proposed = proposedIn(round, 4);
		assertThat(proposed).allSatisfy((record) -> {
			EventContracts.assertValid(record);
			assertThat(TopicRecords.header(record, "ce_type"))
				.isEqualTo("eu.citiesgateway.matching.PairingProposed.v1");
			assertThat(json(record).get("roundId").asString()).isEqualTo(round.get("id").asString());
		});
		// Lyon offers what Denver seeks: the explanation names it
		JsonNode lyonDenver = Matchmaking.proposal(round, cohort.lyon, cohort.denver);
		assertThat(lyonDenver.get("reasons").values())
			.filteredOn((reason) -> reason.get("criterion").asString().equals("eu-offers-meet-na-seeks"))
			.singleElement()
			.satisfies((reason) -> assertThat(reason.get("overlap").values()).extracting(JsonNode::asString)
				.containsExactly("green roof incentives"));
	}

	@Test
	void bothSidesAcceptingConfirmsThePairing() {
		JsonNode round = runRound(cohort(), TWO_PARTNERS);
		String pairingId = round.get("proposals").get(0).get("pairingId").asString();

		Http.Response eu = this.http.postJson("/api/pairings/" + pairingId + "/acceptances", "{\"side\": \"EU\"}");
		assertThat(eu.status()).isEqualTo(200);
		assertThat(eu.json().get("status").asString()).isEqualTo("PROPOSED");
		Http.Response na = this.http.postJson("/api/pairings/" + pairingId + "/acceptances", "{\"side\": \"NA\"}");

		assertThat(na.status()).isEqualTo(200);
		assertThat(na.json().get("status").asString()).isEqualTo("CONFIRMED");
		List<ConsumerRecord<String, String>> events = TopicRecords.await(TOPIC, (r) -> pairingId.equals(r.key()), 4,
				Duration.ofMillis(500));
		assertThat(events).extracting((record) -> TopicRecords.header(record, "ce_type"))
			.containsExactly("eu.citiesgateway.matching.PairingProposed.v1",
					"eu.citiesgateway.matching.PairingAccepted.v1", "eu.citiesgateway.matching.PairingAccepted.v1",
					"eu.citiesgateway.matching.PairingConfirmed.v1");
		events.forEach(EventContracts::assertValid);
		assertThat(json(events.get(3)).get("sharedThemes").values()).isNotEmpty();
	}

	@Test
	void aDeclineBringsOneNewProposalForThatSlotOnlyAndNeverTheDeclinedPair() {
		Cohort cohort = cohort();
		JsonNode round = runRound(cohort, TWO_PARTNERS);
		JsonNode declined = Matchmaking.proposal(round, cohort.lyon, cohort.denver);
		String declinedId = declined.get("pairingId").asString();

		Http.Response decline = this.http.postJson("/api/pairings/" + declinedId + "/declines",
				"{\"side\": \"NA\", \"reason\": \"We work with Lyon through another network already\"}");

		assertThat(decline.status()).isEqualTo(200);
		assertThat(decline.json().get("status").asString()).isEqualTo("DECLINED");
		List<ConsumerRecord<String, String>> refills = TopicRecords.await(TOPIC,
				(r) -> TopicRecords.header(r, "ce_type").endsWith("PairingProposed.v1")
						&& declinedId.equals(json(r).get("replaces").asString(null)),
				1, Duration.ofSeconds(1));
		JsonNode refill = json(refills.get(0));
		assertThat(refill.get("euCityId").asString()).isEqualTo(cohort.lyon.cityId().toString());
		assertThat(refill.get("naCityId").asString()).isNotEqualTo(cohort.denver.cityId().toString());
		EventContracts.assertValid(refills.get(0));
		// the rest of the round stays as it was: one new pairing in the round, none
		// elsewhere
		JsonNode inRound = this.http.get("/api/pairings?roundId=" + round.get("id").asString() + "&size=100").json();
		assertThat(inRound.get("page").get("totalElements").asLong()).isEqualTo(5);
		// and a later round never proposes the declined pair
		JsonNode next = runRound(cohort, ", \"maxPartners\": 4, \"naCapacity\": 4");
		assertThat(next.get("proposals").values())
			.noneMatch((p) -> p.get("euCityId").asString().equals(cohort.lyon.cityId().toString())
					&& p.get("naCityId").asString().equals(cohort.denver.cityId().toString()));
	}

	@Test
	void anUnansweredProposalExpiresAndItsSlotIsRefilled() {
		Cohort cohort = cohort();
		JsonNode round = runRound(cohort, TWO_PARTNERS);
		String dueId = Matchmaking.proposal(round, cohort.lyon, cohort.denver).get("pairingId").asString();
		// a month passes for this proposal only
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(UUID.fromString(dueId))),
				Update.update("expiresAt", Instant.now().minusSeconds(60)), Pairing.class);

		assertThat(this.decisions.expireDue()).isEqualTo(1);

		List<ConsumerRecord<String, String>> expired = TopicRecords.await(TOPIC,
				(r) -> dueId.equals(r.key()) && TopicRecords.header(r, "ce_type").endsWith("PairingExpired.v1"), 1,
				Duration.ofMillis(500));
		EventContracts.assertValid(expired.get(0));
		List<ConsumerRecord<String, String>> refills = TopicRecords.await(TOPIC,
				(r) -> TopicRecords.header(r, "ce_type").endsWith("PairingProposed.v1")
						&& dueId.equals(json(r).get("replaces").asString(null)),
				1, Duration.ofMillis(500));
		assertThat(json(refills.get(0)).get("euCityId").asString()).isEqualTo(cohort.lyon.cityId().toString());
		assertThat(this.http.get("/api/pairings/" + dueId).json().get("status").asString()).isEqualTo("EXPIRED");
	}

	@Test
	void aConfirmedPairingIsCompletedWithAnOutcomeOnce() {
		JsonNode round = runRound(cohort(), TWO_PARTNERS);
		String id = round.get("proposals").get(0).get("pairingId").asString();
		this.http.postJson("/api/pairings/" + id + "/acceptances", "{\"side\": \"EU\"}");
		this.http.postJson("/api/pairings/" + id + "/acceptances", "{\"side\": \"NA\"}");

		Http.Response completed = this.http.postJson("/api/pairings/" + id + "/completion",
				"{\"outcome\": \"A joint pilot on municipal reuse centres, 2027-2028\"}");
		Http.Response again = this.http.postJson("/api/pairings/" + id + "/completion", "{\"outcome\": \"Again\"}");

		assertThat(completed.status()).isEqualTo(200);
		assertThat(completed.json().get("status").asString()).isEqualTo("COMPLETED");
		assertThat(again.status()).isEqualTo(409);
		List<ConsumerRecord<String, String>> events = TopicRecords.await(TOPIC,
				(r) -> id.equals(r.key()) && TopicRecords.header(r, "ce_type").endsWith("PairingCompleted.v1"), 1,
				Duration.ofMillis(500));
		EventContracts.assertValid(events.get(0));
	}

	@Test
	void decidingOnAPairingThatIsNoLongerOpenIsAConflictNamingItsState() {
		JsonNode round = runRound(cohort(), TWO_PARTNERS);
		String pairingId = round.get("proposals").get(0).get("pairingId").asString();
		this.http.postJson("/api/pairings/" + pairingId + "/declines", "{\"side\": \"EU\", \"reason\": \"Too far\"}");

		Http.Response accept = this.http.postJson("/api/pairings/" + pairingId + "/acceptances", "{\"side\": \"NA\"}");

		assertThat(accept.status()).isEqualTo(409);
		assertThat(accept.contentType()).isEqualTo("application/problem+json");
		assertThat(accept.json().get("state").asString()).isEqualTo("DECLINED");
		assertThat(accept.json().get("detail").asString()).contains("DECLINED");
	}

	@Test
	void aWithdrawnCityLeavesThePoolAndItsPairingsAreWithdrawn() {
		Cohort cohort = cohort();
		JsonNode round = runRound(cohort, TWO_PARTNERS);
		City leaving = cohort.all()
			.stream()
			.filter((city) -> city.cityId().toString().equals(round.get("proposals").get(0).get("naCityId").asString()))
			.findFirst()
			.orElseThrow();
		List<String> pairings = round.get("proposals")
			.values()
			.stream()
			.filter((p) -> p.get("naCityId").asString().equals(leaving.cityId().toString()))
			.map((p) -> p.get("pairingId").asString())
			.toList();

		this.registry.withdrawn(leaving);

		List<ConsumerRecord<String, String>> withdrawn = TopicRecords.await(TOPIC,
				(r) -> pairings.contains(r.key()) && TopicRecords.header(r, "ce_type").endsWith("PairingWithdrawn.v1"),
				pairings.size(), Duration.ofMillis(500));
		withdrawn.forEach(EventContracts::assertValid);
		assertThat(withdrawn).allSatisfy((record) -> assertThat(json(record).get("withdrawnCityId").asString())
			.isEqualTo(leaving.cityId().toString()));
		assertThat(this.candidates.findById(leaving.cityId())).get().extracting(Candidate::active).isEqualTo(false);
		Http.Response again = this.http.postJson("/api/rounds",
				"{\"cohort\": {\"cityIds\": [\"" + leaving.cityId() + "\"]}}");
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.json().get("errors").get(0).get("field").asString()).isEqualTo("cohort.cityIds[0]");
		assertThat(again.json().get("errors").get(0).get("message").asString()).contains("withdrawn");
	}

	@Test
	void theSameRegistryEventDeliveredTwiceIsAppliedOnce() {
		City graz = City.eu("Graz", "AT", 291_072, List.of("de", "en"), List.of(CIRCULAR), List.of("reuse centres"),
				List.of());
		String ceId = this.registry.joined(graz);
		this.matchmaking.awaitCandidates(graz);

		// redelivered with the same ce_id; were it applied, its later time would make
		// the projection ignore the update that follows
		City replayed = new City(graz.cityId(), "Graz (replayed)", "AT", "EU", null, 1, 45, 5, List.of("de"),
				List.of(CIRCULAR), List.of(), List.of(), List.of(), null, "ACTIVE");
		this.registry.send("CityJoined", graz.cityId(),
				Map.of("cityId", graz.cityId(), "profile", replayed, "joinedAt", "2030-01-01T00:00:00Z"), ceId);
		City updated = new City(graz.cityId(), "Graz", "AT", "EU", null, 300_000, 45, 5, List.of("de", "en"),
				List.of(CIRCULAR), List.of("urban heat"), List.of("reuse centres"), List.of(), null, "ACTIVE");
		this.registry.send(
				"CityProfileUpdated", graz.cityId(), Map.of("cityId", graz.cityId(), "profile", updated,
						"changedFields", List.of("population"), "updatedAt", Instant.now().toString()),
				UUID.randomUUID().toString());

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.candidates.findById(graz.cityId())).get()
				.satisfies((candidate) -> assertThat(candidate.population()).isEqualTo(300_000)));
		assertThat(this.candidates.findById(graz.cityId()).orElseThrow().name()).isEqualTo("Graz");
	}

	private JsonNode runRound(Cohort cohort, String extra) {
		return this.matchmaking.round(cohort.all(), extra);
	}

	private List<ConsumerRecord<String, String>> proposedIn(JsonNode round, int count) {
		List<String> ids = round.get("proposals").values().stream().map((p) -> p.get("pairingId").asString()).toList();
		return TopicRecords.await(TOPIC, (r) -> ids.contains(r.key()), count, Duration.ofMillis(500));
	}

	private static JsonNode json(ConsumerRecord<String, String> record) {
		return JsonMapper.shared().readTree(record.value());
	}

	/**
	 * Two EU cities and four US and Canadian cities, new for each test. Lyon and Denver
	 * offer what the other seeks; Malmö shares a theme with Austin and Burlington only;
	 * Ottawa and Burlington are Canadian.
	 */
	private Cohort cohort() {
		City lyon = City.eu("Lyon", "FR", 522_250, List.of("fr", "en"), List.of(CIRCULAR, HOUSING),
				List.of("green roof incentives"), List.of("reuse centres"));
		City malmo = City.eu("Malmö", "SE", 301_706, List.of("sv", "en"), List.of(HOUSING), List.of("reuse centres"),
				List.of("co-housing"));
		City denver = City.na("Denver", "US", 715_522, List.of("en"), List.of(CIRCULAR), List.of("reuse centres"),
				List.of("green roof incentives"));
		City austin = City.na("Austin", "US", 931_830, List.of("en"), List.of(HOUSING, CIRCULAR), List.of(), List.of());
		City ottawa = City.na("Ottawa", "CA", 812_129, List.of("en", "fr"), List.of(CIRCULAR), List.of(), List.of());
		City burlington = City.na("Burlington", "CA", 164_415, List.of("en"), List.of(CIRCULAR, HOUSING),
				List.of("co-housing"), List.of());
		Cohort cohort = new Cohort(lyon, malmo, denver, austin, ottawa, burlington);
		this.matchmaking.join(cohort.all().toArray(City[]::new));
		return cohort;
	}

	record Cohort(City lyon, City malmo, City denver, City austin, City ottawa, City burlington) {

		List<City> all() {
			return List.of(this.lyon, this.malmo, this.denver, this.austin, this.ottawa, this.burlington);
		}

	}

}
