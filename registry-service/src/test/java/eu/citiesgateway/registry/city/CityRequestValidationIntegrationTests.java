package eu.citiesgateway.registry.city;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;

import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed, the missing, the oversize and the hostile: every bad request is answered
 * with a problem detail naming the offending fields, and nothing is written.
 */
@RegistryIntegrationTest
class CityRequestValidationIntegrationTests {

	@Autowired
	Http http;

	@Test
	void missingFieldsAreListedOneByOne() {
		Http.Response response = this.http.postJson("/api/cities", "{\"name\": \"\"}");

		assertProblem(response, 400);
		assertThat(response.fields()).contains("name", "country", "population", "latitude", "longitude", "languages",
				"themes");
	}

	@Test
	void wrongTypesAreAnsweredWithTheField() {
		Http.Response response = this.http.postJson("/api/cities",
				CityFixtures.lyon("Typed").replace("522250", "\"many\""));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("population");
	}

	@Test
	void aNumberInQuotesIsNotANumber() {
		Http.Response response = this.http.postJson("/api/cities",
				CityFixtures.lyon("Quoted").replace("522250", "\"522250\""));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("population");
	}

	@Test
	void unknownFieldsAreRejectedByName() {
		Http.Response response = this.http.postJson("/api/cities",
				CityFixtures.lyon("Unknown").replace("\"country\"", "\"$where\": \"1 == 1\", \"country\""));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("$where");
	}

	@Test
	void malformedJsonIsABadRequest() {
		Http.Response response = this.http.postJson("/api/cities", "{\"name\": \"Lyon\",");

		assertProblem(response, 400);
		assertThat(response.json().get("errors").get(0).get("message").asString()).startsWith("malformed JSON");
	}

	@Test
	void aCountryOutsideTheProgrammeIsRejectedWithTheAllowedCountries() {
		Http.Response response = this.http.postJson("/api/cities",
				CityFixtures.lyon("Zurich").replace("\"FR\"", "\"CH\""));

		assertProblem(response, 400);
		JsonNode error = response.json().get("errors").get(0);
		assertThat(error.get("field").asString()).isEqualTo("country");
		assertThat(error.get("message").asString()).contains("'CH'").contains("FR").contains("US").contains("CA");
	}

	@Test
	void themesMustBeKnownAndAtMostFour() {
		Http.Response unknown = this.http.postJson("/api/cities",
				CityFixtures.lyon("Themed").replace("\"circular-economy\",", "\"space-travel\","));
		Http.Response tooMany = this.http.postJson("/api/cities", CityFixtures.lyon("Themed")
			.replace("\"circular-economy\",", "\"circular-economy\", \"affordable-housing\", \"a\", \"b\","));

		assertProblem(unknown, 400);
		assertThat(unknown.fields()).containsExactly("themes[0]");
		assertProblem(tooMany, 400);
		assertThat(tooMany.fields()).contains("themes");
	}

	@Test
	void contactEmailAndWebsiteAreChecked() {
		Http.Response response = this.http.postJson("/api/cities",
				CityFixtures.lyon("Contacted")
					.replace("camille.martin@lyon.example", "not-an-address")
					.replace("https://www.lyon.fr", "javascript:alert(1)"));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("contact.email", "website");
	}

	@Test
	void controlCharactersAreRejected() {
		Http.Response response = this.http.postJson("/api/cities", CityFixtures.lyon("Evil\\u0000\\r\\nLog: injected"));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("name");
	}

	@Test
	void markupIsStoredAsTextAndReturnedAsJsonString() {
		Http.Response response = this.http.postJson("/api/cities", CityFixtures.lyon("<script>alert(1)</script>"));

		assertThat(response.status()).isEqualTo(201);
		assertThat(response.contentType()).startsWith("application/json");
		assertThat(response.json().get("name").asString()).isEqualTo("<script>alert(1)</script>");
	}

	@Test
	void anOversizeBodyIsRefusedBeforeItIsRead() {
		String huge = CityFixtures.lyon("Huge").replace("\"urban heat\"", "\"" + "x".repeat(70_000) + "\"");

		Http.Response response = this.http.postJson("/api/cities", huge);

		assertProblem(response, 413);
		assertThat(response.json().get("limit").asLong()).isEqualTo(65536);
	}

