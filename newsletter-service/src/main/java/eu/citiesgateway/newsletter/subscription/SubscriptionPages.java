package eu.citiesgateway.newsletter.subscription;

import java.util.List;
import java.util.Map;

import eu.citiesgateway.newsletter.PageLanguage;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The hosted pages, in English and French: subscribe, confirmed, preferences and
 * unsubscribe. Opening an unsubscribe link only shows a page with a button, so that link
 * scanners unsubscribe nobody; RFC 8058 one-click unsubscribes with a POST.
 */
@Controller
class SubscriptionPages {

	private final Subscriptions subscriptions;

	SubscriptionPages(Subscriptions subscriptions) {
		this.subscriptions = subscriptions;
	}

	@GetMapping("/subscribe")
	String form(Model model) {
		model.addAttribute("interests", Interests.ALL);
		model.addAttribute("chosen", List.of());
		return "subscribe";
	}

	@PostMapping(path = "/subscribe", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	String subscribe(@RequestParam @Nullable String email, @RequestParam @Nullable String language,
			@RequestParam(required = false) @Nullable List<String> interests,
			@RequestParam(required = false) @Nullable String consent, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		try {
			this.subscriptions.subscribe(new SubscriptionRequest(email, language, interests, consent != null),
					request.getRemoteAddr(), "page");
			PageLanguage.set(request, language);
			return "pending";
		}
		catch (InvalidRequestException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("errors", ex.violations());
		}
		catch (TooManyRequestsException ex) {
			response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
			response.setHeader("Retry-After", Long.toString(Math.max(1, ex.retryAfter().toSeconds())));
			model.addAttribute("tooMany", true);
		}
		model.addAttribute("email", email);
		model.addAttribute("interests", Interests.ALL);
		model.addAttribute("chosen", (interests != null) ? interests : List.of());
		return "subscribe";
	}

	@GetMapping("/subscriptions/confirm")
	String confirm(@RequestParam @Nullable String token, HttpServletRequest request, HttpServletResponse response) {
		Subscriptions.Result result = this.subscriptions.confirm(token);
		return page(result, "confirmed", request, response);
	}

	@GetMapping("/subscriptions/preferences")
	String preferences(@RequestParam @Nullable String token, HttpServletRequest request, HttpServletResponse response,
			Model model) {
		Subscriptions.Result result = this.subscriptions.preferences(token);
		if (result.subscriber() != null) {
			model.addAttribute("token", token);
			model.addAttribute("language", result.subscriber().language().code());
			model.addAttribute("interests", Interests.ALL);
			model.addAttribute("chosen", result.subscriber().interests());
		}
		return page(result, "preferences", request, response);
	}

	@PostMapping(path = "/subscriptions/preferences", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	String choose(@RequestParam @Nullable String token, @RequestParam @Nullable String language,
			@RequestParam(required = false) @Nullable List<String> interests, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		try {
			Subscriptions.Result result = this.subscriptions.choose(token, language, interests);
			return page(result, "preferences-saved", request, response);
		}
		catch (InvalidRequestException ex) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
			model.addAttribute("errors", ex.violations());
			model.addAttribute("token", token);
			model.addAttribute("language", language);
			model.addAttribute("interests", Interests.ALL);
			model.addAttribute("chosen", (interests != null) ? interests : List.of());
			return "preferences";
		}
	}

	@GetMapping("/subscriptions/unsubscribe")
	String unsubscribeLink(@RequestParam @Nullable String token, HttpServletRequest request,
			HttpServletResponse response, Model model) {
		Subscriptions.Result result = this.subscriptions.unsubscribeLink(token);
		model.addAttribute("token", token);
		return page(result, "unsubscribe", request, response);
	}

	/**
	 * RFC 8058 one-click unsubscribe from a mail client
	 * ({@code List-Unsubscribe=One-Click} as a URL-encoded or multipart form), answered
	 * in plain text.
	 */
	@PostMapping(path = "/subscriptions/unsubscribe", params = "List-Unsubscribe=One-Click")
	ResponseEntity<String> oneClick(@RequestParam @Nullable String token) {
		LinkOutcome outcome = this.subscriptions.unsubscribe(token);
		return switch (outcome) {
			case VALID, USED -> ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body("Unsubscribed");
			case EXPIRED ->
				ResponseEntity.status(HttpStatus.GONE).contentType(MediaType.TEXT_PLAIN).body("Link expired");
			case UNKNOWN ->
				ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN).body("Unknown link");
		};
	}

	/**
	 * The button of the unsubscribe page.
	 */
	@PostMapping(path = "/subscriptions/unsubscribe", params = "!List-Unsubscribe")
	String unsubscribe(@RequestParam @Nullable String token, HttpServletRequest request, HttpServletResponse response) {
		Subscriptions.Result link = this.subscriptions.unsubscribeLink(token);
		if (link.subscriber() != null) {
			PageLanguage.set(request, link.subscriber().language().code());
		}
		LinkOutcome outcome = this.subscriptions.unsubscribe(token);
		if (outcome == LinkOutcome.USED) {
			return "unsubscribed";
		}
		return page(new Subscriptions.Result(outcome, link.subscriber()), "unsubscribed", request, response);
	}

	@org.springframework.web.bind.annotation.ExceptionHandler
	ResponseEntity<org.springframework.http.ProblemDetail> mailNotSent(MailNotSentException ex) {
		return MailNotSentException.problem();
	}

	private static String page(Subscriptions.Result result, String page, HttpServletRequest request,
			HttpServletResponse response) {
		if (result.subscriber() != null) {
			PageLanguage.set(request, result.subscriber().language().code());
		}
		if (result.outcome() == LinkOutcome.VALID) {
			return page;
		}
		response.setStatus(STATUS.get(result.outcome()).value());
		request.setAttribute("problem", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
		return "invalid-link";
	}

	private static final Map<LinkOutcome, HttpStatus> STATUS = Map.of(LinkOutcome.UNKNOWN, HttpStatus.NOT_FOUND,
			LinkOutcome.EXPIRED, HttpStatus.GONE, LinkOutcome.USED, HttpStatus.CONFLICT, LinkOutcome.VALID,
			HttpStatus.OK);

}
