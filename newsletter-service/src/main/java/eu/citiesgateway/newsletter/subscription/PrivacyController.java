package eu.citiesgateway.newsletter.subscription;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
		List<String> hashes = this.addresses.hashes(address(body));
		Optional<Subscriber> subscriber = this.subscribers.findByAnyHash(hashes);
		List<Suppression> suppressions = this.suppressions.findAllById(hashes);
		if (subscriber.isEmpty() && suppressions.isEmpty()) {
			throw new ResourceNotFoundException("data about", "this address");
		}
		// this subscription and the earlier ones of the address, whose records may remain
		Set<UUID> ids = new LinkedHashSet<>();
		subscriber.ifPresent((s) -> ids.addAll(s.allIds()));
		suppressions.forEach((s) -> ids.addAll(s.formerSubscriberIds()));
		ids.stream().findFirst().ifPresent(Audit::target);
		Map<String, Object> export = new Export();
		export.put("exportedAt", this.clock.instant());
		subscriber.ifPresent((s) -> {
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
		});
		if (!ids.isEmpty()) {
			List<Map<String, Object>> links = new ArrayList<>();
			ids.forEach((id) -> this.tokens.of(id)
				.forEach((token) -> links.add(Map.of("purpose", token.purpose(), "expiresAt", token.expiresAt(), "used",
						token.usedAt() != null))));
			export.put("links", links);
			this.held.forEach(
					(data) -> export.put(data.name(), ids.stream().flatMap((id) -> data.export(id).stream()).toList()));
		}
		List<UUID> earlier = ids.stream()
			.filter((id) -> subscriber.isEmpty() || !subscriber.get().id().equals(id))
			.toList();
		if (!earlier.isEmpty()) {
			export.put("earlierSubscriptions", earlier);
		}
		suppressions.stream()
			.findFirst()
			.ifPresent((s) -> export.put("suppression", Map.of("reason", s.reason(), "since", s.since(), "note",
					"only a keyed hash of the address is kept")));
		return export;
	}

	@PostMapping(path = "/erasure", consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> erase(@RequestBody AddressBody body) {
		this.subscriptions.erase(address(body)).ifPresent(Audit::target);
		return ResponseEntity.noContent().build();
	}

	private static String address(AddressBody body) {
		Addresses.Parsed parsed = Addresses.parse(body.email());
		if (parsed.address() == null) {
			throw new InvalidRequestException("email", parsed.problem());
		}
		return parsed.address();
	}

	/**
	 * What an export holds; written out in full as JSON, never in a log line (Spring's
	 * debug logging prints the values it writes).
	 */
	static final class Export extends LinkedHashMap<String, Object> {

		@Override
		public String toString() {
			return "export of " + keySet();
		}

	}

	/**
	 * The address a request is about.
	 *
	 * @param email the address
	 */
	record AddressBody(@Nullable String email) {

		@Override
		public String toString() {
			return "AddressBody[email=(not shown)]";
		}

	}

}
