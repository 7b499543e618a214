package eu.citiesgateway.platform.web.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers the requests Spring Security's firewall refuses before any filter sees them (a
 * URL with {@code ..;}, an encoded slash, a method such as {@code BREW}) with a problem
 * detail: 405 for a method HTTP does not define, 400 otherwise, saying what was refused.
 * Spring Security's own answer is a bare 400 that the error page used to render as Spring
 * Boot's JSON.
 */
final class RejectedRequests implements RequestRejectedHandler {

	private static final Log logger = LogFactory.getLog(RejectedRequests.class);

	private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS",
			"TRACE");

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException ex)
			throws IOException {
		logger.debug("Request refused by the firewall: " + ex.getMessage());
		if (response.isCommitted()) {
			return;
		}
		boolean method = !METHODS.contains(request.getMethod());
		HttpStatus status = method ? HttpStatus.METHOD_NOT_ALLOWED : HttpStatus.BAD_REQUEST;
		response.setStatus(status.value());
		ProblemResponses.write(response,
				ProblemResponses.problem(status,
						method ? "This service does not take the method " + "'"
								+ request.getMethod().replaceAll("[^A-Za-z0-9-]", "?") + "'." : ex.getMessage(),
						request));
	}

}
