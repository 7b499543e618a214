package eu.citiesgateway.matching.round;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import eu.citiesgateway.matching.candidate.Candidate;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.springframework.stereotype.Component;

/**
 * Pairings the programme's predecessors made (IUC, IURC), read from
 * {@code history/historical-pairings.csv}; see the README next to it.
 */
@Component
class PastPairings {

	static final String RESOURCE = "history/historical-pairings.csv";

	private final Map<String, String> programmes = new HashMap<>();

	private final List<Row> rows = new ArrayList<>();

	PastPairings() {
		try (InputStream in = PastPairings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException("Missing classpath resource " + RESOURCE);
			}
			CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
			for (CSVRecord row : CSVParser.parse(new InputStreamReader(in, StandardCharsets.UTF_8), format)) {
				this.programmes.merge(
						key(row.get("eu_city"), row.get("eu_country"), row.get("na_city"), row.get("na_country")),
						row.get("programme"), (a, b) -> a + "; " + b);
				this.rows.add(new Row(city(row.get("eu_city"), row.get("eu_country")),
						city(row.get("na_city"), row.get("na_country")), row.get("programme")));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The programme in which two cities were paired, if they were.
	 * @param eu the EU city
	 * @param na the US or Canadian city
	 * @return the programme's name
	 */
	Optional<String> between(Candidate eu, Candidate na) {
		return Optional.ofNullable(this.programmes.get(key(eu.name(), eu.country(), na.name(), na.country())));
	}

	/**
	 * The past pairings among some cities.
	 * @param eu EU cities
	 * @param na US and Canadian cities
	 * @return each past pairing as {@code [euIndex, naIndex]} with its programme
	 */
	Map<List<Integer>, String> among(List<Candidate> eu, List<Candidate> na) {
		Map<String, List<Integer>> euIndexes = indexes(eu);
		Map<String, List<Integer>> naIndexes = indexes(na);
		Map<List<Integer>, String> found = new HashMap<>();
		for (Row row : this.rows) {
			for (int i : euIndexes.getOrDefault(row.eu(), List.of())) {
				for (int j : naIndexes.getOrDefault(row.na(), List.of())) {
					found.merge(List.of(i, j), row.programme(), (a, b) -> a + "; " + b);
				}
			}
		}
		return found;
	}

	private static Map<String, List<Integer>> indexes(List<Candidate> cities) {
		Map<String, List<Integer>> indexes = new HashMap<>();
		for (int i = 0; i < cities.size(); i++) {
			indexes.computeIfAbsent(city(cities.get(i).name(), cities.get(i).country()), (key) -> new ArrayList<>())
				.add(i);
		}
		return indexes;
	}

	private static String city(String name, String country) {
		return name(name) + "|" + country.toUpperCase(Locale.ROOT);
	}

	private record Row(String eu, String na, String programme) {
	}

	int size() {
		return this.programmes.size();
	}

	private static String key(String euName, String euCountry, String naName, String naCountry) {
		return name(euName) + "|" + euCountry.toUpperCase(Locale.ROOT) + "|" + name(naName) + "|"
				+ naCountry.toUpperCase(Locale.ROOT);
	}

	private static String name(String name) {
		return Normalizer.normalize(name.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "");
	}

}
