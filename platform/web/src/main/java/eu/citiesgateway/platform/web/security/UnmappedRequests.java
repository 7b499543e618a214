package eu.citiesgateway.platform.web.security;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Answers requests that no endpoint serves, an unknown path with 404 and a method the
 * path does not take with 405 and its {@code Allow} header, where deny by default would
 * answer 401 or 403 and send the caller looking for a token that would not help. Only
 * requests that no access rule matches come here; they are served to nobody, so calling
 * them unknown reveals nothing that the public API document does not. A request that an
 * endpoint would serve but no rule names is still refused.
 */
final class UnmappedRequests extends OncePerRequestFilter {

	private final AccessMap access;

	private final ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings;

	private volatile @Nullable List<Mapping> mappings;

	UnmappedRequests(AccessMap access, ObjectProvider<RequestMappingInfoHandlerMapping> handlerMappings) {
		this.access = access;
		this.handlerMappings = handlerMappings;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.access.find(request) != null) {
			chain.doFilter(request, response);
			return;
		}
		PathContainer path = RequestPath.parse(request.getRequestURI(), request.getContextPath())
			.pathWithinApplication();
		String method = request.getMethod();
		Set<String> allowed = new TreeSet<>();
		boolean known = false;
		for (Mapping mapping : mappings()) {
			if (mapping.matches(path)) {
				known = true;
				if (mapping.takes(method)) {
					chain.doFilter(request, response);
					return;
				}
				allowed.addAll(mapping.methods());
			}
		}
		if (!known) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
			ProblemResponses.write(response,
					ProblemResponses.problem(HttpStatus.NOT_FOUND, "There is nothing at this address.", request));
			return;
		}
		if (allowed.contains("GET")) {
			allowed.add("HEAD");
		}
		response.setStatus(HttpStatus.METHOD_NOT_ALLOWED.value());
		response.setHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
		ProblemResponses.write(response,
				ProblemResponses.problem(HttpStatus.METHOD_NOT_ALLOWED, "This address takes "
						+ String.join(", ", allowed) + ", not " + method.replaceAll("[^A-Za-z0-9-]", "?") + ".",
						request));
	}

	private List<Mapping> mappings() {
		List<Mapping> known = this.mappings;
		if (known == null) {
			known = new ArrayList<>();
			for (RequestMappingInfoHandlerMapping handlers : this.handlerMappings) {
				for (RequestMappingInfo info : handlers.getHandlerMethods().keySet()) {
					Set<String> methods = info.getMethodsCondition()
						.getMethods()
						.stream()
						.map(RequestMethod::name)
						.collect(Collectors.toSet());
					for (String pattern : info.getPatternValues()) {
						try {
							known.add(new Mapping(PathPatternParser.defaultInstance.parse(pattern), methods));
						}
						catch (PatternParseException ex) {
							// a pattern this parser cannot read matches no request here
						}
					}
				}
			}
			this.mappings = known;
		}
		return known;
	}

	/**
	 * A path pattern an endpoint is mapped to, and its methods (empty for all).
	 */
	private record Mapping(PathPattern pattern, Set<String> methods) {

		boolean matches(PathContainer path) {
			return this.pattern.matches(path);
		}

		boolean takes(String method) {
			return this.methods.isEmpty() || this.methods.contains(method)
					|| ("HEAD".equals(method) && this.methods.contains("GET")) || "OPTIONS".equals(method);
		}

	}

}
