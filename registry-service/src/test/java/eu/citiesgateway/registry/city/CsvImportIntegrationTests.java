package eu.citiesgateway.registry.city;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@RegistryIntegrationTest
class CsvImportIntegrationTests {

	static final String HEADER = "name,country,region,population,latitude,longitude,languages,themes,topics,offers,seeks,"
			+ "website,contact.name,contact.role,contact.email\n";

	@Autowired
	Http http;

	@Test
	void validRowsAreKeptWhileDuplicateAndInvalidRowsAreReportedWithReasons() {
		String csv = HEADER
				+ "Tampere,FI,11,244029,61.49911,23.78712,fi;sv;en,circular-economy,Repair Cafés; repair cafés ,"
				+ "textile recycling,social housing,https://www.tampere.fi,,,\n"
				+ "\"Oulu\",FI,14,203567,65.01236,25.46816,fi;en,digital-inclusive-innovation;affordable-housing,"
				+ "open data,digital twins,co-housing,,Aino Virtanen,Coordinator,aino@oulu.example\n"
				+ "tampere,FI,11,244029,61.49911,23.78712,fi,circular-economy,,,,,,,\n"
				+ "Geneva,CH,GE,203856,46.20222,6.14569,fr,circular-economy,,,,,,,\n"
				+ "Espoo,FI,18,many,60.2052,24.6522,fi,teleportation,,,,,,,\n" + "Vantaa,FI,18\n";

		Http.Response response = this.http.post("/api/cities/import", "text/csv", csv);

		assertThat(response.status()).as(response.body()).isEqualTo(200);
		JsonNode report = response.json();
		assertThat(report.get("created").asInt()).isEqualTo(2);
		assertThat(report.get("duplicates").asInt()).isEqualTo(1);
		assertThat(report.get("invalid").asInt()).isEqualTo(3);
		JsonNode rows = report.get("rows");
		assertThat(rows.get(0).get("line").asInt()).isEqualTo(2);
		assertThat(rows.get(2).get("status").asString()).isEqualTo("duplicate");
		assertThat(rows.get(2).get("existingId").asString()).isEqualTo(rows.get(0).get("id").asString());
		assertThat(rows.get(3).get("errors").get(0).get("field").asString()).isEqualTo("country");
		assertThat(rows.get(4).get("errors").valueStream().map((e) -> e.get("field").asString()))
			.containsExactly("population", "themes[0]");
		assertThat(rows.get(5).get("errors").get(0).get("message").asString()).contains("3 fields");

		JsonNode tampere = this.http.get("/api/cities/" + rows.get(0).get("id").asString()).json();
		assertThat(tampere.get("topics").values()).extracting(JsonNode::asString).containsExactly("repair cafés");
		assertThat(tampere.get("side").asString()).isEqualTo("EU");
		JsonNode oulu = this.http.get("/api/cities/" + rows.get(1).get("id").asString()).json();
		assertThat(oulu.get("contact").get("email").asString()).isEqualTo("aino@oulu.example");
	}

	@Test
	void unknownAndMissingColumnsRejectTheWholeFile() {
		String name = "Nowhere " + java.util.UUID.randomUUID();
		Http.Response response = this.http.post("/api/cities/import", "text/csv",
				"name,country,mayor\n" + name + ",FI,Someone\n");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.contentType()).isEqualTo("application/problem+json");
		assertThat(response.json().get("errors").valueStream().map((e) -> e.get("field").asString())).contains("mayor",
				"population", "latitude", "longitude", "languages", "themes");
		assertThat(this.http.get("/api/cities?q=" + name.replace(" ", "%20"))
			.json()
			.get("page")
			.get("totalElements")
			.asLong()).isZero();
	}

	@Test
	void rowsAreReportedByTheLineWhereTheyEnd() {
		String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
		String csv = HEADER + "\n" + "Jyväskylä " + suffix + ",FI,13,144477,62.24147,25.72088,fi,circular-economy,"
				+ "\"repair cafés\",,,,,,\n" + "Kuopio " + suffix
				+ ",FI,15,121557,62.89238,27.67703,fi,circular-economy," + "\"multi\nline\",,,,,,\n" + "Lahti " + suffix
				+ ",XX,16,120027,60.98267,25.66151,fi,circular-economy,,,,,,,\n";

		JsonNode rows = this.http.post("/api/cities/import", "text/csv", csv).json().get("rows");

		assertThat(rows.valueStream().map((row) -> row.get("line").asInt())).containsExactly(3, 5, 6);
		assertThat(rows.get(2).get("status").asString()).isEqualTo("invalid");
	}

	@Test
	void anOversizeFileIsRefused() {
		StringBuilder csv = new StringBuilder(HEADER);
		while (csv.length() < 5 * 1024 * 1024 + 10) {
			csv.append("Padding,FI,01,100000,60.0,24.0,fi,circular-economy,,,,,,,\n");
		}

		Http.Response response = this.http.post("/api/cities/import", "text/csv", csv.toString());

		assertThat(response.status()).isEqualTo(413);
		assertThat(this.http.get("/api/cities?q=Padding").json().get("page").get("totalElements").asLong()).isZero();
	}

	@Test
	void theDemoFileOfRealCitiesImportsWithoutInvalidRows() throws IOException {
		String csv;
		try (InputStream demo = getClass().getResourceAsStream("/demo/demo-cities.csv")) {
			csv = new String(demo.readAllBytes(), StandardCharsets.UTF_8);
		}

		JsonNode report = this.http.post("/api/cities/import", "text/csv", csv).json();

		assertThat(report.get("invalid").asInt()).isZero();
		assertThat(report.get("created").asInt() + report.get("duplicates").asInt()).isEqualTo(2198);
		JsonNode canadian = this.http.get("/api/cities?country=CA&side=NA&size=100").json();
		assertThat(canadian.get("page").get("totalElements").asLong()).isGreaterThan(90);
	}

}
