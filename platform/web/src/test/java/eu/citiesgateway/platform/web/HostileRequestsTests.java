package eu.citiesgateway.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import eu.citiesgateway.platform.web.security.AccessRules;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a hostile or careless client sends that the container, Spring Security or Jackson
 * would otherwise answer with a 500, an HTML page or Spring Boot's own JSON, or accept
 * against the API's contract: every answer is an RFC 9457 problem detail with the right
 * status, naming the field where there is one. Each request is sent as raw bytes on a
 * socket, as such a client would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, classes = HostileRequestsTests.App.class)
@ExtendWith(OutputCaptureExtension.class)
class HostileRequestsTests {

	private static final JsonMapper json = JsonMapper.shared();

	@LocalServerPort
	int port;

	@Test
	void aQueryParameterThatIsNotUtf8IsABadRequestNamingItAndNoErrorInTheLog(CapturedOutput output) {
		Answer answer = get("/api/things?q=%FF");

		answer.assertProblem(400);
		assertThat(answer.fields()).containsExactly("q");
		assertThat(output.getOut()).doesNotContain(" ERROR ").doesNotContain("InvalidParameterException");
	}

	@Test
	void aFormFieldThatIsNotUtf8IsABadRequestNamingIt() {
		Answer answer = send("POST /api/form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
				+ "Content-Length: 14\r\nConnection: close\r\n\r\ntoken=%FFabcde");

		answer.assertProblem(400);
		assertThat(answer.fields()).containsExactly("token");
	}

	@Test
	void aChunkedFormOverTheBodyLimitIsRefusedBeforeTheEndpointRuns() {
		int before = Things.forms.get();
		String body = "q=" + "x".repeat(200_000);

		Answer answer = send("POST /api/form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
				+ "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n" + Integer.toHexString(body.length())
				+ "\r\n" + body + "\r\n0\r\n\r\n");

		answer.assertProblem(413);
		assertThat(answer.json().get("limit").asLong()).isEqualTo(65536);
		assertThat(Things.forms.get()).isEqualTo(before);
	}

	@Test
	void aFormWithinTheLimitIsTakenWithFieldsTheEndpointDoesNotName() {
		Answer answer = send("POST /api/form HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
				+ "Content-Length: 25\r\nConnection: close\r\n\r\nq=caf%C3%A9&_csrf=t&x=one");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo("café");
	}

	@Test
	void anUnknownPathIsNotFoundAndAMethodThePathDoesNotTakeIsNotAllowed() {
		get("/api/nowhere").assertProblem(404);

		Answer delete = send("DELETE /api/things HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		delete.assertProblem(405);
		assertThat(delete.header("Allow")).isEqualTo("GET, HEAD, POST");
	}

	@Test
	void whatTheContainerRefusesItselfIsAProblemDetailNotAnHtmlPage() {
		for (String target : List.of("/api/things?q=a|b", "/api/th%00ings", "/api/things%2Fx", "/api/th ings")) {
			Answer answer = send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

			answer.assertProblem(400);
		}
		Answer headers = send("GET /api/things HTTP/1.1\r\nHost: x\r\nX-Padding: " + "x".repeat(20_000)
				+ "\r\nConnection: close\r\n\r\n");
		headers.assertProblem(400);
	}

	@Test
	void whatTheFirewallRefusesIsAProblemDetail() {
		send("GET /api/things/..;/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").assertProblem(400);
		send("BREW /api/things HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").assertProblem(405);
	}

	@Test
	void anErrorSentOutsideSpringMvcIsAProblemDetail() {
		Answer answer = get("/api/things/gone");

		answer.assertProblem(410);
		assertThat(answer.json().get("instance").asString()).isEqualTo("/api/things/gone");
	}

	@Test
	void aKeySentTwiceIsRefusedByName() {
		Answer top = postJson("/api/things", "{\"n\": 1, \"t\": \"a\", \"t\": \"b\"}");
		Answer nested = postJson("/api/things", "{\"n\": 1, \"t\": \"a\", \"inner\": {\"x\": 1, \"x\": 2}}");

		top.assertProblem(400);
		assertThat(top.fields()).containsExactly("t");
		nested.assertProblem(400);
		assertThat(nested.fields()).containsExactly("inner.x");
	}

	@Test
	void aFractionIsNotAWholeNumber() {
		Answer answer = postJson("/api/things", "{\"n\": 1.5, \"t\": \"a\"}");

		answer.assertProblem(400);
		assertThat(answer.fields()).containsExactly("n");
		assertThat(answer.message("n")).contains("not a whole number");
	}

	@Test
	void aQueryParameterTheEndpointDoesNotTakeIsRefusedByNameWithThoseItTakes() {
		Answer misspelt = get("/api/things?stauts=OPEN&q=x");

		misspelt.assertProblem(400);
		assertThat(misspelt.fields()).containsExactly("stauts");
		assertThat(misspelt.message("stauts")).contains("q, status");
	}

	@Test
	void aValueThatIsNotOneOfAnEnumsIsRefusedWithTheAllowedValues() {
		Answer answer = get("/api/things?status=FOO");

		answer.assertProblem(400);
		assertThat(answer.fields()).containsExactly("status");
		assertThat(answer.message("status")).isEqualTo("'FOO' is not one of OPEN, CLOSED");
	}

	@Test
	void anHtmlPageTakesTheParametersBrowsersAndMailProgramsAdd() {
		Answer answer = get("/page?utm_source=newsletter");

		assertThat(answer.status()).isEqualTo(200);
	}

	@Test
	void aLongListOfErrorsIsCutWithTheCountOfTheRest() {
		Answer answer = postJson("/api/things/bulk", "[" + "\"\",".repeat(9_999) + "\"\"]");

		answer.assertProblem(400);
		assertThat(answer.fields()).hasSize(100).startsWith("items[0]");
		assertThat(answer.json().get("moreErrors").asInt()).isEqualTo(9_900);
		assertThat(answer.body().length()).isLessThan(10_000);
	}

	@Test
	void aCharsetTheServiceCannotReadIsRefusedNamingIt() {
		Answer answer = send("POST /api/things HTTP/1.1\r\nHost: x\r\nContent-Type: application/json; charset=foo\r\n"
				+ "Content-Length: 2\r\nConnection: close\r\n\r\n{}");

		answer.assertProblem(415);
		assertThat(answer.json().get("detail").asString()).contains("'foo'");
	}

	private Answer get(String target) {
		return send("GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
	}

	private Answer postJson(String path, String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return send("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: "
				+ bytes.length + "\r\nConnection: close\r\n\r\n" + body);
	}

	private Answer send(String request) {
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.UTF_8));
			out.flush();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			try (InputStream in = socket.getInputStream()) {
				in.transferTo(received);
			}
			catch (IOException ex) {
				// the server may close after answering an unread body
			}
			return Answer.parse(received.toString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer read off the socket.
	 */
	record Answer(int status, Map<String, String> headers, String body) {

		static Answer parse(String text) {
			int end = text.indexOf("\r\n\r\n");
			String[] lines = text.substring(0, end).split("\r\n");
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip());
			}
			String body = text.substring(end + 4);
			if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
				StringBuilder joined = new StringBuilder();
				int at = 0;
				while (true) {
					int line = body.indexOf("\r\n", at);
					int size = Integer.parseInt(body.substring(at, line).strip(), 16);
					if (size == 0) {
						break;
					}
					joined.append(body, line + 2, line + 2 + size);
					at = line + 2 + size + 2;
				}
				body = joined.toString();
			}
			return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
		}

