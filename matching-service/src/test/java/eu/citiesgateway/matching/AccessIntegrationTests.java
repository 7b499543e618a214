package eu.citiesgateway.matching;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.matching.RegistryFeed.City;
import eu.citiesgateway.platform.test.AccessContract;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.web.security.Scopes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may do what in matching: confirmed pairings are public, the rest needs
 * {@code matching:read} or a representative of one of the cities; rounds and completions
 * need {@code matching:write}; a representative decides for its own city's side only; and
 * the audit trail records who decided.
 */
@MatchingIntegrationTest
class AccessIntegrationTests {

	static final String CIRCULAR = "circular-economy";

	@Autowired
	Http http;

	@Autowired
	Matchmaking matchmaking;

	@Test
	void everyOperationIsOnThePublicListOrNeedsItsScope() {
		AccessContract.of(this.http)
			.publicly("GET /api/pairings", "GET /api/pairings/{id}")
			.require(Scopes.MATCHING_READ, "GET /api/rounds/{id}")
			.require(Scopes.MATCHING_WRITE, "POST /api/rounds", "POST /api/pairings/{id}/completion")
			.requireAny(List.of(Scopes.MATCHING_WRITE, Scopes.PAIRINGS_DECIDE), "POST /api/pairings/{id}/acceptances",
					"POST /api/pairings/{id}/declines")
			.require(Scopes.OPS, "GET /api/audit")
			.verify();
	}

	@Test
	void aRepresentativeCannotDecideForTheOtherSideNorOnAPairingWithoutItsCityAndNothingChanges() {
		Proposed proposed = propose();
		String lyonDenver = proposed.lyonDenver();
		Http lyon = this.http.as(TestTokens.representativeOf(proposed.lyon.cityId()));
		Http ottawa = this.http.as(TestTokens.representativeOf(proposed.ottawa.cityId()));

		Http.Response otherSide = lyon.postJson(acceptances(lyonDenver), "{\"side\": \"NA\"}");
		assertProblem(otherSide, 403);
		assertThat(otherSide.json().get("detail").asString()).contains(proposed.lyon.cityId().toString(), lyonDenver,
				"EU side");
		assertProblem(lyon.postJson(declines(lyonDenver), "{\"side\": \"NA\", \"reason\": \"Not us\"}"), 403);
		Http.Response notItsPairing = ottawa.postJson(acceptances(lyonDenver), "{\"side\": \"NA\"}");
		assertProblem(notItsPairing, 403);
		assertThat(notItsPairing.json().get("detail").asString()).contains("not a party");
		assertProblem(ottawa.postJson(declines(lyonDenver), "{\"side\": \"NA\", \"reason\": \"Not us\"}"), 403);

		JsonNode unchanged = this.http.get("/api/pairings/" + lyonDenver).json();
		assertThat(unchanged.get("status").asString()).isEqualTo("PROPOSED");
		assertThat(unchanged.get("acceptedBy").values()).isEmpty();
		assertThat(unchanged.get("declinedBy").isNull()).isTrue();
	}

	@Test
	void aDecideTokenWithoutAValidCityIdMayNotDecide() {
		Proposed proposed = propose();
		String withoutCity = TestTokens.withScopes(Scopes.PAIRINGS_DECIDE);
		String notACityId = TestTokens.token()
			.subject("representative-of-nowhere")
			.scopes(List.of(Scopes.PAIRINGS_DECIDE))
			.claim(Scopes.CITY_ID_CLAIM, "lyon")
			.mint();

		for (String token : List.of(withoutCity, notACityId)) {
			Http.Response refused = this.http.as(token)
				.postJson(acceptances(proposed.lyonDenver()), "{\"side\": \"EU\"}");
			assertProblem(refused, 403);
			assertThat(refused.json().get("detail").asString()).contains("city_id");
			assertProblem(this.http.as(token)
				.postJson(declines(proposed.lyonDenver()), "{\"side\": \"EU\", \"reason\": \"Not us\"}"), 403);
		}
		assertThat(this.http.get("/api/pairings/" + proposed.lyonDenver()).json().get("status").asString())
			.isEqualTo("PROPOSED");
	}

