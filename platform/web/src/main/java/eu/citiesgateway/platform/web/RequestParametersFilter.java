package eu.citiesgateway.platform.web;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the request's parameters before anything else does. The container decodes the
 * query string, and the body of a form, itself and fails whatever asks for a parameter
 * first (a security filter, a controller) when it cannot: that was a 500 logged as an
 * error. Here a parameter that is not valid UTF-8 ({@code ?q=%FF}) or a query the
 * container cannot read (too many parameters) is answered 400 naming the parameter where
 * it can be told, and a form or multipart body over the limit, whatever its transfer
 * encoding, 413; each is logged at debug level only.
 */
class RequestParametersFilter extends OncePerRequestFilter {

	private static final Log logger = LogFactory.getLog(RequestParametersFilter.class);

	private static final Pattern NAMED = Pattern.compile("Parameter \\[(.*?)\\] with value");

	private final WebProperties properties;

	RequestParametersFilter(WebProperties properties) {
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			request.getParameterMap();
		}
		catch (IllegalStateException ex) {
			logger.debug("Parameters of " + request.getMethod() + " " + request.getRequestURI() + " refused: "
					+ ex.getMessage());
			ProblemBodies.write(response, problem(request, ex));
			return;
		}
		chain.doFilter(request, response);
	}

	private Map<String, Object> problem(HttpServletRequest request, IllegalStateException ex) {
		if (ex instanceof InvalidParameterException invalid
				&& invalid.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
			long limit = this.properties.maxBodySize().toBytes();
			Map<String, Object> problem = ProblemBodies.of(HttpStatus.CONTENT_TOO_LARGE, "Request too large",
					"The request body is larger than the limit of " + limit + " bytes", request.getRequestURI());
			problem.put("limit", limit);
			return problem;
		}
		FieldViolation violation;
		String undecodable = QueryStrings.firstUndecodable(request.getQueryString());
		Matcher named = NAMED.matcher(String.valueOf(ex.getMessage()));
		if (undecodable != null) {
			violation = new FieldViolation(undecodable, notUtf8());
		}
		else if (named.find()) {
			violation = new FieldViolation(named.group(1), notUtf8());
		}
		else {
			violation = new FieldViolation("$", "the parameters cannot be read: too many, or malformed");
		}
		Map<String, Object> problem = ProblemBodies.of(HttpStatus.BAD_REQUEST, "Invalid request",
				"The request's parameters cannot be read.", request.getRequestURI());
		problem.put("errors", List.of(violation));
		return problem;
	}

	private static String notUtf8() {
		return "is not valid UTF-8; percent-encode the UTF-8 bytes of each character";
	}

}
