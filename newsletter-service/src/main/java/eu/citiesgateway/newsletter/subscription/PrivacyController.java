package eu.citiesgateway.newsletter.subscription;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import eu.citiesgateway.newsletter.subscription.Suppression.Reason;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.ResourceNotFoundException;
import eu.citiesgateway.platform.web.security.Audit;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * GDPR requests handled by staff under {@code /api/subscribers}: export everything held
 * about an address, and erase it. The address travels in the body, never in a URL, so
 * that it does not end up in access logs; the audit trail names the subscriber by id.
 */
@RestController
@RequestMapping("/api/subscribers")
class PrivacyController {

	private final Subscribers subscribers;

	private final Suppressions suppressions;

	private final Tokens tokens;

	private final Addresses addresses;

	private final Subscriptions subscriptions;

	private final Clock clock;

	private final List<HeldData> held;

	PrivacyController(Subscribers subscribers, Suppressions suppressions, Tokens tokens, Addresses addresses,
			Subscriptions subscriptions, Clock clock, List<HeldData> held) {
		this.held = held;
		this.subscribers = subscribers;
		this.suppressions = suppressions;
		this.tokens = tokens;
		this.addresses = addresses;
		this.subscriptions = subscriptions;
		this.clock = clock;
	}

	@PostMapping(path = "/export", consumes = MediaType.APPLICATION_JSON_VALUE)
	Map<String, Object> export(@RequestBody AddressBody body) {
		String hash = this.addresses.hash(address(body));
		Optional<Subscriber> subscriber = this.subscribers.findByAddressHash(hash);
		Optional<Suppression> suppression = this.suppressions.findById(hash);
		if (subscriber.isEmpty() && suppression.isEmpty()) {
			throw new ResourceNotFoundException("data about", "this address");
		}
		Map<String, Object> export = new LinkedHashMap<>();
		export.put("exportedAt", this.clock.instant());
		subscriber.ifPresent((s) -> {
			Audit.target(s.id());
			Map<String, Object> subscriberData = new LinkedHashMap<>();
			subscriberData.put("id", s.id());
			subscriberData.put("email", s.email());
			subscriberData.put("status", s.status());
			subscriberData.put("language", s.language().code());
			subscriberData.put("interests", s.interests());
			subscriberData.put("subscribedAt", s.createdAt());
			subscriberData.put("consentAt", s.consentAt());
			subscriberData.put("consentSource", s.consentSource());
			subscriberData.put("confirmedAt", s.confirmedAt());
			subscriberData.put("bounces", s.bounces());
			export.put("subscriber", subscriberData);
			List<Map<String, Object>> links = this.tokens.of(s.id())
				.stream()
				.map((token) -> Map.<String, Object>of("purpose", token.purpose(), "expiresAt", token.expiresAt(),
						"used", token.usedAt() != null))
				.toList();
			export.put("links", links);
			this.held.forEach((data) -> export.put(data.name(), data.export(s.id())));
		});
		suppression.ifPresent((s) -> export.put("suppression",
				Map.of("reason", s.reason(), "since", s.since(), "note", "only a keyed hash of the address is kept")));
		return export;
	}

	@PostMapping(path = "/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> erase(@RequestBody AddressBody body) {
		String hash = this.addresses.hash(address(body));
		Optional<Subscriber> subscriber = this.subscribers.findByAddressHash(hash);
		if (subscriber.isPresent()) {
			Audit.target(subscriber.get().id());
			this.held.forEach((data) -> data.erase(subscriber.get().id()));
			this.subscriptions.leave(subscriber.get(), Reason.ERASED);
		}
		else {
			this.suppressions.save(new Suppression(hash, Reason.ERASED, Instant.now(this.clock)));
		}
		return ResponseEntity.noContent().build();
	}

	private static String address(AddressBody body) {
		return Addresses.normalise(body.email())
			.orElseThrow(
					() -> new InvalidRequestException("email", "must be one e-mail address like name@example.org"));
	}

	/**
	 * The address a request is about.
	 *
	 * @param email the address
	 */
	record AddressBody(@Nullable String email) {
	}

}
