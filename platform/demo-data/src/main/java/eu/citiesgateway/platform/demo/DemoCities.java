package eu.citiesgateway.platform.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Seeded generator of the demo cities: real GeoNames cities with illustrative themes,
 * topics, offers and seeks, as {@link DemoCity} records or as the registry's import CSV.
 */
public final class DemoCities {

	/** The seed of the committed {@code demo/demo-cities.csv}. */
	public static final long DEFAULT_SEED = 2026;

	/** Classpath location of the GeoNames source file. */
	static final String SOURCE = "demo/geonames-cities.csv";

	/** Classpath location of the generated file. */
	static final String OUTPUT = "demo/demo-cities.csv";

	/**
	 * Where {@link #main(String[])} writes by default, relative to the repository root.
	 */
	static final String DEFAULT_OUTPUT_PATH = "platform/demo-data/src/main/resources/" + OUTPUT;

	/** Columns of the registry's CSV import format. */
	static final List<String> HEADER = List.of("name", "country", "region", "population", "latitude", "longitude",
			"languages", "themes", "topics", "offers", "seeks", "website", "contact.name", "contact.role",
			"contact.email");

	/** Separator of the values of a list inside one field. */
	static final String LIST_SEPARATOR = ";";

	/**
	 * Decimals of the coordinates: GeoNames gives at most 5, so rounding a coordinate to
	 * 5 decimals gives back the source's digits exactly, on any JDK.
	 */
	private static final int COORDINATE_DECIMALS = 5;

	/** Working language added to every city. */
	private static final String WORKING_LANGUAGE = "en";

	/** The themes in their canonical order, with what a city can talk about and share. */
	private static final List<Theme> THEMES = List.of(
			new Theme("nature-based-solutions",
					List.of("urban heat", "green roofs", "stormwater", "urban forests", "biodiversity",
							"blue-green infrastructure", "urban agriculture", "air quality", "flood resilience",
							"river restoration"),
					List.of("nature-based flood protection", "green roof incentives", "urban tree planting",
							"sponge city design", "depaving schemes", "community gardens", "urban heat action plans",
							"wetland restoration", "biodiversity monitoring", "green corridors")),
			new Theme("circular-economy",
					List.of("food waste", "construction waste", "repair cafés", "secondary materials", "textile reuse",
							"sharing economy", "circular procurement", "plastics", "industrial symbiosis",
							"composting"),
					List.of("food waste prevention", "municipal repair networks", "material passports for buildings",
							"circular public procurement", "textile collection schemes", "deposit-return schemes",
							"zero-waste strategies", "reuse centres", "industrial symbiosis parks",
							"organic waste composting")),
			new Theme("digital-inclusive-innovation",
					List.of("digital twins", "open data", "smart mobility", "digital skills", "e-government",
							"broadband access", "civic tech", "data governance", "artificial intelligence",
							"cybersecurity"),
					List.of("urban digital twins", "open data portals", "digital skills training for seniors",
							"online public services", "smart traffic management", "participatory budgeting platforms",
							"public wi-fi networks", "city data governance", "civic tech partnerships",
							"AI in public services")),
			new Theme("affordable-housing",
					List.of("social housing", "co-housing", "housing finance", "energy retrofits",
							"modular construction", "homelessness", "community land trusts", "rent regulation",
							"vacant buildings", "mixed-income housing"),
					List.of("affordable housing finance", "social housing management", "co-housing models",
							"deep energy renovation", "modular housing construction", "Housing First programmes",
							"community land trusts", "vacant property reuse", "inclusionary zoning",
							"district heating")));

	/** Weights of 1, 2, 3 and 4 themes per city, out of 100. */
	private static final int[] THEME_COUNT_WEIGHTS = { 20, 45, 25, 10 };

