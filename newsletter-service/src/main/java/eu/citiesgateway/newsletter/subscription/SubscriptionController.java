package eu.citiesgateway.newsletter.subscription;

import java.util.List;
import java.util.Map;

import eu.citiesgateway.platform.web.ConflictException;
import eu.citiesgateway.platform.web.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public JSON API of subscriptions under {@code /api/subscriptions}, for front ends
 * other than the hosted pages.
 */
@RestController
@RequestMapping("/api/subscriptions")
class SubscriptionController {

	static final String PENDING = "If this address can receive mail, a message is on its way to it. Open the link in it to confirm.";

	private final Subscriptions subscriptions;

	SubscriptionController(Subscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Map<String, String>> subscribe(@RequestBody SubscriptionRequest request, HttpServletRequest http) {
		// the client's address, from the trusted proxies' X-Forwarded-For when behind
		// them
		this.subscriptions.subscribe(request, http.getRemoteAddr(), "api");
		return ResponseEntity.accepted().body(Map.of("status", "confirmation-requested", "message", PENDING));
	}

	@PostMapping(path = "/confirmations", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, String> confirm(@RequestBody TokenBody body) {
		Subscriptions.Result result = this.subscriptions.confirm(body.token());
		requireValid(result.outcome());
		return Map.of("status", "confirmed");
	}

	@GetMapping("/preferences")
	Preferences preferences(@RequestParam @Nullable String token) {
		Subscriptions.Result result = this.subscriptions.preferences(token);
		requireValid(result.outcome());
		return Preferences.of(result.subscriber());
	}

	@PutMapping(path = "/preferences", consumes = MediaType.APPLICATION_JSON_VALUE)
	Preferences choose(@RequestParam @Nullable String token, @RequestBody Preferences preferences) {
		Subscriptions.Result result = this.subscriptions.choose(token, preferences.language(), preferences.interests());
		requireValid(result.outcome());
		return Preferences.of(result.subscriber());
	}

	@PostMapping("/unsubscription")
	Map<String, String> unsubscribe(@RequestParam @Nullable String token) {
		LinkOutcome outcome = this.subscriptions.unsubscribe(token);
		if (outcome != LinkOutcome.USED) {
			requireValid(outcome);
		}
		return Map.of("status", "unsubscribed");
	}

	/**
	 * Answers an unusable link with 404 (unknown or forged), 410 (expired) or 409 (used).
	 */
	static void requireValid(LinkOutcome outcome) {
		switch (outcome) {
			case VALID -> {
			}
			case UNKNOWN -> throw new ResourceNotFoundException("link", "(this token)");
			case EXPIRED -> throw new LinkExpiredException();
			case USED -> throw new ConflictException("This link was used already", Map.of("state", "USED"));
		}
	}

	/**
	 * A token from a link.
	 *
	 * @param token the token
	 */
	record TokenBody(@Nullable String token) {
	}

	/**
	 * A subscriber's choices.
	 *
	 * @param language {@code en} or {@code fr}
	 * @param interests the clusters to hear about
	 */
	record Preferences(@Nullable String language, @Nullable List<String> interests) {

		static Preferences of(Subscriber subscriber) {
			return new Preferences(subscriber.language().code(), subscriber.interests());
		}

	}

	/**
	 * A link past its time: 410 Gone.
	 */
	static class LinkExpiredException extends RuntimeException {

		LinkExpiredException() {
			super("This link has expired");
		}

	}

	@org.springframework.web.bind.annotation.ExceptionHandler
	ResponseEntity<ProblemDetail> mailNotSent(MailNotSentException ex) {
		return MailNotSentException.problem();
	}

	@org.springframework.web.bind.annotation.ExceptionHandler
	ProblemDetail expired(LinkExpiredException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GONE, ex.getMessage());
		problem.setTitle("Link expired");
		return problem;
	}

}
