package eu.citiesgateway.platform.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.citiesgateway.platform.web.security.Scopes;
import org.assertj.core.api.SoftAssertions;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a running service's access policy against the contract a test states: which
 * operations are public and which scope each other one needs. It reads the service's own
 * OpenAPI document, so that an operation the contract does not name fails the check (a
 * new endpoint cannot be forgotten), and then calls every operation:
 * <ul>
 * <li>a protected one answers 401 without a token, with an expired token and with a token
 * signed by an unknown key, and 403 with a token that has every scope except the ones it
 * needs, each as a problem detail with its {@code WWW-Authenticate} challenge; with a
 * token holding only a needed scope it is not refused;</li>
 * <li>a public one answers without a token;</li>
 * <li>a public HTML form refuses a submission without the page's CSRF token and takes one
 * with it.</li>
 * </ul>
 * The platform's own operations outside the OpenAPI document are checked too: the probes
 * and metrics are public, the rest of the actuator needs {@code ops}.
 */
public final class AccessContract {

	private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

	private static final Map<String, Set<String>> PLATFORM = platform();

	private final Http http;

	private final Map<String, Set<String>> operations = new LinkedHashMap<>();

	private final Map<String, String> forms = new LinkedHashMap<>();

	private final Set<String> pages = new LinkedHashSet<>();

	private AccessContract(Http http) {
		this.http = http;
	}

	/**
	 * A contract for the service an {@link Http} client calls.
	 * @param http the client (its token is not used)
	 * @return an empty contract
	 */
	public static AccessContract of(Http http) {
		return new AccessContract(http.anonymous());
	}

	/**
	 * Operations on the public list.
	 * @param operations each as {@code "GET /api/cities/{id}"}, as in the OpenAPI
	 * document
	 * @return this contract
	 */
	public AccessContract publicly(String... operations) {
		return add(Set.of(), operations);
	}

	/**
	 * Operations that need a scope.
	 * @param scope the scope
	 * @param operations each as {@code "POST /api/cities"}
	 * @return this contract
	 */
	public AccessContract require(String scope, String... operations) {
		return add(Set.of(scope), operations);
	}

	/**
	 * Operations that need any one of some scopes.
	 * @param scopes the scopes
	 * @param operations each as {@code "POST /api/pairings/{id}/acceptances"}
	 * @return this contract
	 */
	public AccessContract requireAny(List<String> scopes, String... operations) {
		return add(new LinkedHashSet<>(scopes), operations);
	}

	/**
	 * Public HTML pages, which the OpenAPI document does not list: each answers without a
	 * token.
	 * @param operations each as {@code "GET /subscribe"}
	 * @return this contract
	 */
	public AccessContract pages(String... operations) {
		add(Set.of(), operations);
		this.pages.addAll(List.of(operations));
		return this;
	}

	/**
	 * A public HTML form, which the OpenAPI document does not list: a browser submits it
	 * with the CSRF token of its page; without the token it is refused.
	 * @param operation the submission, as {@code "POST /subscribe"}
	 * @param page the path of the page with the form
	 * @return this contract
	 */
	public AccessContract form(String operation, String page) {
		add(Set.of(), operation);
		this.forms.put(operation, page);
		return this;
	}

	/**
	 * Checks the contract against the service's OpenAPI document and its answers.
	 */
	public void verify() {
		Http.Response document = this.http.get("/v3/api-docs");
		assertThat(document.status()).as("the OpenAPI document is public").isEqualTo(200);
		Map<String, JsonNode> documented = documented(document.json());
		SoftAssertions softly = new SoftAssertions();
		Set<String> unlisted = new TreeSet<>(documented.keySet());
		unlisted.removeAll(this.operations.keySet());
		Set<String> undocumented = new TreeSet<>(this.pages);
		undocumented.addAll(this.forms.keySet());
		softly.assertThat(unlisted)
			.as("operations on neither the public list nor given a scope in the access contract")
			.isEmpty();
		Set<String> stale = new TreeSet<>(this.operations.keySet());
		stale.removeAll(documented.keySet());
		stale.removeAll(undocumented);
		softly.assertThat(stale).as("operations in the access contract that the service does not have").isEmpty();
		Map<String, Set<String>> all = new LinkedHashMap<>(PLATFORM);
		this.operations.forEach((operation, scopes) -> {
			if (documented.containsKey(operation) || undocumented.contains(operation)) {
				all.put(operation, scopes);
			}
		});
		all.forEach((operation, scopes) -> {
			Request request = new Request(operation, documented.get(operation));
			if (this.forms.containsKey(operation)) {
				checkForm(softly, request, this.forms.get(operation));
			}
			else if (scopes.isEmpty()) {
				Http.Response answer = request.send(this.http);
				softly.assertThat(answer.status())
					.as("%s answers without a token: %s", operation, answer.body())
					.isNotIn(401, 403)
					.isLessThan(500);
			}
			else {
				checkProtected(softly, request, scopes);
			}
		});
		softly.assertAll();
	}

