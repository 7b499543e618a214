package eu.citiesgateway.platform.web;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
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
import org.springframework.web.HttpMediaTypeNotSupportedException;
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
 * listing each offending field, at most {@value #MAX_ERRORS} of them, with the number of
 * the others in {@code moreErrors}; nothing answers with a stack trace or a bare 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	/** The most field errors an answer lists. */
	static final int MAX_ERRORS = 100;

	private static final int ECHO = 40;

	private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");

	private static final Pattern CHARSET = Pattern.compile(";\\s*charset\\s*=\\s*\"?([^\";\\s]*)",
			Pattern.CASE_INSENSITIVE);

	private static final Set<Class<?>> INTEGRAL = Set.of(int.class, Integer.class, long.class, Long.class, short.class,
			Short.class, byte.class, Byte.class, BigInteger.class);

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
		return problem(HttpStatus.BAD_REQUEST, "Invalid request", "A parameter has the wrong type.",
				List.of(new FieldViolation(name, notA(ex.getValue(), ex.getRequiredType()))));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
		Matcher charset = (contentType != null) ? CHARSET.matcher(contentType) : null;
		if (charset != null && charset.find() && !supported(charset.group(1))) {
			ex.getBody()
				.setDetail("The charset '" + echo(charset.group(1))
						+ "' of the Content-Type is not one this service reads; send UTF-8.");
		}
		return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
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
		Matcher duplicate = DUPLICATE.matcher(String.valueOf(jackson.getOriginalMessage()));
		if (jackson instanceof UnrecognizedPropertyException unknown) {
			message = "unknown field; allowed here: " + unknown.getKnownPropertyIds();
		}
		else if (jackson instanceof StreamReadException && duplicate.find()) {
			field = duplicatePath(jackson, duplicate.group(1));
			message = "appears more than once; a field may be sent once";
		}
		else if (jackson instanceof InvalidFormatException format) {
			message = notA(format.getValue(), format.getTargetType());
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

	/**
	 * Says that a value sent is not of the type a field takes, naming the values an enum
	 * allows.
	 */
	private static String notA(@Nullable Object value, @Nullable Class<?> type) {
		String sent = "'" + echo(String.valueOf(value)) + "'";
		if (type == null) {
			return sent + " is not of the right type";
		}
		if (type.isEnum()) {
			return sent + " is not one of "
					+ Arrays.stream(type.getEnumConstants())
						.map((constant) -> ((Enum<?>) constant).name())
						.collect(Collectors.joining(", "));
		}
		if (INTEGRAL.contains(type)) {
			return sent + " is not a whole number";
		}
		return sent + " is not a valid " + type.getSimpleName();
	}

	/**
	 * The path of a key sent twice: the object that holds it, as far as the parser had
	 * read, and the key.
	 */
	private static String duplicatePath(JacksonException ex, String key) {
		String parent = path(ex);
		if (parent.isEmpty() && ex.processor() instanceof JsonParser parser && parser.streamReadContext() != null) {
			TokenStreamContext context = parser.streamReadContext().getParent();
			parent = (context != null) ? pointerToPath(context.pathAsPointer().toString()) : "";
		}
		return parent.isEmpty() ? key : parent + "." + key;
	}

	private static String pointerToPath(String pointer) {
		StringBuilder path = new StringBuilder();
		for (String segment : pointer.split("/")) {
			if (segment.isEmpty()) {
				continue;
			}
			if (segment.chars().allMatch(Character::isDigit)) {
				path.append('[').append(segment).append(']');
			}
			else {
				path.append(path.isEmpty() ? "" : ".").append(segment.replace("~1", "/").replace("~0", "~"));
			}
		}
		return path.toString();
	}

	private static boolean supported(String charset) {
		try {
			return Charset.isSupported(charset);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static String echo(String text) {
		return (text.length() > ECHO) ? text.substring(0, ECHO) + "…" : text;
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
			problem.setProperty("errors",
					(violations.size() > MAX_ERRORS) ? List.copyOf(violations.subList(0, MAX_ERRORS)) : violations);
		}
		if (violations.size() > MAX_ERRORS) {
			problem.setProperty("moreErrors", violations.size() - MAX_ERRORS);
		}
		return ResponseEntity.status(status).body(problem);
	}

}
