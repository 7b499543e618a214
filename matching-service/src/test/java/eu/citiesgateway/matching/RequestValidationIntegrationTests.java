package eu.citiesgateway.matching;

import java.util.Collections;
import java.util.UUID;

import eu.citiesgateway.platform.test.Http;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad requests get RFC 9457 problem details naming the offending fields, and change
 * nothing.
 */
@MatchingIntegrationTest
class RequestValidationIntegrationTests {

	@Autowired
	Http http;

	@Test
	void aMinimumAboveTheMaximumAndNegativeCapacitiesAreRejectedWithTheirFields() {
		Http.Response response = this.http.postJson("/api/rounds",
				"{\"minPartners\": 4, \"maxPartners\": 3, \"naCapacity\": -1}");

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactlyInAnyOrder("naCapacity", "minPartners");
		assertThat(response.message("minPartners")).contains("must not exceed maxPartners (3)");
		assertThat(response.message("naCapacity")).contains("-1");
	}

	@Test
	void unknownOrMalformedCohortIdsAndUnknownThemesAreRejectedOneByOne() {
		UUID unknown = UUID.randomUUID();
		Http.Response response = this.http.postJson("/api/rounds", "{\"cohort\": {\"cityIds\": [\"" + unknown
				+ "\", \"lyon\"], \"themes\": [\"circular-economy\", \"space-travel\"]}}");

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("cohort.cityIds[0]", "cohort.cityIds[1]", "cohort.themes[1]");
		assertThat(response.message("cohort.cityIds[0]")).contains("unknown city " + unknown);
		assertThat(response.message("cohort.themes[1]")).contains("circular-economy");
	}

	@Test
	void wrongTypesUnknownFieldsAndMalformedJsonAreAnsweredNeverA500() {
		Http.Response wrongType = this.http.postJson("/api/rounds", "{\"minPartners\": \"two\"}");
		assertProblem(wrongType, 400);
		assertThat(wrongType.fields()).containsExactly("minPartners");

		Http.Response unknownField = this.http.postJson("/api/rounds", "{\"partners\": 2}");
		assertProblem(unknownField, 400);
		assertThat(unknownField.fields()).containsExactly("partners");

		assertProblem(this.http.postJson("/api/rounds", "{\"minPartners\": "), 400);
		assertProblem(this.http.post("/api/rounds", "text/plain", "minPartners=2"), 415);
	}

	@Test
	void aCohortLongerThanAllowedIsRejectedAndAnOversizeBodyRefused() {
		Http.Response tooMany = this.http.postJson("/api/rounds", "{\"cohort\": {\"cityIds\": [" + ids(5001) + "]}}");
		assertProblem(tooMany, 400);
		assertThat(tooMany.fields()).containsExactly("cohort.cityIds");

		assertProblem(this.http.postJson("/api/rounds", "{\"cohort\": {\"cityIds\": [" + ids(7000) + "]}}"), 413);
	}

	private static String ids(int count) {
		return String.join(",", Collections.nCopies(count, "\"" + UUID.randomUUID() + "\""));
	}

	@Test
	void decisionsNeedASideAndAReason() {
		String id = UUID.randomUUID().toString();

		Http.Response noSide = this.http.postJson("/api/pairings/" + id + "/declines", "{\"reason\": \" \"}");
		assertProblem(noSide, 400);
		assertThat(noSide.fields()).containsExactlyInAnyOrder("side", "reason");

		Http.Response badSide = this.http.postJson("/api/pairings/" + id + "/acceptances", "{\"side\": \"EAST\"}");
		assertProblem(badSide, 400);
		assertThat(badSide.fields()).containsExactly("side");

		Http.Response tooLong = this.http.postJson("/api/pairings/" + id + "/declines",
				"{\"side\": \"EU\", \"reason\": \"" + "x".repeat(2001) + "\"}");
		assertProblem(tooLong, 400);
		assertThat(tooLong.fields()).containsExactly("reason");
	}

	@Test
	void aReasonOrOutcomeWithControlBidiOrInvisibleCharactersIsRefusedByName() {
		String id = UUID.randomUUID().toString();

		Http.Response control = this.http.postJson("/api/pairings/" + id + "/declines",
				"{\"side\": \"EU\", \"reason\": \"Not us\\u0000\"}");
		Http.Response bidi = this.http.postJson("/api/pairings/" + id + "/declines",
				"{\"side\": \"EU\", \"reason\": \"Not \\u202Eus\"}");
		Http.Response invisible = this.http.postJson("/api/pairings/" + id + "/completion",
				"{\"outcome\": \"Done\\u200B\"}");
		Http.Response lines = this.http.postJson("/api/pairings/" + id + "/declines",
				"{\"side\": \"EU\", \"reason\": \"Line one\\r\\nLine two\"}");

		assertProblem(control, 400);
		assertThat(control.message("reason")).contains("control characters (U+0000)");
		assertProblem(bidi, 400);
		assertThat(bidi.message("reason")).contains("bidirectional");
		assertProblem(invisible, 400);
		assertThat(invisible.message("outcome")).contains("invisible");
		// a reason may run over lines: it passes the checks and meets the unknown pairing
		assertProblem(lines, 404);
	}

	@Test
	void unknownPairingsAndRoundsAreNotFoundAndMalformedIdsAreBadRequests() {
		assertProblem(this.http.get("/api/pairings/" + UUID.randomUUID()), 404);
		assertProblem(this.http.postJson("/api/pairings/" + UUID.randomUUID() + "/acceptances", "{\"side\": \"EU\"}"),
				404);
		assertProblem(this.http.get("/api/rounds/" + UUID.randomUUID()), 404);
		assertProblem(this.http.get("/api/pairings/not-an-id"), 400);
	}

	@Test
	void searchesAreBounded() {
		Http.Response tooBig = this.http.get("/api/pairings?size=1000");
		assertProblem(tooBig, 400);
		assertThat(tooBig.fields()).containsExactly("size");

		Http.Response badStatus = this.http.get("/api/pairings?status=MARRIED");
		assertProblem(badStatus, 400);
		assertThat(badStatus.message("status")).startsWith("'MARRIED' is not one of PROPOSED");

		Http.Response misspelt = this.http.get("/api/pairings?statsu=PROPOSED");
		assertProblem(misspelt, 400);
		assertThat(misspelt.fields()).containsExactly("statsu");

		Http.Response notUtf8 = this.http.get("/api/pairings?cityId=%FF");
		assertProblem(notUtf8, 400);
		assertThat(notUtf8.fields()).containsExactly("cityId");

		assertThat(this.http.get("/api/pairings?status=PROPOSED&size=5").status()).isEqualTo(200);
	}

}
