package eu.citiesgateway.platform.web.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;

/**
 * Who may call a service's endpoints: its explicit public list and the scope each other
 * endpoint needs. Declared once per service as a bean; anything not listed here (nor by
 * the platform kit: probes, metrics, API documents, actuator, audit trail) is refused,
 * 401 without a token and 403 with one.
 *
 * <pre class="code">
 * &#64;Bean
 * AccessRules access() {
 * 	return AccessRules.builder()
 * 		.publicly(HttpMethod.GET, "/api/cities", "/api/cities/{id}")
 * 		.require(Scopes.REGISTRY_WRITE, HttpMethod.POST, "/api/cities")
 * 		.build();
 * }
 * </pre>
 */
public final class AccessRules {

	private final List<Rule> rules;

	private final List<String> forms;

	private final List<RequestMatcher> csrfExemptions;

	private final Set<String> auditReaders;

	private AccessRules(Builder builder) {
		this.rules = List.copyOf(builder.rules);
		this.forms = List.copyOf(builder.forms);
		this.csrfExemptions = List.copyOf(builder.csrfExemptions);
		this.auditReaders = Collections.unmodifiableSet(new LinkedHashSet<>(builder.auditReaders));
	}

	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The rules, in the order they are checked; the first that matches a request decides.
	 * @return the rules
	 */
	public List<Rule> rules() {
		return this.rules;
	}

	/**
	 * The HTML form endpoints (path patterns), whose unsafe requests must carry the CSRF
	 * token of the page they came from.
	 * @return the patterns
	 */
	public List<String> forms() {
		return this.forms;
	}

	/**
	 * Requests to form endpoints that need no CSRF token, such as an RFC 8058 one-click
	 * unsubscribe posted by a mail program.
	 * @return the matchers
	 */
	public List<RequestMatcher> csrfExemptions() {
		return this.csrfExemptions;
	}

	/**
	 * Scopes, besides {@link Scopes#OPS}, that may read the audit records of the actions
	 * done under that same scope.
	 * @return the scopes
	 */
	public Set<String> auditReaders() {
		return this.auditReaders;
	}

	/**
	 * One rule: requests of a method to a path pattern are public, or need a token with
	 * one of some scopes.
	 *
	 * @param method the HTTP method ({@code GET} also covers {@code HEAD})
	 * @param pattern the path pattern, as in {@code @RequestMapping}, e.g.
	 * {@code /api/cities/{id}}
	 * @param scopes the scopes of which the token needs one; empty for a public endpoint
	 */
	public record Rule(HttpMethod method, String pattern, Set<String> scopes) {

		public Rule {
			scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		}

		public boolean isPublic() {
			return this.scopes.isEmpty();
		}

	}

	/**
	 * Builds {@link AccessRules}.
	 */
	public static final class Builder {

		private final List<Rule> rules = new ArrayList<>();

		private final List<String> forms = new ArrayList<>();

		private final List<RequestMatcher> csrfExemptions = new ArrayList<>();

		private final Set<String> auditReaders = new LinkedHashSet<>();

		private Builder() {
		}

		/**
		 * Puts endpoints on the public list: they answer without a token.
		 * @param method the method
		 * @param patterns the path patterns
		 * @return this builder
		 */
		public Builder publicly(HttpMethod method, String... patterns) {
			return add(method, patterns, Set.of());
		}

		/**
		 * Endpoints that need a token with a scope.
		 * @param scope the scope
		 * @param method the method
		 * @param patterns the path patterns
		 * @return this builder
		 */
		public Builder require(String scope, HttpMethod method, String... patterns) {
			return add(method, patterns, Set.of(scope));
		}

		/**
		 * Endpoints that need a token with any one of some scopes; the endpoint itself
		 * checks what each scope allows it to do there.
		 * @param scopes the scopes, in the order the answers and the audit trail name
		 * them
		 * @param method the method
		 * @param patterns the path patterns
		 * @return this builder
		 */
		public Builder requireAny(List<String> scopes, HttpMethod method, String... patterns) {
			Assert.notEmpty(scopes, "scopes must not be empty; use publicly(...) for a public endpoint");
			return add(method, patterns, new LinkedHashSet<>(scopes));
		}

		/**
		 * HTML form endpoints used from a browser: their unsafe requests must carry the
		 * CSRF token of the page (Thymeleaf's {@code th:action} adds it).
		 * @param patterns the path patterns
		 * @return this builder
		 */
		public Builder forms(String... patterns) {
			this.forms.addAll(List.of(patterns));
			return this;
		}

		/**
		 * Requests to form endpoints that need no CSRF token.
		 * @param matcher the requests
		 * @return this builder
		 */
		public Builder csrfExempt(RequestMatcher matcher) {
			this.csrfExemptions.add(matcher);
			return this;
		}

		/**
		 * Lets holders of a scope read the audit records of what was done under it.
		 * @param scope the scope
		 * @return this builder
		 */
		public Builder auditReadableWith(String scope) {
			this.auditReaders.add(scope);
			return this;
		}

		public AccessRules build() {
			return new AccessRules(this);
		}

		private Builder add(HttpMethod method, String[] patterns, Set<String> scopes) {
			Assert.notEmpty(patterns, "patterns must not be empty");
			scopes.forEach((scope) -> Assert.isTrue(Scopes.ALL.contains(scope), () -> "Unknown scope " + scope));
			for (String pattern : patterns) {
				this.rules.add(new Rule(method, pattern, scopes));
			}
			return this;
		}

	}

}