	/** Official languages (ISO 639-1) of each supported country. */
	private static final Map<String, List<String>> COUNTRY_LANGUAGES = Map.ofEntries(Map.entry("AT", List.of("de")),
			Map.entry("BE", List.of("nl", "fr")), Map.entry("BG", List.of("bg")), Map.entry("CY", List.of("el")),
			Map.entry("CZ", List.of("cs")), Map.entry("DE", List.of("de")), Map.entry("DK", List.of("da")),
			Map.entry("EE", List.of("et")), Map.entry("ES", List.of("es")), Map.entry("FI", List.of("fi", "sv")),
			Map.entry("FR", List.of("fr")), Map.entry("GR", List.of("el")), Map.entry("HR", List.of("hr")),
			Map.entry("HU", List.of("hu")), Map.entry("IE", List.of("en", "ga")), Map.entry("IT", List.of("it")),
			Map.entry("LT", List.of("lt")), Map.entry("LU", List.of("lb", "fr", "de")), Map.entry("LV", List.of("lv")),
			Map.entry("MT", List.of("mt", "en")), Map.entry("NL", List.of("nl")), Map.entry("PL", List.of("pl")),
			Map.entry("PT", List.of("pt")), Map.entry("RO", List.of("ro")), Map.entry("SE", List.of("sv")),
			Map.entry("SI", List.of("sl")), Map.entry("SK", List.of("sk")), Map.entry("US", List.of("en")),
			Map.entry("CA", List.of("en")));

	/**
	 * Official languages of regions that differ from their country's, keyed by
	 * {@code country/admin1_code}.
	 */
	private static final Map<String, List<String>> REGION_LANGUAGES = Map.ofEntries(Map.entry("BE/VLG", List.of("nl")),
			Map.entry("BE/WAL", List.of("fr")), Map.entry("BE/BRU", List.of("fr", "nl")),
			Map.entry("CA/10", List.of("fr")), Map.entry("CA/04", List.of("en", "fr")),
			Map.entry("ES/56", List.of("es", "ca")), Map.entry("ES/60", List.of("es", "ca")),
			Map.entry("ES/07", List.of("es", "ca")), Map.entry("ES/58", List.of("es", "gl")),
			Map.entry("ES/59", List.of("es", "eu")));

	private DemoCities() {
	}

	/**
	 * Writes the demo cities CSV generated with {@link #DEFAULT_SEED}.
	 * @param args the output path, by default
	 * {@code platform/demo-data/src/main/resources/demo/demo-cities.csv} relative to the
	 * working directory
	 * @throws IOException if the file cannot be written
	 */
	public static void main(String[] args) throws IOException {
		Path output = Path.of((args.length > 0) ? args[0] : DEFAULT_OUTPUT_PATH);
		Path parent = output.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		Files.writeString(output, csv(DEFAULT_SEED), StandardCharsets.UTF_8);
		System.out.println("Wrote " + output.toAbsolutePath());
	}

