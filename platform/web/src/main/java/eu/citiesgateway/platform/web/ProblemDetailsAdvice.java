package eu.citiesgateway.platform.web;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every failed request with an RFC 9457 problem detail
 * ({@code application/problem+json}). Validation failures carry an {@code errors} member
 * listing each offending field; nothing answers with a stack trace or a bare 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Log logger = LogFactory.getLog(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ResponseEntity<Object> invalid(InvalidRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields.", ex.violations());
	}

	@ExceptionHandler
	ProblemDetail notFound(ResourceNotFoundException ex) {
		return detail(HttpStatus.NOT_FOUND, "Not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail conflict(ConflictException ex) {
		ProblemDetail problem = detail(HttpStatus.CONFLICT, "Conflict", ex.getMessage());
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

	@ExceptionHandler
	ProblemDetail concurrentChange(OptimisticLockingFailureException ex) {
		return detail(HttpStatus.CONFLICT, "Concurrent change",
				"The resource was changed by another request at the same time. Read it again and retry.");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> stale(StaleVersionException ex) {
		ProblemDetail problem = detail(HttpStatus.PRECONDITION_FAILED, "Stale version", ex.getMessage());
		return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED).eTag(ex.currentEtag()).body(problem);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooMany(TooManyRequestsException ex) {
		ProblemDetail problem = detail(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", ex.getMessage());
		long seconds = Math.max(1, (ex.retryAfter().toMillis() + 999) / 1000);
		problem.setProperty("retryAfterSeconds", seconds);
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
			.body(problem);
	}

	@ExceptionHandler
	ProblemDetail tooLarge(PayloadTooLargeException ex) {
		return tooLargeProblem(ex);
	}

	/**
	 * Leaves refusals to Spring Security, which answers them with the platform's 401 or
	 * 403 problem details and their {@code WWW-Authenticate} challenge.
	 * @param ex the refusal
	 */
	@ExceptionHandler({ AccessDeniedException.class, AuthenticationException.class })
	void refused(RuntimeException ex) {
		throw ex;
	}

	@ExceptionHandler
	ProblemDetail unexpected(Exception ex) {
		logger.error("Unexpected failure", ex);
		return detail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
				"The request could not be completed. It has been logged; nothing was half-written.");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		for (FieldError error : ex.getBindingResult().getFieldErrors()) {
			violations.add(new FieldViolation(error.getField(), String.valueOf(error.getDefaultMessage())));
		}
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> violations.add(new FieldViolation(error.getObjectName(), message(error))));
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid fields.", violations);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldViolation> violations = new ArrayList<>();
		ex.getParameterValidationResults()
			.forEach((result) -> result.getResolvableErrors()
				.forEach((error) -> violations.add(new FieldViolation(
						String.valueOf(result.getMethodParameter().getParameterName()), message(error)))));
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request has invalid parameters.", violations);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: String.valueOf(ex.getPropertyName());
		String expected = (ex.getRequiredType() != null) ? ex.getRequiredType().getSimpleName() : "another type";
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", "A parameter has the wrong type.",
				List.of(new FieldViolation(name, "'" + ex.getValue() + "' is not a valid " + expected)));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		PayloadTooLargeException tooLarge = cause(ex, PayloadTooLargeException.class);
		if (tooLarge != null) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLargeProblem(tooLarge));
		}
		JacksonException jackson = cause(ex, JacksonException.class);
		if (jackson == null) {
			return problem(HttpStatus.BAD_REQUEST, "Unreadable request", "The request body is missing or unreadable.",
					List.of());
		}
		return unreadable(jackson);
	}

	@ExceptionHandler
	ResponseEntity<Object> unreadable(JacksonException jackson) {
		String field = path(jackson);
		String message;
		if (jackson instanceof UnrecognizedPropertyException unknown) {
			message = "unknown field; allowed here: " + unknown.getKnownPropertyIds();
		}
		else if (jackson instanceof InvalidFormatException format) {
			message = "'" + format.getValue() + "' is not a valid " + format.getTargetType().getSimpleName();
		}
		else if (jackson instanceof MismatchedInputException mismatch) {
			message = (mismatch.getTargetType() != null) ? "wrong type; expected " + describe(mismatch.getTargetType())
					: "wrong type";
		}
		else if (jackson instanceof StreamReadException read) {
			message = "malformed JSON" + ((read.getLocation() != null)
					? " at line " + read.getLocation().getLineNr() + ", column " + read.getLocation().getColumnNr()
					: "");
			field = field.isEmpty() ? "$" : field;
		}
		else {
			message = "cannot be read";
		}
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request body does not match the API.",
				List.of(new FieldViolation(field.isEmpty() ? "$" : field, message)));
	}

	private static String describe(Class<?> type) {
		if (type.isArray() || Iterable.class.isAssignableFrom(type)) {
			return "an array";
		}
		if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
			return "a number";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == String.class || type.isEnum()) {
			return "a string";
		}
		return "an object";
	}

	static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
			else if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
		}
		return path.toString();
	}

	private static String message(MessageSourceResolvable error) {
		return String.valueOf(error.getDefaultMessage());
	}

	private static <T extends Throwable> @Nullable T cause(Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
		}
		return null;
	}

	private static ProblemDetail tooLargeProblem(PayloadTooLargeException ex) {
		ProblemDetail problem = detail(HttpStatus.CONTENT_TOO_LARGE, "Request too large", ex.getMessage());
		problem.setProperty("limit", ex.limit());
		return problem;
	}

	private static ProblemDetail detail(HttpStatus status, String title, @Nullable String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

	private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail,
			List<FieldViolation> violations) {
		ProblemDetail problem = detail(status, title, detail);
		if (!violations.isEmpty()) {
			problem.setProperty("errors", violations);
		}
		return ResponseEntity.status(status).body(problem);
	}

}