	private void checkProtected(SoftAssertions softly, Request request, Set<String> scopes) {
		String operation = request.operation;
		Http.Response anonymous = request.send(this.http);
		assertRefused(softly, anonymous, 401, operation + " without a token");
		softly.assertThat(anonymous.header("WWW-Authenticate"))
			.as("%s challenge without a token", operation)
			.startsWith("Bearer");
		Http.Response expired = request
			.send(this.http.as(TestTokens.token().scopes(List.copyOf(scopes)).expired().mint()));
		assertRefused(softly, expired, 401, operation + " with an expired token");
		softly.assertThat(expired.header("WWW-Authenticate"))
			.as("%s challenge with an expired token", operation)
			.contains("error=\"invalid_token\"");
		Http.Response forged = request
			.send(this.http.as(TestTokens.token().scopes(List.copyOf(scopes)).signedByAStranger().mint()));
		assertRefused(softly, forged, 401, operation + " with a token signed by an unknown key");
		Http.Response lacking = request.send(this.http.as(TestTokens.withEveryScopeExcept(scopes)));
		assertRefused(softly, lacking, 403, operation + " with every scope except " + scopes);
		softly.assertThat(lacking.header("WWW-Authenticate"))
			.as("%s challenge with every scope except %s", operation, scopes)
			.contains("error=\"insufficient_scope\"");
		if (request.canBeProbed()) {
			for (String scope : scopes) {
				Http.Response allowed = request.send(this.http.as(TestTokens.withScopes(scope)));
				softly.assertThat(allowed.status())
					.as("%s with the scope %s: %s", operation, scope, allowed.body())
					.isNotIn(401, 403)
					.isLessThan(500);
			}
		}
	}

	private void checkForm(SoftAssertions softly, Request request, String page) {
		String operation = request.operation;
		Http browser = this.http.browser();
		browser.get(page);
		Http.Response forged = request.send(browser);
		assertRefused(softly, forged, 403, operation + " without the page's CSRF token");
		Http.Response submitted = this.http.browser().submit(page, request.path, "");
		softly.assertThat(submitted.status())
			.as("%s with the page's CSRF token: %s", operation, submitted.body())
			.isNotIn(401, 403)
			.isLessThan(500);
	}

	private static void assertRefused(SoftAssertions softly, Http.Response answer, int status, String what) {
		softly.assertThat(answer.status()).as("%s: %s", what, answer.body()).isEqualTo(status);
		softly.assertThat(answer.contentType()).as("%s: media type", what).startsWith("application/problem+json");
		if (answer.contentType() != null && answer.contentType().startsWith("application/problem+json")) {
			softly.assertThat(answer.json().get("status").asInt()).as("%s: status in the body", what).isEqualTo(status);
		}
	}

	private AccessContract add(Set<String> scopes, String... operations) {
		for (String operation : operations) {
			assertThat(operation).as("an operation is 'METHOD /path'").matches("[A-Z]+ /\\S*");
			assertThat(this.operations.put(operation, scopes)).as("%s named twice", operation).isNull();
		}
		return this;
	}

	private static Map<String, JsonNode> documented(JsonNode document) {
		Map<String, JsonNode> operations = new LinkedHashMap<>();
		JsonNode paths = document.get("paths");
		for (String path : paths.propertyNames()) {
			JsonNode item = paths.get(path);
			for (String method : item.propertyNames()) {
				if (Set.of("get", "put", "post", "delete", "patch").contains(method)) {
					operations.put(method.toUpperCase(Locale.ROOT) + " " + path, item.get(method));
				}
			}
		}
		return operations;
	}

	private static Map<String, Set<String>> platform() {
		Map<String, Set<String>> platform = new LinkedHashMap<>();
		platform.put("GET /actuator/health/liveness", Set.of());
		platform.put("GET /actuator/health/readiness", Set.of());
		platform.put("GET /actuator/prometheus", Set.of());
		platform.put("GET /actuator", Set.of(Scopes.OPS));
		platform.put("GET /actuator/health", Set.of(Scopes.OPS));
		platform.put("GET /actuator/info", Set.of(Scopes.OPS));
		platform.put("GET /actuator/metrics", Set.of(Scopes.OPS));
		platform.put("POST /actuator/deadletters/{topic}", Set.of(Scopes.OPS));
		return platform;
	}

	/**
	 * One call of an operation, with made-up path variables and a malformed body, so that
	 * what is allowed changes nothing.
	 */
	private static final class Request {

		private final String operation;

		private final String method;

		private final String path;

		private final String contentType;

		Request(String operation, JsonNode definition) {
			this.operation = operation;
			this.method = operation.substring(0, operation.indexOf(' '));
			String template = operation.substring(operation.indexOf(' ') + 1);
			Matcher variables = VARIABLE.matcher(template);
			StringBuilder path = new StringBuilder();
			while (variables.find()) {
				variables.appendReplacement(path, value(variables.group(1), definition));
			}
			variables.appendTail(path);
			this.path = path.toString();
			this.contentType = contentType(definition);
		}

		/**
		 * Whether a call with a needed scope can be made without changing anything: reads
		 * always, changes whose malformed body or made-up target stops them before they
		 * act (not the actuator's, which take no body).
		 */
		boolean canBeProbed() {
			return !this.operation.startsWith("POST /actuator/");
		}

		Http.Response send(Http http) {
			return switch (this.method) {
				case "GET" -> http.get(this.path);
				case "DELETE" -> http.delete(this.path);
				case "POST" -> http.post(this.path, this.contentType, "{");
				case "PUT" -> http.put(this.path, "{", "Content-Type", this.contentType);
				case "PATCH" -> http.patch(this.path, "{", "Content-Type", this.contentType);
				default -> throw new IllegalArgumentException(this.operation);
			};
		}

		private static String value(String name, JsonNode definition) {
			if (definition != null && definition.has("parameters")) {
				for (JsonNode parameter : definition.get("parameters").values()) {
					if (name.equals(parameter.path("name").asString(null))
							&& "uuid".equals(parameter.path("schema").path("format").asString(null))) {
						return UUID.randomUUID().toString();
					}
				}
			}
			return name.equals("topic") ? "error.access-contract.none" : "x";
		}

		private static String contentType(JsonNode definition) {
			if (definition != null && definition.has("requestBody")) {
				for (String type : definition.get("requestBody").path("content").propertyNames()) {
					return type;
				}
			}
			return "application/json";
		}

	}

}