	@Test
	void aRepresentativeAcceptsAndDeclinesForItsOwnCitysSide() {
		Proposed proposed = propose();

		Http.Response lyon = this.http.as(TestTokens.representativeOf(proposed.lyon.cityId()))
			.postJson(acceptances(proposed.lyonDenver()), "{\"side\": \"EU\"}");
		assertThat(lyon.status()).as(lyon.body()).isEqualTo(200);
		assertThat(lyon.json().get("acceptedBy").values()).extracting(JsonNode::asString).containsExactly("EU");
		Http.Response denver = this.http.as(TestTokens.representativeOf(proposed.denver.cityId()))
			.postJson(acceptances(proposed.lyonDenver()), "{\"side\": \"NA\"}");
		assertThat(denver.status()).as(denver.body()).isEqualTo(200);
		assertThat(denver.json().get("status").asString()).isEqualTo("CONFIRMED");

		Http.Response ottawa = this.http.as(TestTokens.representativeOf(proposed.ottawa.cityId()))
			.postJson(declines(proposed.lyonOttawa()), "{\"side\": \"NA\", \"reason\": \"We lead another network\"}");
		assertThat(ottawa.status()).as(ottawa.body()).isEqualTo(200);
		assertThat(ottawa.json().get("status").asString()).isEqualTo("DECLINED");
		assertThat(ottawa.json().get("declinedBy").asString()).isEqualTo("NA");
	}

	@Test
	void aProposedPairingIsReadWithMatchingReadOrByARepresentativeOfOneOfItsCities() {
		Proposed proposed = propose();
		String path = "/api/pairings/" + proposed.lyonDenver();

		Http.Response anonymous = this.http.anonymous().get(path);
		assertProblem(anonymous, 401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
		assertProblem(this.http.as(TestTokens.withEveryScopeExcept(List.of(Scopes.MATCHING_READ))).get(path), 403);
		assertProblem(this.http.as(TestTokens.representativeOf(proposed.ottawa.cityId())).get(path), 403);
		assertThat(anonymous.body()).doesNotContain(proposed.lyon.cityId().toString());

		Http.Response reader = this.http.as(TestTokens.withScopes(Scopes.MATCHING_READ)).get(path);
		assertThat(reader.status()).as(reader.body()).isEqualTo(200);
		assertThat(reader.json().get("status").asString()).isEqualTo("PROPOSED");
		assertThat(reader.header("Vary")).contains("Authorization");
		for (City party : List.of(proposed.lyon, proposed.denver)) {
			Http.Response representative = this.http.as(TestTokens.representativeOf(party.cityId())).get(path);
			assertThat(representative.status()).as(representative.body()).isEqualTo(200);
		}
	}

	@Test
	void confirmedAndCompletedPairingsArePublic() {
		Proposed proposed = propose();
		String path = "/api/pairings/" + proposed.lyonDenver();
		confirm(proposed.lyonDenver());

		Http.Response confirmed = this.http.anonymous().get(path);
		assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
		assertThat(confirmed.json().get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(
				this.http.postJson(path + "/completion", "{\"outcome\": \"A joint pilot on reuse centres\"}").status())
			.isEqualTo(200);
		Http.Response completed = this.http.anonymous().get(path);
		assertThat(completed.status()).as(completed.body()).isEqualTo(200);
		assertThat(completed.json().get("status").asString()).isEqualTo("COMPLETED");
		assertProblem(this.http.anonymous().get("/api/pairings/" + proposed.lyonOttawa()), 401);
	}

	@Test
	void aSearchWithoutMatchingReadFindsTheConfirmedPairingsAndARepresentativeAlsoThoseOfItsCity() {
		Proposed proposed = propose();
		confirm(proposed.lyonDenver());
		String round = "/api/pairings?roundId=" + proposed.roundId;

		assertThat(ids(this.http.anonymous().get(round))).containsExactly(proposed.lyonDenver());
		assertThat(ids(this.http.anonymous().get("/api/pairings?cityId=" + proposed.lyon.cityId())))
			.containsExactly(proposed.lyonDenver());
		assertThat(ids(this.http.as(TestTokens.withEveryScopeExcept(List.of(Scopes.MATCHING_READ))).get(round)))
			.containsExactly(proposed.lyonDenver());
		assertThat(ids(this.http.as(TestTokens.representativeOf(proposed.denver.cityId())).get(round)))
			.containsExactly(proposed.lyonDenver());
		assertThat(ids(this.http.as(TestTokens.representativeOf(proposed.ottawa.cityId())).get(round)))
			.containsExactlyInAnyOrder(proposed.lyonDenver(), proposed.lyonOttawa());
		assertThat(ids(this.http.as(TestTokens.withScopes(Scopes.MATCHING_READ)).get(round)))
			.containsExactlyInAnyOrder(proposed.lyonDenver(), proposed.lyonOttawa());
		// paging counts what the caller may see
		JsonNode firstPage = this.http.as(TestTokens.representativeOf(proposed.ottawa.cityId()))
			.get(round + "&size=1")
			.json();
		assertThat(firstPage.get("content").values()).hasSize(1);
		assertThat(firstPage.get("page").get("totalElements").asInt()).isEqualTo(2);
		assertThat(this.http.anonymous().get(round).header("Vary")).contains("Authorization");
	}

	@Test
	void aSearchForProposedPairingsNeedsMatchingReadOrIsLimitedToARepresentativesCity() {
		Proposed proposed = propose();
		confirm(proposed.lyonDenver());
		String proposedInRound = "/api/pairings?status=PROPOSED&roundId=" + proposed.roundId;

		assertProblem(this.http.anonymous().get(proposedInRound), 401);
		assertProblem(this.http.anonymous().get("/api/pairings?status=PROPOSED"), 401);
		Http.Response forbidden = this.http.as(TestTokens.withEveryScopeExcept(List.of(Scopes.MATCHING_READ)))
			.get(proposedInRound);
		assertProblem(forbidden, 403);
		assertThat(forbidden.body()).doesNotContain(proposed.lyonOttawa());

		assertThat(ids(this.http.as(TestTokens.representativeOf(proposed.ottawa.cityId())).get(proposedInRound)))
			.containsExactly(proposed.lyonOttawa());
		assertThat(ids(this.http.as(TestTokens.representativeOf(proposed.denver.cityId())).get(proposedInRound)))
			.isEmpty();
		assertThat(ids(this.http.as(TestTokens.withScopes(Scopes.MATCHING_READ)).get(proposedInRound)))
			.containsExactly(proposed.lyonOttawa());
		assertThat(ids(this.http.anonymous().get("/api/pairings?status=CONFIRMED&roundId=" + proposed.roundId)))
			.containsExactly(proposed.lyonDenver());
	}

	@Test
	void theAuditTrailRecordsARepresentativesAcceptanceWithItsSubjectAndCity() {
		Instant before = Instant.now();
		Proposed proposed = propose();
		UUID lyon = proposed.lyon.cityId();
		assertProblem(this.http.as(TestTokens.representativeOf(proposed.ottawa.cityId()))
			.postJson(acceptances(proposed.lyonDenver()), "{\"side\": \"EU\"}"), 403);

		Http.Response accepted = this.http.as(TestTokens.representativeOf(lyon))
			.postJson(acceptances(proposed.lyonDenver()), "{\"side\": \"EU\"}");
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

		Http operations = this.http.as(TestTokens.withScopes(Scopes.OPS));
		String acceptances = "/api/audit?size=100&action=POST+/api/pairings/%7Bid%7D/acceptances&from=" + before;
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			List<JsonNode> records = operations.get(acceptances)
				.json()
				.get("content")
				.values()
				.stream()
				.filter((record) -> proposed.lyonDenver().equals(record.get("target").asString()))
				.toList();
			assertThat(records).singleElement().satisfies((record) -> {
				assertThat(record.get("subject").asString()).isEqualTo("representative-" + lyon);
				assertThat(record.get("cityId").asString()).isEqualTo(lyon.toString());
				assertThat(record.get("clientId").asString()).isEqualTo("test-client");
				assertThat(record.get("scope").asString()).isEqualTo(Scopes.PAIRINGS_DECIDE);
				assertThat(record.get("outcome").asInt()).isEqualTo(200);
			});
		});
	}