	@Test
	void anOversizeChunkedBodyIsCutOffAtTheLimit() {
		byte[] huge = CityFixtures.lyon("Chunked")
			.replace("\"urban heat\"", "\"" + "x".repeat(70_000) + "\"")
			.getBytes(StandardCharsets.UTF_8);
		HttpRequest.BodyPublisher chunked = new HttpRequest.BodyPublisher() {

			private final HttpRequest.BodyPublisher delegate = HttpRequest.BodyPublishers.ofByteArray(huge);

			@Override
			public long contentLength() {
				return -1;
			}

			@Override
			public void subscribe(Flow.Subscriber<? super java.nio.ByteBuffer> subscriber) {
				this.delegate.subscribe(subscriber);
			}

		};

		Http.Response response = this.http.post("/api/cities", "application/json", chunked);

		assertProblem(response, 413);
		assertThat(search("Chunked").get("page").get("totalElements").asLong()).isZero();
	}

	@Test
	void theSameCityTwiceIsAConflictNamingTheExistingOne() {
		String suffix = unique();
		Http.Response first = this.http.postJson("/api/cities", CityFixtures.lyon("Saint-Étienne " + suffix));
		Http.Response again = this.http.postJson("/api/cities", CityFixtures.lyon("  saint-etienne   " + suffix + " ")
			.replace("Auvergne-Rhône-Alpes", "auvergne-rhone-alpes"));

		assertThat(first.status()).isEqualTo(201);
		assertProblem(again, 409);
		assertThat(again.json().get("existingId").asString()).isEqualTo(first.json().get("id").asString());
		assertThat(search("Saint-Étienne " + suffix).get("page").get("totalElements").asLong()).isOne();
	}

	@Test
	void anUnknownCityIsNotFoundAndAMalformedIdABadRequest() {
		assertProblem(this.http.get("/api/cities/7d4e2b7c-1b7a-4d7e-9d0a-3c0b1a2e3f4d"), 404);
		Http.Response malformed = this.http.get("/api/cities/not-a-uuid");
		assertProblem(malformed, 400);
		assertThat(malformed.fields()).containsExactly("id");
	}

	@Test
	void aStaleUpdateIsRefusedWithTheCurrentETag() {
		Http.Response created = this.http.postJson("/api/cities", CityFixtures.lyon("Grenoble " + unique()));
		String id = created.json().get("id").asString();
		assertThat(created.header("ETag")).isEqualTo("\"1\"");
		assertThat(this.http.patch("/api/cities/" + id, "{\"population\": 160000}", "If-Match", "\"1\"").status())
			.isEqualTo(200);

		Http.Response stale = this.http.patch("/api/cities/" + id, "{\"population\": 170000}", "If-Match", "\"1\"");

		assertProblem(stale, 412);
		assertThat(stale.header("ETag")).isEqualTo("\"2\"");
		assertThat(this.http.get("/api/cities/" + id).json().get("population").asLong()).isEqualTo(160000);
	}

