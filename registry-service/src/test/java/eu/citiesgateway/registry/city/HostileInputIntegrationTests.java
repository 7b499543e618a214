package eu.citiesgateway.registry.city;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests of a hostile client that the registry used to answer with a 500, an HTML
 * page, or by storing what breaks its promises (issue 11): each is now a problem detail
 * naming the field, and nothing is stored.
 */
@RegistryIntegrationTest
class HostileInputIntegrationTests {

	@Autowired
	Http http;

	@Test
	void aSearchThatIsNotUtf8IsABadRequestNamingTheParameterNotA500() {
		Http.Response response = this.http.anonymous().get("/api/cities?q=%FF");

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("q");
	}

	@Test
	void aMisspeltFilterOrFilterValueIsRefusedNotIgnored() {
		Http.Response parameter = this.http.anonymous().get("/api/cities?stauts=ACTIVE");
		Http.Response value = this.http.anonymous().get("/api/cities?status=FOO");

		assertProblem(parameter, 400);
		assertThat(parameter.fields()).containsExactly("stauts");
		assertThat(parameter.message("stauts")).contains("status").contains("country");
		assertProblem(value, 400);
		assertThat(value.fields()).containsExactly("status");
		assertThat(value.message("status")).isEqualTo("'FOO' is not one of ACTIVE, WITHDRAWN");
	}

	@Test
	void aFractionalPopulationIsRefusedNotStoredAsAWholeNumber() {
		String name = "Fraction " + unique();

		Http.Response response = this.http.postJson("/api/cities", CityFixtures.lyon(name).replace("522250", "1.5"));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("population");
		assertThat(found(name)).isZero();
	}

	@Test
	void aKeySentTwiceIsRefusedByNameAndNothingIsStored() {
		String name = "Twice " + unique();

		Http.Response response = this.http.postJson("/api/cities",
				CityFixtures.lyon(name).replace("\"country\": \"FR\"", "\"country\": \"FR\", \"country\": \"DE\""));
		Http.Response nested = this.http.postJson("/api/cities", CityFixtures.lyon(name)
			.replace("\"role\": \"International relations\"", "\"role\": \"A\", \"role\": \"B\""));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("country");
		assertProblem(nested, 400);
		assertThat(nested.fields()).containsExactly("contact.role");
		assertThat(found(name)).isZero();
	}

	@Test
	void anInvisibleCharacterCannotRegisterTheSameCityTwice() {
		String suffix = unique();
		Http.Response first = this.http.postJson("/api/cities", CityFixtures.lyon("Besançon " + suffix));
		assertThat(first.status()).isEqualTo(201);

		Http.Response zeroWidthSpace = this.http.postJson("/api/cities",
				CityFixtures.lyon("Besan\\u200Bçon " + suffix));
		Http.Response zeroWidthJoiner = this.http.postJson("/api/cities",
				CityFixtures.lyon("Besan\\u200Dçon " + suffix));
		Http.Response decomposed = this.http.postJson("/api/cities", CityFixtures.lyon("Besanc\\u0327on " + suffix));

		assertProblem(zeroWidthSpace, 400);
		assertThat(zeroWidthSpace.fields()).containsExactly("name");
		assertThat(zeroWidthSpace.message("name")).contains("invisible").contains("U+200B");
		assertProblem(zeroWidthJoiner, 409);
		assertThat(zeroWidthJoiner.json().get("existingId").asString()).isEqualTo(first.json().get("id").asString());
		assertProblem(decomposed, 409);
		assertThat(found("Besançon " + suffix)).isOne();
	}

	@Test
	void aNameIsStoredComposed() {
		String suffix = unique();

		Http.Response created = this.http.postJson("/api/cities", CityFixtures.lyon("Orle\\u0301ans " + suffix));

		assertThat(created.status()).isEqualTo(201);
		assertThat(created.json().get("name").asString()).isEqualTo("Orléans " + suffix).hasSize(16);
	}

