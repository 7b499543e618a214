package eu.citiesgateway.platform.web.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * The answers of refused requests: RFC 9457 problem details with the
 * {@code WWW-Authenticate} challenge of RFC 6750. 401 without a token or with one that is
 * invalid or expired; 403 with a valid token that may not do this, naming the scope that
 * would allow it.
 */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	private static final JsonMapper json = JsonMapper.shared();

	private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

	private final AccessMap access;

	ProblemResponses(AccessMap access) {
		this.access = access;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		this.bearer.commence(request, response, ex);
		String detail = (ex instanceof OAuth2AuthenticationException oauth)
				? "The bearer token was refused: " + describe(oauth) + "."
				: "This needs a bearer token: send an 'Authorization: Bearer <token>' header.";
		Map<String, Object> problem = problem(HttpStatus.valueOf(response.getStatus()), detail, request);
		requiredScopes(request).ifPresent((scopes) -> problem.put("requiredScopes", scopes));
		write(response, problem);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		response.setStatus(HttpStatus.FORBIDDEN.value());
		if (ex instanceof CsrfException) {
			write(response, problem(HttpStatus.FORBIDDEN,
					"The form's security token is missing or out of date: reload the page and send the form again.",
					request));
			return;
		}
		AccessMap.Entry entry = this.access.find(request);
		Set<String> required = (entry != null && !entry.isPublic()) ? entry.scopes() : Set.of();
		boolean lacksScope = !required.isEmpty() && required.stream().noneMatch(Caller::hasScope);
		String detail;
		if (lacksScope) {
			detail = "This needs a token with the scope " + String.join(" or ", required) + ".";
		}
		else if (entry == null || ex.getMessage() == null) {
			detail = "This request is not allowed.";
		}
		else {
			// the endpoint itself refused this caller: its message says why
			detail = ex.getMessage();
		}
		StringBuilder challenge = new StringBuilder("Bearer error=\"insufficient_scope\", error_description=\"")
			.append(quoted(detail))
			.append('"');
		if (lacksScope) {
			challenge.append(", scope=\"").append(String.join(" ", required)).append('"');
		}
		response.addHeader(HttpHeaders.WWW_AUTHENTICATE, challenge.toString());
		Map<String, Object> problem = problem(HttpStatus.FORBIDDEN, detail, request);
		if (lacksScope) {
			problem.put("requiredScopes", required);
		}
		write(response, problem);
	}

	private java.util.Optional<Set<String>> requiredScopes(HttpServletRequest request) {
		AccessMap.Entry entry = this.access.find(request);
		return (entry != null && !entry.isPublic()) ? java.util.Optional.of(entry.scopes())
				: java.util.Optional.empty();
	}

	private static String describe(OAuth2AuthenticationException ex) {
		String description = ex.getError().getDescription();
		return (description != null) ? description : ex.getError().getErrorCode();
	}

	private static String quoted(@Nullable String text) {
		return (text != null) ? text.replace("\\", "\\\\").replace("\"", "\\\"") : "";
	}

	static Map<String, Object> problem(HttpStatus status, @Nullable String detail, HttpServletRequest request) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		problem.put("instance", request.getRequestURI());
		return problem;
	}

	static void write(HttpServletResponse response, Map<String, Object> problem) throws IOException {
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
