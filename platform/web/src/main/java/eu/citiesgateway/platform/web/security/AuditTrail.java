package eu.citiesgateway.platform.web.security;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every successful state change made with a token ({@code POST}, {@code PUT},
 * {@code PATCH} or {@code DELETE} answered 2xx) in the service's audit trail: who (the
 * token's subject and client), the action (method and path pattern), its target, the
 * scope that allowed it, when and the outcome. Runs inside the security filter chain,
 * after authorisation; the answer leaves once its record is written.
 */
final class AuditTrail extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(AuditTrail.class);

	private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

	private final AuditRecords records;

	private final AccessMap access;

	private final Clock clock;

	private final @Nullable Counter failures;

	AuditTrail(AuditRecords records, AccessMap access, Clock clock, @Nullable MeterRegistry meters) {
		this.records = records;
		this.access = access;
		this.clock = clock;
		this.failures = (meters != null) ? Counter.builder("audit.failed")
			.description("State changes whose audit record could not be written")
			.register(meters) : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Jwt token = Caller.token().orElse(null);
		if (token == null || !CHANGES.contains(request.getMethod())) {
			chain.doFilter(request, response);
			return;
		}
		// the answer is held back until the record is written, so that a caller who reads
		// the trail after the answer finds the change in it
		ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(request, held);
			int status = held.getStatus();
			if (status >= 200 && status < 300) {
				record(request, held, token);
			}
		}
		finally {
			held.copyBodyToResponse();
		}
	}

	private void record(HttpServletRequest request, HttpServletResponse response, Jwt token) {
		int status = response.getStatus();
		AccessMap.Entry entry = this.access.find(request);
		String action = request.getMethod() + " " + pattern(request, entry);
		try {
			this.records.add(new AuditRecord(UUID.randomUUID(), this.clock.instant(), token.getSubject(),
					Caller.clientId(token), Caller.claim(Scopes.CITY_ID_CLAIM).orElse(null), action,
					target(request, response), scope(entry), status));
		}
		catch (RuntimeException ex) {
			if (this.failures != null) {
				this.failures.increment();
			}
			logger.error("Could not record '" + action + "' by " + token.getSubject() + " in the audit trail", ex);
		}
	}

	private static String pattern(HttpServletRequest request, AccessMap.@Nullable Entry entry) {
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		if (pattern != null) {
			return pattern.toString();
		}
		return (entry != null) ? entry.pattern() : "(unmapped)";
	}

	private static @Nullable String target(HttpServletRequest request, HttpServletResponse response) {
		Object named = request.getAttribute(Audit.TARGET);
		if (named != null) {
			return named.toString();
		}
		String location = response.getHeader(HttpHeaders.LOCATION);
		if (location != null && response.getStatus() == 201) {
			return location.substring(location.lastIndexOf('/') + 1);
		}
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		if (variables instanceof Map<?, ?> map && !map.isEmpty()) {
			Object last = null;
			for (Object value : map.values()) {
				last = value;
			}
			return String.valueOf(last);
		}
		return null;
	}

	private static @Nullable String scope(AccessMap.@Nullable Entry entry) {
		if (entry == null) {
			return null;
		}
		return entry.scopes().stream().filter(Caller::hasScope).findFirst().orElse(null);
	}

}