		@Nullable String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

		JsonNode json() {
			return json.readTree(this.body);
		}

		List<String> fields() {
			List<String> fields = new ArrayList<>();
			json().get("errors").forEach((error) -> fields.add(error.get("field").asString()));
			return fields;
		}

		String message(String field) {
			for (JsonNode error : json().get("errors")) {
				if (error.get("field").asString().equals(field)) {
					return error.get("message").asString();
				}
			}
			throw new AssertionError("No error for " + field + " in " + this.body);
		}

		void assertProblem(int expected) {
			assertThat(this.status).as(this.body).isEqualTo(expected);
			assertThat(header("Content-Type")).as(this.body).isEqualTo("application/problem+json");
			assertThat(json().get("status").asInt()).isEqualTo(expected);
			assertThat(json().get("title").asString()).isNotBlank();
		}

	}

	enum Status {

		OPEN, CLOSED

	}

	record Thing(long n, String t, @Nullable Map<String, Integer> inner) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = { "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
			"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
			"org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration" })
	static class App {

		@Bean
		JwtDecoder jwtDecoder() {
			return (token) -> {
				throw new BadJwtException("not a token of this test");
			};
		}

		@Bean
		AccessRules access() {
			return AccessRules.builder()
				.publicly(HttpMethod.GET, "/api/things", "/api/things/gone", "/page")
				.publicly(HttpMethod.POST, "/api/things", "/api/things/bulk", "/api/form")
				.build();
		}

		@Bean
		Things things() {
			return new Things();
		}

		@Bean
		Page page() {
			return new Page();
		}

	}

	@RestController
	static class Things {

		static final AtomicInteger forms = new AtomicInteger();

		@GetMapping("/api/things")
		String search(@RequestParam @Nullable String q, @RequestParam @Nullable Status status) {
			return "q=" + q + " status=" + status;
		}

		@GetMapping("/api/things/gone")
		void gone(HttpServletResponse response) throws IOException {
			response.sendError(410);
		}

		@PostMapping(path = "/api/things", consumes = "application/json")
		Thing add(@RequestBody Thing thing) {
			return thing;
		}

		@PostMapping(path = "/api/things/bulk", consumes = "application/json")
		void bulk(@RequestBody List<String> items) {
			List<FieldViolation> violations = new ArrayList<>();
			for (int i = 0; i < items.size(); i++) {
				TextFields.text("items[" + i + "]", items.get(i), 10, true, violations);
			}
			throw new InvalidRequestException(violations);
		}

		@PostMapping("/api/form")
		String form(@RequestParam @Nullable String q) {
			forms.incrementAndGet();
			return q;
		}

	}

	@Controller
	static class Page {

		@GetMapping("/page")
		ResponseEntity<String> page() {
			return ResponseEntity.ok("<p>a page</p>");
		}

	}

}
