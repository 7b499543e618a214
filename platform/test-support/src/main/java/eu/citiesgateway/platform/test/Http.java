package eu.citiesgateway.platform.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small HTTP client for tests that talk to the running service over a real socket, as
 * its callers do: with a bearer token ({@link #as(String)}), without one
 * ({@link #anonymous()}), or as a browser that keeps cookies and sends the CSRF token of
 * the page a form came from ({@link #browser()}, {@link #submit}).
 */
public final class Http {

	private static final HttpClient sharedClient = HttpClient.newHttpClient();

	private static final JsonMapper json = JsonMapper.shared();

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private final String base;

	private final @Nullable String token;

	private final HttpClient client;

	public Http(int port) {
		this("http://localhost:" + port, null, sharedClient);
	}

	private Http(String base, @Nullable String token, HttpClient client) {
		this.base = base;
		this.token = token;
		this.client = client;
	}

	/**
	 * The same service, called with a bearer token.
	 * @param token the token, e.g. from {@link TestTokens}
	 * @return a client that sends it
	 */
	public Http as(String token) {
		return new Http(this.base, token, this.client);
	}

	/**
	 * The same service, called without a token.
	 * @return a client that sends none
	 */
	public Http anonymous() {
		return new Http(this.base, null, this.client);
	}

	/**
	 * The same service, called as a browser: without a token, keeping the cookies it is
	 * given.
	 * @return a new browser, with no cookies yet
	 */
	public Http browser() {
		return new Http(this.base, null, HttpClient.newBuilder().cookieHandler(new CookieManager()).build());
	}

	/**
	 * Opens a form page and submits the form as a browser does, with the page's CSRF
	 * token. Use it on a {@link #browser()}.
	 * @param page the path of the page with the form
	 * @param action the path the form posts to
	 * @param form the form's fields, URL-encoded
	 * @return the answer to the submission
	 */
	public Response submit(String page, String action, String form) {
		Response opened = get(page);
		String csrf = opened.csrfToken();
		return post(action, "application/x-www-form-urlencoded",
				form + (form.isEmpty() ? "" : "&") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
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

	/**
	 * A request of any method, without a body.
	 * @param method the method, e.g. {@code DELETE} on an address that does not take it
	 * @param path the path and query
	 * @param headers header names and values
	 * @return the answer
	 */
	public Response call(String method, String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.method(method, HttpRequest.BodyPublishers.noBody()), headers);
	}

	/**
	 * Sends a request as raw bytes on a socket, as a client that does not follow HTTP
	 * would: a URL with characters the container refuses, a method HTTP does not define,
	 * a body in chunks. This client's bearer token is added after the request line.
	 * @param request the request line and headers, each ended by CRLF, an empty line and
	 * the body; sent as UTF-8
	 * @return the answer, with a chunked body joined
	 */
	public Response raw(String request) {
		String sent = request;
		if (this.token != null && !request.toLowerCase(Locale.ROOT).contains("\r\nauthorization:")) {
			int line = request.indexOf("\r\n");
			sent = request.substring(0, line) + "\r\nAuthorization: Bearer " + this.token + request.substring(line);
		}
		URI uri = URI.create(this.base);
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(30_000);
			socket.getOutputStream().write(sent.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			try (InputStream in = socket.getInputStream()) {
				in.transferTo(received);
			}
			catch (IOException ex) {
				// the server may close the connection after answering, before reading all
			}
			return Response.parse(received.toString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A body sent in chunks, without a {@code Content-Length}.
	 * @param body the body
	 * @return a publisher for
	 * {@link #post(String, String, HttpRequest.BodyPublisher, String...)}
	 */
	public static HttpRequest.BodyPublisher chunked(String body) {
		HttpRequest.BodyPublisher bytes = HttpRequest.BodyPublishers.ofString(body);
		return new HttpRequest.BodyPublisher() {

			@Override
			public long contentLength() {
				return -1;
			}

			@Override
			public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
				bytes.subscribe(subscriber);
			}

		};
	}

	private Response send(HttpRequest.Builder request, String... headers) {
		boolean authorization = false;
		for (int i = 0; i < headers.length; i += 2) {
			request.setHeader(headers[i], headers[i + 1]);
			authorization |= headers[i].equalsIgnoreCase("Authorization");
		}
		if (this.token != null && !authorization) {
			request.header("Authorization", "Bearer " + this.token);
		}
		try {
			HttpResponse<String> response = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
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

		static Response parse(String text) {
			int end = text.indexOf("\r\n\r\n");
			if (end < 0) {
				throw new AssertionError("Not an HTTP answer: " + text);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			Map<String, java.util.List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.computeIfAbsent(lines[i].substring(0, colon).strip(), (name) -> new ArrayList<>())
					.add(lines[i].substring(colon + 1).strip());
			}
			String body = text.substring(end + 4);
			Response head = new Response(Integer.parseInt(lines[0].split(" ")[1]), headers, "");
			if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
				StringBuilder joined = new StringBuilder();
				int at = 0;
				int line = body.indexOf("\r\n", at);
				int size = Integer.parseInt(body.substring(at, line).strip(), 16);
				while (size > 0) {
					joined.append(body, line + 2, line + 2 + size);
					at = line + 2 + size + 2;
					line = body.indexOf("\r\n", at);
					size = Integer.parseInt(body.substring(at, line).strip(), 16);
				}
				body = joined.toString();
			}
			return new Response(head.status(), headers, body);
		}

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

		/**
		 * The CSRF token of the form in an HTML page.
		 * @return the value of its hidden {@code _csrf} field
		 */
		public String csrfToken() {
			Matcher matcher = CSRF.matcher(this.body);
			if (!matcher.find()) {
				throw new AssertionError("No CSRF token in the page " + this.body);
			}
			return matcher.group(1);
		}

	}

}
