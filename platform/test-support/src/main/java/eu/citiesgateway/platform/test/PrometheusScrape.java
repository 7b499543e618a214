package eu.citiesgateway.platform.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service answers at {@code /actuator/prometheus}, read as series: a name, its
 * labels and a value. For tests that check which series exist and how they move, by their
 * Prometheus names, as alerts and dashboards see them.
 */
public final class PrometheusScrape {

	private static final Pattern SAMPLE = Pattern
		.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)\\})?\\s+(\\S+)(?:\\s+\\S+)?$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

	private final List<Series> series;

	private PrometheusScrape(List<Series> series) {
		this.series = List.copyOf(series);
	}

	/**
	 * Reads a scrape in the Prometheus text format.
	 * @param text the body of {@code /actuator/prometheus}
	 * @return its series
	 */
	public static PrometheusScrape of(String text) {
		List<Series> series = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher sample = SAMPLE.matcher(line.strip());
			if (!sample.matches()) {
				throw new IllegalArgumentException("Not a Prometheus sample: " + line);
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (sample.group(2) != null) {
				Matcher label = LABEL.matcher(sample.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
				}
			}
			series.add(new Series(sample.group(1), Map.copyOf(labels), number(sample.group(3))));
		}
		return new PrometheusScrape(series);
	}

	private static double number(String value) {
		return switch (value) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			default -> Double.parseDouble(value);
		};
	}

	/**
	 * The series of a name whose labels include some.
	 * @param name the Prometheus name, e.g. {@code events_published_total}
	 * @param labels label names and values, alternating
	 * @return the series, in the order of the scrape
	 */
	public List<Series> series(String name, String... labels) {
		Map<String, String> wanted = labels(labels);
		return this.series.stream()
			.filter((s) -> s.name().equals(name) && s.labels().entrySet().containsAll(wanted.entrySet()))
			.toList();
	}

	/**
	 * The value of the one series of a name with some labels.
	 * @param name the Prometheus name
	 * @param labels label names and values, alternating
	 * @return its value, empty if there is no such series
	 * @throws IllegalArgumentException if the labels match several series
	 */
	public OptionalDouble value(String name, String... labels) {
		List<Series> found = series(name, labels);
		if (found.size() > 1) {
			throw new IllegalArgumentException(found.size() + " series match " + name + " " + labels(labels));
		}
		return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.get(0).value());
	}

	private static Map<String, String> labels(String... labels) {
		if (labels.length % 2 != 0) {
			throw new IllegalArgumentException("Labels come in name and value pairs");
		}
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < labels.length; i += 2) {
			map.put(labels[i], labels[i + 1]);
		}
		return map;
	}

	/**
	 * One series of a scrape.
	 *
	 * @param name the metric's Prometheus name
	 * @param labels its labels
	 * @param value its value
	 */
	public record Series(String name, Map<String, String> labels, double value) {

		/**
		 * One label.
		 * @param label its name
		 * @return its value, or {@code null}
		 */
		public String label(String label) {
			return this.labels.get(label);
		}

	}

}
