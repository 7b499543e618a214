package eu.citiesgateway.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the demo cities into a registry that holds no city yet.
 */
final class DemoData {

	private static final Pattern TOTAL = Pattern.compile("\"totalElements\"\\s*:\\s*(\\d+)");

	private static final String[] OUTCOMES = { "created", "duplicate", "invalid" };

	private final HttpClient http;

	private final String registry;

	private final String token;

	/**
	 * The demo data of a registry.
	 * @param http the client
	 * @param registry the registry's URL
	 * @param token a token with {@code registry:write}
	 */
	DemoData(HttpClient http, String registry, String token) {
		this.http = http;
		this.registry = registry;
		this.token = token;
	}

	/**
	 * Imports the CSV file unless the registry already holds cities.
	 * @param csv the demo file
	 * @return a one-line summary of what happened
	 * @throws IOException if the registry cannot be reached
	 * @throws InterruptedException if interrupted while waiting for it
	 */
	String load(Path csv) throws IOException, InterruptedException {
		if (!Files.isRegularFile(csv)) {
			return "no demo file at " + csv + ", nothing imported";
		}
		Long cities = countCities();
		if (cities != null && cities > 0) {
			return "the registry already holds " + cities + " cities, nothing imported";
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.registry + "/api/cities/import"))
			.header("Content-Type", "text/csv")
			.header("Authorization", "Bearer " + this.token)
			.timeout(Duration.ofSeconds(120))
			.POST(HttpRequest.BodyPublishers.ofFile(csv))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		return "imported " + csv.getFileName() + ": " + summary(response);
	}

	private Long countCities() throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.registry + "/api/cities?size=1"))
			.timeout(Duration.ofSeconds(30))
			.build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		Matcher total = TOTAL.matcher(response.body());
		return (response.statusCode() == 200 && total.find()) ? Long.valueOf(total.group(1)) : null;
	}

	/**
	 * Counts the outcomes in an import answer: totals such as {@code "created": 12} when
	 * the answer has them, else per-row values such as {@code "status": "CREATED"}.
	 * @param response the import answer
	 * @return the counts and the HTTP status
	 */
	static String summary(HttpResponse<String> response) {
		StringBuilder summary = new StringBuilder();
		boolean found = false;
		for (String outcome : OUTCOMES) {
			long count = count(response.body(), outcome);
			found |= count >= 0;
			summary.append(Math.max(count, 0)).append(' ').append(outcome).append(", ");
		}
		return (found ? summary.toString() : "") + "HTTP " + response.statusCode();
	}

	private static long count(String json, String outcome) {
		Matcher total = Pattern.compile("\"" + outcome + "s?\"\\s*:\\s*(\\d+)", Pattern.CASE_INSENSITIVE).matcher(json);
		if (total.find()) {
			return Long.parseLong(total.group(1));
		}
		Matcher row = Pattern.compile(":\\s*\"" + outcome + "\"", Pattern.CASE_INSENSITIVE).matcher(json);
		long rows = 0;
		while (row.find()) {
			rows++;
		}
		return (rows > 0) ? rows : -1;
	}

}
