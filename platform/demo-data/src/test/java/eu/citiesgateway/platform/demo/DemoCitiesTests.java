package eu.citiesgateway.platform.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DemoCities}.
 */
class DemoCitiesTests {

	private static final String HEADER = "name,country,region,population,latitude,longitude,languages,themes,topics,"
			+ "offers,seeks,website,contact.name,contact.role,contact.email";

	private static final Set<String> THEMES = Set.of("nature-based-solutions", "circular-economy",
			"digital-inclusive-innovation", "affordable-housing");

	private static final Set<String> COUNTRIES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
			"DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "US",
			"CA");

	@Test
	void committedFileIsExactlyTheOutputOfTheDefaultSeed() throws IOException {
		try (InputStream in = getClass().getClassLoader().getResourceAsStream("demo/demo-cities.csv")) {
			assertThat(in).as("demo/demo-cities.csv on the classpath").isNotNull();
			assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
				.as("demo-cities.csv is generated: run DemoCities.main to change it")
				.isEqualTo(DemoCities.csv(DemoCities.DEFAULT_SEED));
		}
		assertThat(DemoCities.DEFAULT_SEED).isEqualTo(2026);
	}

	@Test
	void outputStartsWithTheImportHeader() {
		assertThat(DemoCities.csv(DemoCities.DEFAULT_SEED)).startsWith(HEADER + "\n");
	}

	@Test
	void everyCityOfTheSourceBecomesOneRow() throws IOException {
		assertThat(records(DemoCities.csv(DemoCities.DEFAULT_SEED))).hasSize(2198);
	}

	@Test
	void everyRowIsAValidImportRow() throws IOException {
		for (CSVRecord city : records(DemoCities.csv(DemoCities.DEFAULT_SEED))) {
			String name = city.get("name");
			assertThat(name).isNotBlank();
			assertThat(city.get("country")).as(name).isIn(COUNTRIES);
			assertThat(city.get("region")).as(name).isNotBlank();
			assertThat(Long.parseLong(city.get("population"))).as(name).isGreaterThanOrEqualTo(50_000);
			assertThat(list(city, "languages")).as(name).isNotEmpty().contains("en").doesNotHaveDuplicates();
			assertThat(list(city, "themes")).as(name).hasSizeBetween(1, 4).doesNotHaveDuplicates().isSubsetOf(THEMES);
			assertThat(list(city, "topics")).as(name)
				.hasSizeBetween(2, 4)
				.doesNotHaveDuplicates()
				.allSatisfy((topic) -> {
					assertThat(topic).isNotBlank();
					assertThat(topic).isLowerCase();
				});
			List<String> offers = list(city, "offers");
			List<String> seeks = list(city, "seeks");
			assertThat(offers).as(name).hasSizeBetween(1, 3).doesNotHaveDuplicates();
			assertThat(seeks).as(name).hasSizeBetween(1, 3).doesNotHaveDuplicates();
			assertThat(offers).as(name).doesNotContainAnyElementsOf(seeks);
			assertThat(city.get("website")).as(name).isEmpty();
			assertThat(city.get("contact.name")).as(name).isEmpty();
			assertThat(city.get("contact.role")).as(name).isEmpty();
			assertThat(city.get("contact.email")).as(name).isEmpty();
		}
	}

	@Test
	void regionsAreTheNamesPeopleReadNeverCodes() throws IOException {
		Map<String, String> regions = new HashMap<>();
		for (CSVRecord city : records(DemoCities.csv(DemoCities.DEFAULT_SEED))) {
			regions.put(city.get("name") + "/" + city.get("country"), city.get("region"));
			assertThat(city.get("region")).as(city.get("name")).doesNotMatch("[0-9A-Z]{1,3}");
		}
		assertThat(regions).containsEntry("Lyon/FR", "Auvergne-Rhône-Alpes")
			.containsEntry("Vienna/AT", "Vienna")
			.containsEntry("Munich/DE", "Bavaria")
			.containsEntry("Los Angeles/US", "California");
	}

	@Test
	void canadianRegionsAreProvinceNamesAndQuebecSpeaksFrench() throws IOException {
		CSVRecord montreal = records(DemoCities.csv(DemoCities.DEFAULT_SEED)).stream()
			.filter((city) -> city.get("name").equals("Montréal"))
			.findFirst()
			.orElseThrow();
		assertThat(montreal.get("country")).isEqualTo("CA");
		assertThat(montreal.get("region")).isEqualTo("Quebec");
		assertThat(list(montreal, "languages")).containsExactly("fr", "en");
	}

	@Test
	void sameSeedGivesTheSameOutput() {
		assertThat(DemoCities.csv(7)).isEqualTo(DemoCities.csv(7));
	}

	@Test
	void anotherSeedGivesADifferentOutput() {
		assertThat(DemoCities.csv(7)).isNotEqualTo(DemoCities.csv(DemoCities.DEFAULT_SEED));
	}

	@Test
	void citiesAreTheRowsOfTheCsvOfTheSameSeed() throws IOException {
		List<DemoCity> cities = DemoCities.cities(7);
		assertThat(cities).isEqualTo(records(DemoCities.csv(7)).stream().map(DemoCitiesTests::city).toList());
	}

	@Test
	void citiesCarryTheSourceValuesAndTheGeneratedOnes() throws IOException {
		Map<String, CSVRecord> rows = new HashMap<>();
		records(DemoCities.csv(DemoCities.DEFAULT_SEED)).forEach((row) -> rows.put(row.get("name"), row));
		Map<String, DemoCity> cities = new HashMap<>();
		DemoCities.cities(DemoCities.DEFAULT_SEED).forEach((city) -> cities.put(city.name(), city));
		for (String name : List.of("Vienna", "Montréal", "Pazardzhik", "Winterhude", "Quimper")) {
			assertThat(cities.get(name)).as(name).isEqualTo(city(rows.get(name)));
		}
		DemoCity montreal = cities.get("Montréal");
		assertThat(montreal.country()).isEqualTo("CA");
		assertThat(montreal.region()).isEqualTo("Quebec");
		assertThat(montreal.population()).isEqualTo(1_600_000);
		assertThat(montreal.latitude()).isEqualTo(45.50884);
		assertThat(montreal.longitude()).isEqualTo(-73.58781);
		assertThat(montreal.languages()).containsExactly("fr", "en");
		assertThat(rows.get("Winterhude").get("longitude")).isEqualTo("10");
		assertThat(rows.get("Pazardzhik").get("latitude")).isEqualTo("42.2");
	}

	@Test
	void citiesCannotBeChanged() {
		List<DemoCity> cities = DemoCities.cities(7);
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> cities.remove(0));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> cities.get(0).offers().add("anything"));
	}

	private static DemoCity city(CSVRecord row) {
		return new DemoCity(row.get("name"), row.get("country"), row.get("region"),
				Long.parseLong(row.get("population")), Double.parseDouble(row.get("latitude")),
				Double.parseDouble(row.get("longitude")), list(row, "languages"), list(row, "themes"),
				list(row, "topics"), list(row, "offers"), list(row, "seeks"));
	}

	private static List<CSVRecord> records(String csv) throws IOException {
		try (CSVParser parser = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(new StringReader(csv))) {
			return parser.getRecords();
		}
	}

	private static List<String> list(CSVRecord record, String column) {
		String value = record.get(column);
		return value.isEmpty() ? List.of() : Arrays.asList(value.split(";"));
	}

}
