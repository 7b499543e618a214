package eu.citiesgateway.platform.web.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The whole access policy of a service, in the order it is checked: the platform's own
 * entries (probes, metrics and API documents public; the audit trail and the actuator for
 * operations) followed by the service's {@link AccessRules}. What no entry matches is
 * refused.
 */
final class AccessMap {

	private final List<Entry> entries;

	private AccessMap(List<Entry> entries) {
		this.entries = List.copyOf(entries);
	}

	List<Entry> entries() {
		return this.entries;
	}

	/**
	 * The entry that decides a request.
	 * @param request the request
	 * @return the first entry that matches it, or {@code null} if none does (refused)
	 */
	@Nullable Entry find(HttpServletRequest request) {
		for (Entry entry : this.entries) {
			if (entry.matcher().matches(request)) {
				return entry;
			}
		}
		return null;
	}

	/**
	 * One entry: requests that are public, or need a token with one of some scopes.
	 *
	 * @param matcher the requests
	 * @param method the method, {@code null} for the platform's catch-all entries
	 * @param pattern the path pattern, as documented
	 * @param scopes the scopes of which a token needs one; empty when public
	 */
	record Entry(RequestMatcher matcher, @Nullable HttpMethod method, String pattern, Set<String> scopes) {

		Entry {
			scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
		}

		boolean isPublic() {
			return this.scopes.isEmpty();
		}

		String[] authorities() {
			return this.scopes.stream().map(Scopes::authority).toArray(String[]::new);
		}

	}

	static Builder builder() {
		return new Builder();
	}

	static final class Builder {

		private final List<Entry> entries = new ArrayList<>();

		private final PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();

		Builder add(HttpMethod method, String pattern, Set<String> scopes) {
			RequestMatcher matcher = this.paths.matcher(method, pattern);
			if (HttpMethod.GET.equals(method)) {
				matcher = new OrRequestMatcher(matcher, this.paths.matcher(HttpMethod.HEAD, pattern));
			}
			this.entries.add(new Entry(matcher, method, pattern, scopes));
			return this;
		}

		Builder publicly(HttpMethod method, String... patterns) {
			for (String pattern : patterns) {
				add(method, pattern, Set.of());
			}
			return this;
		}

		Builder add(RequestMatcher matcher, String description, Set<String> scopes) {
			this.entries.add(new Entry(matcher, null, description, scopes));
			return this;
		}

		Builder add(AccessRules rules) {
			rules.rules().forEach((rule) -> add(rule.method(), rule.pattern(), rule.scopes()));
			return this;
		}

		AccessMap build() {
			return new AccessMap(this.entries);
		}

	}

}
