package eu.citiesgateway.platform.web;

import java.net.URI;
import java.net.URISyntaxException;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The error page of the container ({@code /error}), in place of Spring Boot's: what the
 * application answered with {@code sendError} or failed with outside Spring MVC (in a
 * filter) is answered as an RFC 9457 problem detail, never an HTML page nor Boot's own
 * JSON, and never a 500 for a request the client got wrong.
 */
@Controller
@Hidden
class ErrorPages implements ErrorController {

	private static final Log logger = LogFactory.getLog(ErrorPages.class);

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
		Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer number) ? HttpStatus.resolve(number) : null;
		PayloadTooLargeException tooLarge = cause(failure, PayloadTooLargeException.class);
		InvalidParameterException invalid = cause(failure, InvalidParameterException.class);
		ProblemDetail problem;
		if (tooLarge != null) {
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
			problem.setTitle("Request too large");
			problem.setProperty("limit", tooLarge.limit());
		}
		else if (invalid != null) {
			HttpStatus refused = HttpStatus.resolve(invalid.getErrorCode());
			problem = ProblemDetail.forStatusAndDetail((refused != null) ? refused : HttpStatus.BAD_REQUEST,
					"The request's parameters cannot be read.");
		}
		else if (cause(failure, RequestRejectedException.class) != null) {
			problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, failure.getMessage());
		}
		else if (failure != null || status == null || status.is5xxServerError()) {
			if (failure != null) {
				logger.debug("Failure answered by the error page", failure);
			}
			problem = ProblemDetail.forStatusAndDetail(
					(status != null && status.is5xxServerError()) ? status : HttpStatus.INTERNAL_SERVER_ERROR,
					"The request could not be completed. It has been logged; nothing was half-written.");
		}
		else {
			problem = ProblemDetail.forStatusAndDetail(status, detail(status));
		}
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		if (uri != null) {
			try {
				problem.setInstance(new URI(uri.toString()));
			}
			catch (URISyntaxException ex) {
				// a path the container took but a URI does not: the problem goes without
				// it
			}
		}
		return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static String detail(HttpStatus status) {
		return switch (status) {
			case BAD_REQUEST -> "The request is malformed and was not processed.";
			case NOT_FOUND -> "There is nothing at this address.";
			case METHOD_NOT_ALLOWED -> "This address does not take this method.";
			case CONTENT_TOO_LARGE -> "The request body is larger than the limit.";
			default -> status.getReasonPhrase();
		};
	}

	private static <T extends Throwable> @Nullable T cause(@Nullable Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
		}
		return null;
	}

}