	/**
	 * The demo cities, one per GeoNames city in the source's order, the same for the same
	 * seed.
	 * @param seed the seed of the random choices
	 * @return the cities, exactly the rows of {@link #csv(long) csv(seed)}
	 */
	public static List<DemoCity> cities(long seed) {
		Random random = new Random(seed);
		List<DemoCity> cities = new ArrayList<>();
		try (CSVParser parser = CSVFormat.DEFAULT.builder()
			.setHeader()
			.setSkipHeaderRecord(true)
			.get()
			.parse(openSource())) {
			for (CSVRecord city : parser) {
				cities.add(city(city, random));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return List.copyOf(cities);
	}

	/**
	 * The demo cities CSV in the registry's import format, the same for the same seed.
	 * @param seed the seed of the random choices
	 * @return the CSV text, UTF-8, with a header line and {@code \n} line endings, one
	 * row per city of {@link #cities(long) cities(seed)}
	 */
	public static String csv(long seed) {
		StringBuilder out = new StringBuilder();
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setHeader(HEADER.toArray(String[]::new))
			.setRecordSeparator("\n")
			.get();
		try (CSVPrinter printer = new CSVPrinter(out, format)) {
			for (DemoCity city : cities(seed)) {
				printer.printRecord(row(city));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

	private static Reader openSource() {
		InputStream in = DemoCities.class.getClassLoader().getResourceAsStream(SOURCE);
		if (in == null) {
			throw new IllegalStateException("Missing classpath resource " + SOURCE);
		}
		return new InputStreamReader(in, StandardCharsets.UTF_8);
	}

	private static DemoCity city(CSVRecord city, Random random) {
		String country = city.get("country");
		String admin1 = city.get("admin1_code");
		List<Theme> themes = themes(random);
		List<String> topics = topics(themes, random);
		List<String> practices = shuffled(practices(themes), random);
		int offerCount = 1 + random.nextInt(3);
		int seekCount = 1 + random.nextInt(3);
		List<String> offers = practices.subList(0, offerCount);
		List<String> seeks = practices.subList(offerCount, offerCount + seekCount);
		return new DemoCity(city.get("name"), country, city.get("admin1_name"), Long.parseLong(city.get("population")),
				coordinate(city, "latitude"), coordinate(city, "longitude"), languages(country, admin1),
				THEMES.stream().filter(themes::contains).map(Theme::id).toList(), topics, offers, seeks);
	}

	private static List<String> row(DemoCity city) {
		return List.of(city.name(), city.country(), city.region(), Long.toString(city.population()),
				coordinate(city.latitude()), coordinate(city.longitude()), join(city.languages()), join(city.themes()),
				join(city.topics()), join(city.offers()), join(city.seeks()), "", "", "", "");
	}

	private static double coordinate(CSVRecord city, String column) {
		BigDecimal value = new BigDecimal(city.get(column));
		if (value.scale() > COORDINATE_DECIMALS) {
			throw new IllegalStateException(
					"More than " + COORDINATE_DECIMALS + " decimals in " + column + " of " + city.get("name"));
		}
		return value.doubleValue();
	}

	/** The coordinate as GeoNames writes it: no trailing zeros, no exponent. */
	private static String coordinate(double value) {
		return new BigDecimal(value).setScale(COORDINATE_DECIMALS, RoundingMode.HALF_EVEN)
			.stripTrailingZeros()
			.toPlainString();
	}

	private static List<String> languages(String country, String admin1) {
		List<String> official = REGION_LANGUAGES.getOrDefault(country + "/" + admin1, COUNTRY_LANGUAGES.get(country));
		if (official == null) {
			throw new IllegalStateException("No languages for country " + country);
		}
		Set<String> languages = new LinkedHashSet<>(official);
		languages.add(WORKING_LANGUAGE);
		return List.copyOf(languages);
	}

	/** The themes of a city, the primary theme first. */
	private static List<Theme> themes(Random random) {
		int roll = random.nextInt(100);
		int count = 0;
		while (roll >= THEME_COUNT_WEIGHTS[count]) {
			roll -= THEME_COUNT_WEIGHTS[count];
			count++;
		}
		return shuffled(THEMES, random).subList(0, count + 1);
	}

	/** Two to four topics, taken from the themes in turn. */
	private static List<String> topics(List<Theme> themes, Random random) {
		int count = 2 + random.nextInt(3);
		List<List<String>> vocabularies = new ArrayList<>();
		for (Theme theme : themes) {
			vocabularies.add(shuffled(theme.topics(), random));
		}
		Set<String> topics = new LinkedHashSet<>();
		for (int i = 0; topics.size() < count; i++) {
			List<String> vocabulary = vocabularies.get(i % vocabularies.size());
			topics.add(vocabulary.get(i / vocabularies.size()));
		}
		return List.copyOf(topics);
	}

	private static List<String> practices(List<Theme> themes) {
		Set<String> practices = new LinkedHashSet<>();
		themes.forEach((theme) -> practices.addAll(theme.practices()));
		return List.copyOf(practices);
	}

	/** A Fisher-Yates shuffle, written out so the output never depends on the JDK. */
	private static <T> List<T> shuffled(List<T> values, Random random) {
		List<T> result = new ArrayList<>(values);
		for (int i = result.size() - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			T value = result.get(i);
			result.set(i, result.get(j));
			result.set(j, value);
		}
		return result;
	}

	private static String join(List<String> values) {
		return String.join(LIST_SEPARATOR, values);
	}

	private record Theme(String id, List<String> topics, List<String> practices) {

	}

}
