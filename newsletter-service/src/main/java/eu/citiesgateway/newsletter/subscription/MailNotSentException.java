package eu.citiesgateway.newsletter.subscription;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A mail of the subscription flow could not be handed to the SMTP server, or it is not
 * known whether it was: answered 503 with {@code Retry-After}. Its message is the reply
 * code or the kind of failure, never the server's text, and it carries no cause, whose
 * message would quote the address.
 */
class MailNotSentException extends RuntimeException {

	static final Duration RETRY_AFTER = Duration.ofMinutes(1);

	MailNotSentException(String failure) {
		super("The mail could not be sent (" + failure + ")", null, false, false);
	}

	/**
	 * The answer to a request whose mail was not sent.
	 * @return 503 with a problem detail and {@code Retry-After}
	 */
	static ResponseEntity<ProblemDetail> problem() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The mail could not be sent just now. Please try again in a minute.");
		problem.setTitle("Mail not sent");
		problem.setProperty("retryAfterSeconds", RETRY_AFTER.toSeconds());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
			.body(problem);
	}

}