	/**
	 * Lyon proposed to Denver and to Ottawa, in a round over these three new cities.
	 */
	private Proposed propose() {
		City lyon = City.eu("Lyon", "FR", 522_250, List.of("fr", "en"), List.of(CIRCULAR), List.of("reuse centres"),
				List.of());
		City denver = City.na("Denver", "US", 715_522, List.of("en"), List.of(CIRCULAR), List.of(), List.of());
		City ottawa = City.na("Ottawa", "CA", 812_129, List.of("en", "fr"), List.of(CIRCULAR), List.of(), List.of());
		this.matchmaking.join(lyon, denver, ottawa);
		JsonNode round = this.matchmaking.round(List.of(lyon, denver, ottawa), "");
		return new Proposed(lyon, denver, ottawa, round.get("id").asString(),
				Matchmaking.proposal(round, lyon, denver).get("pairingId").asString(),
				Matchmaking.proposal(round, lyon, ottawa).get("pairingId").asString());
	}

	private void confirm(String pairingId) {
		for (String side : List.of("EU", "NA")) {
			Http.Response accepted = this.http.postJson(acceptances(pairingId), "{\"side\": \"" + side + "\"}");
			assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		}
	}

	private static List<String> ids(Http.Response page) {
		assertThat(page.status()).as(page.body()).isEqualTo(200);
		return page.json().get("content").values().stream().map((pairing) -> pairing.get("id").asString()).toList();
	}

	private static String acceptances(String pairingId) {
		return "/api/pairings/" + pairingId + "/acceptances";
	}

	private static String declines(String pairingId) {
		return "/api/pairings/" + pairingId + "/declines";
	}

	record Proposed(City lyon, City denver, City ottawa, String roundId, String lyonDenver, String lyonOttawa) {
	}

}