	@Test
	void ifMatchTakesAListOfStrongTagsAndNeverAWeakOne() {
		String id = this.http.postJson("/api/cities", CityFixtures.lyon("Valence " + unique()))
			.json()
			.get("id")
			.asString();

		Http.Response weak = this.http.patch("/api/cities/" + id, "{\"population\": 65000}", "If-Match", "W/\"1\"");
		Http.Response listed = this.http.patch("/api/cities/" + id, "{\"population\": 65000}", "If-Match",
				"\"7\", \"1\"");

		assertProblem(weak, 412);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.header("ETag")).isEqualTo("\"2\"");
	}

	@Test
	void aPatchThatChangesNothingKeepsTheVersion() {
		String id = this.http.postJson("/api/cities", CityFixtures.lyon("Vienne " + unique()))
			.json()
			.get("id")
			.asString();

		Http.Response same = this.http.patch("/api/cities/" + id, "{}");
		Http.Response sameAfterNormalising = this.http.patch("/api/cities/" + id,
				"{\"topics\": [\" Urban Heat\", \"food waste\"]}");

		assertThat(same.status()).isEqualTo(200);
		assertThat(sameAfterNormalising.header("ETag")).isEqualTo("\"1\"");
	}

	@Test
	void aReadWithTheCurrentETagIsNotModified() {
		Http.Response created = this.http.postJson("/api/cities", CityFixtures.lyon("Annecy " + unique()));
		String id = created.json().get("id").asString();

		assertThat(this.http.get("/api/cities/" + id, "If-None-Match", "\"1\"").status()).isEqualTo(304);
	}

	@Test
	void aPatchCannotChangeTheStatusIdOrVersionNorBreakTheRules() {
		String id = this.http.postJson("/api/cities", CityFixtures.lyon("Nancy " + unique()))
			.json()
			.get("id")
			.asString();

		Http.Response status = this.http.patch("/api/cities/" + id, "{\"status\": \"WITHDRAWN\"}");
		Http.Response rules = this.http.patch("/api/cities/" + id, "{\"themes\": [], \"latitude\": 123}");
		Http.Response notAnObject = this.http.patch("/api/cities/" + id, "[1, 2]");

		assertProblem(status, 400);
		assertThat(status.fields()).containsExactly("status");
		assertProblem(rules, 400);
		assertThat(rules.fields()).containsExactly("latitude", "themes");
		assertProblem(notAnObject, 400);
		assertThat(this.http.get("/api/cities/" + id).json().get("version").asLong()).isOne();
	}

	@Test
	void aWithdrawnCityCannotBeWithdrawnOrChangedAgain() {
		String id = this.http.postJson("/api/cities", CityFixtures.lyon("Metz " + unique()))
			.json()
			.get("id")
			.asString();
		assertThat(this.http.post("/api/cities/" + id + "/withdrawal", "application/json", "").status()).isEqualTo(200);

		Http.Response again = this.http.post("/api/cities/" + id + "/withdrawal", "application/json", "");
		Http.Response change = this.http.patch("/api/cities/" + id, "{\"population\": 1}");

		assertProblem(again, 409);
		assertThat(again.json().get("currentStatus").asString()).isEqualTo("WITHDRAWN");
		assertProblem(change, 409);
	}

	@Test
	void searchParametersAreChecked() {
		assertThat(this.http.get("/api/cities?side=MARS").fields()).containsExactly("side");
		assertThat(this.http.get("/api/cities?theme=space").fields()).containsExactly("theme");
		assertThat(this.http.get("/api/cities?size=1000").fields()).containsExactly("size");
		assertThat(this.http.get("/api/cities?page=-1").fields()).containsExactly("page");
		assertThat(this.http.get("/api/cities?page=21474837&size=100").fields()).containsExactly("page");
	}

	@Test
	void searchIsInsensitiveToCaseAndAccentsAndTreatsRegexAsText() {
		String suffix = unique();
		this.http.postJson("/api/cities", CityFixtures.lyon("Besançon " + suffix));

		assertThat(search("BESANCON " + suffix.toUpperCase()).get("page").get("totalElements").asLong()).isOne();
		assertThat(search(".*").get("page").get("totalElements").asLong()).isZero();
	}

	@Test
	void anUnsupportedMediaTypeIsAProblemToo() {
		Http.Response response = this.http.post("/api/cities", "text/plain", "Lyon");

		assertProblem(response, 415);
	}

	@Test
	void anOrganisationNeedsAKnownType() {
		String id = this.http.postJson("/api/cities", CityFixtures.lyon("Dijon " + unique()))
			.json()
			.get("id")
			.asString();

		Http.Response response = this.http.postJson("/api/cities/" + id + "/organisations",
				"{\"name\": \"Dijon Lab\", \"type\": \"lobby\"}");

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("type");
	}

	private static String unique() {
		return java.util.UUID.randomUUID().toString().substring(0, 8);
	}

	private JsonNode search(String text) {
		return this.http.get("/api/cities?q=" + java.net.URLEncoder.encode(text, StandardCharsets.UTF_8)).json();
	}

}