	@Test
	void bidiOverridesAndControlCharactersAreRefusedInEveryText() {
		String name = "Bidi " + unique();

		Http.Response response = this.http.postJson("/api/cities",
				CityFixtures.lyon(name)
					.replace("Auvergne-Rhône-Alpes", "Auvergne\\u202E-Rhône")
					.replace("\"food waste\"", "\"food\\rwaste\"")
					.replace("Camille Martin", "Camille\\u0007Martin")
					.replace("district heating", "district\\u2066heating"));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("contact.name", "offers[0]", "region", "topics[1]");
		assertThat(response.message("region")).contains("bidirectional").contains("U+202E");
		assertThat(response.message("topics[1]")).contains("single line").contains("U+000D");
		assertThat(found(name)).isZero();
	}

	@Test
	void tenThousandInvalidItemsGiveAShortAnswerWithTheCountOfTheRest() {
		String topics = "[" + "\" \",".repeat(9_999) + "\" \"]";
		String body = CityFixtures.lyon("Many " + unique()).replace("[\"urban heat\", \"food waste\"]", topics);
		assertThat(body.length()).isGreaterThan(40_000);

		Http.Response response = this.http.postJson("/api/cities", body);

		assertProblem(response, 400);
		assertThat(response.fields()).hasSize(100);
		// each blank item, and the list for its length
		assertThat(response.json().get("moreErrors").asInt()).isEqualTo(10_001 - 100);
		assertThat(response.body().length()).isLessThan(10_000);
	}

	@Test
	void aChunkedFormIsHeldToTheBodyLimit() {
		String name = "Form " + unique();
		String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&padding=" + "x".repeat(200_000);

		Http.Response response = this.http.post("/api/cities", "application/x-www-form-urlencoded", Http.chunked(form));

		assertProblem(response, 413);
		assertThat(found(name)).isZero();
	}

	@Test
	void unknownPathsMethodsAndMalformedRequestsAreProblemDetails() {
		assertProblem(this.http.anonymous().get("/api/citiez"), 404);
		Http.Response delete = this.http.delete("/api/cities");
		assertProblem(delete, 405);
		assertThat(delete.header("Allow")).isEqualTo("GET, HEAD, POST");
		assertProblem(
				this.http.anonymous().raw("GET /api/cities?q=a|b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
				400);
		assertProblem(this.http.anonymous().raw("BREW /api/cities HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
				405);
		assertProblem(
				this.http.anonymous().raw("GET /api/cities/..;/audit HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
				400);
	}

	@Test
	void aDeclaredCsvCharsetIsHonoured() {
		String name = "Besançon " + unique();
		String csv = CsvImportIntegrationTests.HEADER + name + ",FR,Bourgogne-Franche-Comté,117912,47.24878,6.01815,"
				+ "fr,circular-economy,,,,,,,\n";

		Http.Response response = this.http.post("/api/cities/import", "text/csv; charset=ISO-8859-1",
				HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.ISO_8859_1));

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.json().get("created").asInt()).isOne();
		assertThat(found(name)).isOne();
	}

	@Test
	void aCsvCharsetThatIsUnknownIsRefusedNamingIt() {
		Http.Response response = this.http.post("/api/cities/import", "text/csv; charset=klingon",
				CsvImportIntegrationTests.HEADER);

		assertProblem(response, 415);
		assertThat(response.json().get("detail").asString()).contains("'klingon'");
	}

	@Test
	void csvBytesThatAreNotTextInTheDeclaredCharsetAreReportedNotGuessed() {
		String name = "Besançon " + unique();
		String csv = CsvImportIntegrationTests.HEADER + name + ",FR,Bourgogne-Franche-Comté,117912,47.24878,6.01815,"
				+ "fr,circular-economy,,,,,,,\n";

		Http.Response response = this.http.post("/api/cities/import", "text/csv",
				HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.ISO_8859_1));

		assertProblem(response, 400);
		assertThat(response.message("$")).contains("not text in the charset");
		assertThat(found(name)).isZero();
	}

	private long found(String name) {
		return this.http.get("/api/cities?q=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
			.json()
			.get("page")
			.get("totalElements")
			.asLong();
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
