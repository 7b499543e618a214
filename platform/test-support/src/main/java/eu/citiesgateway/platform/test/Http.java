package eu.citiesgateway.platform.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests that talk to the running service over a real socket, as
 * its callers do.
 */
public final class Http {

	private static final HttpClient client = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.shared();

	private final String base;

	public Http(int port) {
		this.base = "http://localhost:" + port;
	}

	public Response get(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).GET(), headers);
	}

	public Response post(String path, String contentType, String body, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	public Response post(String path, String contentType, HttpRequest.BodyPublisher body, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).header("Content-Type", contentType).POST(body),
				headers);
	}

	public Response postJson(String path, String body, String... headers) {
		return post(path, "application/json", body, headers);
	}

	public Response patch(String path, String body, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/merge-patch+json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	public Response put(String path, String body, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)), headers);
	}

	public Response delete(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path)).DELETE(), headers);
	}

	private Response send(HttpRequest.Builder request, String... headers) {
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer.
	 *
	 * @param status the status code
	 * @param headers the headers
	 * @param body the body as text
	 */
	public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

		/**
		 * The fields a problem-details answer lists in {@code errors}, in order.
		 * @return the field names
		 */
		public java.util.List<String> fields() {
			tools.jackson.databind.JsonNode errors = json().get("errors");
			if (errors == null) {
				throw new AssertionError("No errors in " + this.body);
			}
			return errors.values().stream().map((error) -> error.get("field").asString()).toList();
		}

		/**
		 * The message a problem-details answer gives for a field.
		 * @param field the field name
		 * @return its message
		 */
		public String message(String field) {
			return json().get("errors")
				.values()
				.stream()
				.filter((error) -> error.get("field").asString().equals(field))
				.map((error) -> error.get("message").asString())
				.findFirst()
				.orElseThrow(() -> new AssertionError("No error for " + field + " in " + this.body));
		}

		public JsonNode json() {
			return json.readTree(this.body);
		}

		public String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((e) -> e.getKey().equalsIgnoreCase(name))
				.map((e) -> e.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		public String contentType() {
			return header("Content-Type");
		}

	}

}
