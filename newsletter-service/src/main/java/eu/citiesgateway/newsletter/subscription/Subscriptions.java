package eu.citiesgateway.newsletter.subscription;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import eu.citiesgateway.newsletter.NewsletterProperties;
import eu.citiesgateway.newsletter.subscription.Suppression.Reason;
import eu.citiesgateway.newsletter.subscription.Token.Purpose;
import eu.citiesgateway.newsletter.subscription.Tokens.Check;
import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Subscribing with double opt-in, changing preferences and leaving. No answer ever tells
 * whether an address was subscribed already: that is told only to the address itself, by
 * mail.
 */
@Service
public class Subscriptions {

	private final Subscribers subscribers;

	private final Suppressions suppressions;

	private final Tokens tokens;

	private final Addresses addresses;

	private final SubscriptionMails mails;

	private final RateLimits limits;

	private final List<HeldData> held;

	private final NewsletterProperties properties;

	private final Clock clock;

	Subscriptions(Subscribers subscribers, Suppressions suppressions, Tokens tokens, Addresses addresses,
			SubscriptionMails mails, RateLimits limits, List<HeldData> held, NewsletterProperties properties,
			Clock clock) {
		this.held = held;
		this.subscribers = subscribers;
		this.suppressions = suppressions;
		this.tokens = tokens;
		this.addresses = addresses;
		this.mails = mails;
		this.limits = limits;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Asks for a subscription: a pending subscriber and a confirmation mail, or, for an
	 * address that is subscribed already, a mail that says so with its links.
	 * @param request what was asked
	 * @param client the client's IP address, for the rate limit
	 * @param source where the request came from, kept as part of the consent record
	 * @throws InvalidRequestException listing every invalid field
	 * @throws eu.citiesgateway.platform.web.TooManyRequestsException over a rate limit
	 */
	public void subscribe(SubscriptionRequest request, String client, String source) {
		List<FieldViolation> violations = new ArrayList<>();
		Addresses.Parsed email = Addresses.parse(request.email());
		if (email.address() == null) {
			violations.add(new FieldViolation("email", email.problem()));
		}
		Language language = language(request.language(), violations);
		List<String> interests = interests(request.interests(), violations);
		if (!Boolean.TRUE.equals(request.consent())) {
			violations.add(new FieldViolation("consent", "must be true: we send the newsletter only with consent"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		this.limits.client(client);
		String address = email.address();
		this.limits.address(address);
		List<String> hashes = this.addresses.hashes(address);
		Subscriber subscriber = this.subscribers.findByAnyHash(hashes).orElse(null);
		if (subscriber == null) {
			subscriber = Subscriber.pending(this.addresses.currentKeyId(), hashes.get(0), address, language, interests,
					source, this.clock.instant());
			try {
				this.subscribers.insert(subscriber);
			}
			catch (DuplicateKeyException ex) {
				// the same address asked twice at the same moment: answer the second
				// alike
				subscriber = this.subscribers.findByAnyHash(hashes).orElseThrow();
			}
		}
		else if (subscriber.status() == Subscriber.Status.PENDING) {
			subscriber.requestedAgain(language, interests, source, this.clock.instant());
			subscriber = this.subscribers.save(subscriber);
		}
		if (subscriber.status() == Subscriber.Status.ACTIVE) {
			this.mails.alreadySubscribed(subscriber, links(subscriber, Purpose.PREFERENCES),
					links(subscriber, Purpose.UNSUBSCRIBE));
		}
		else {
			this.mails.confirmation(subscriber,
					this.tokens.issue(subscriber.id(), Purpose.CONFIRM, this.properties.confirmationValidity()));
		}
	}

	/**
	 * Confirms a subscription from the link in the confirmation mail; the address leaves
	 * the suppression list.
	 * @param token the link's token
	 * @return the outcome, with the subscriber when there is one
	 */
	public Result confirm(@Nullable String token) {
		Check check = this.tokens.check(token, Purpose.CONFIRM);
		Subscriber subscriber = (check.token() != null)
				? this.subscribers.findById(check.token().subscriberId()).orElse(null) : null;
		if (!check.valid() || subscriber == null) {
			if (check.outcome() == LinkOutcome.USED && subscriber != null
					&& subscriber.status() == Subscriber.Status.ACTIVE) {
				return new Result(LinkOutcome.VALID, subscriber);
			}
			return new Result((subscriber == null) ? LinkOutcome.UNKNOWN : check.outcome(), subscriber);
		}
		if (this.tokens.use(check.token())) {
			List<String> hashes = this.addresses.hashes(subscriber.email());
			// the earlier subscriptions of a suppressed address now belong to this one
			this.suppressions.findAllById(hashes).forEach((s) -> subscriber.succeeds(s.formerSubscriberIds()));
			subscriber.confirm(this.clock.instant());
			this.subscribers.save(subscriber);
			this.suppressions.deleteAllById(hashes);
		}
		return new Result(LinkOutcome.VALID, subscriber);
	}

	/**
	 * The subscriber a preferences link is for.
	 * @param token the link's token
	 * @return the outcome, with the subscriber when valid
	 */
	public Result preferences(@Nullable String token) {
		Check check = this.tokens.check(token, Purpose.PREFERENCES);
		Subscriber subscriber = check.valid() ? this.subscribers.findById(check.token().subscriberId()).orElse(null)
				: null;
		return new Result((subscriber != null) ? LinkOutcome.VALID : notValid(check), subscriber);
	}

	/**
	 * Changes a subscriber's language and interests.
	 * @param token a preferences token
	 * @param language the new language
	 * @param interests the new interests
	 * @return the outcome, with the changed subscriber when valid
	 * @throws InvalidRequestException if the language or an interest is unknown
	 */
	public Result choose(@Nullable String token, @Nullable String language, @Nullable List<String> interests) {
		List<FieldViolation> violations = new ArrayList<>();
		Language chosen = language(language, violations);
		List<String> chosenInterests = interests(interests, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		Result result = preferences(token);
		if (result.subscriber() != null) {
			result.subscriber().choose(chosen, chosenInterests);
			return new Result(LinkOutcome.VALID, this.subscribers.save(result.subscriber()));
		}
		return result;
	}

	/**
	 * Checks an unsubscribe link without acting on it, for the confirmation page.
	 * @param token the link's token
	 * @return the outcome, with the subscriber when valid
	 */
	public Result unsubscribeLink(@Nullable String token) {
		Check check = this.tokens.check(token, Purpose.UNSUBSCRIBE);
		Subscriber subscriber = check.valid() ? this.subscribers.findById(check.token().subscriberId()).orElse(null)
				: null;
		return new Result((subscriber != null) ? LinkOutcome.VALID : notValid(check), subscriber);
	}

	/**
	 * Unsubscribes: the subscriber and its tokens are deleted, the address's hash goes on
	 * the suppression list. Repeating it with the same link is answered as done.
	 * @param token the link's token
	 * @return VALID when unsubscribed now, USED when it was already, or why not
	 */
	public LinkOutcome unsubscribe(@Nullable String token) {
		Check check = this.tokens.check(token, Purpose.UNSUBSCRIBE);
		if (!check.valid()) {
			return check.outcome();
		}
		Optional<Subscriber> subscriber = this.subscribers.findById(check.token().subscriberId());
		if (subscriber.isEmpty()) {
			return LinkOutcome.USED;
		}
		leave(subscriber.get(), Reason.UNSUBSCRIBED);
		// kept until it expires so that the same link is answered as done; it holds no
		// personal data
		this.tokens.reinstateUsed(check.token());
		return LinkOutcome.VALID;
	}

	/**
	 * Fresh preferences and unsubscribe links for a mail to a subscriber.
	 * @param subscriber the subscriber
	 * @return the two links
	 */
	public MailLinks linksFor(Subscriber subscriber) {
		return new MailLinks(
				this.mails.link("/subscriptions/preferences", links(subscriber, Purpose.PREFERENCES)).toString(),
				this.mails.link("/subscriptions/unsubscribe", links(subscriber, Purpose.UNSUBSCRIBE)).toString());
	}

	/**
	 * Fresh links for mails to several subscribers, in two writes.
	 * @param subscribers the subscribers
	 * @return their links, in the same order
	 */
	public List<MailLinks> linksFor(List<Subscriber> subscribers) {
		List<java.util.UUID> ids = subscribers.stream().map(Subscriber::id).toList();
		List<String> preferences = this.tokens.issueAll(ids, Purpose.PREFERENCES, this.properties.linkValidity());
		List<String> unsubscribe = this.tokens.issueAll(ids, Purpose.UNSUBSCRIBE, this.properties.linkValidity());
		List<MailLinks> links = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			links.add(new MailLinks(this.mails.link("/subscriptions/preferences", preferences.get(i)).toString(),
					this.mails.link("/subscriptions/unsubscribe", unsubscribe.get(i)).toString()));
		}
		return links;
	}

	/**
	 * Counts a permanent failure of mail to a subscriber; at the limit the address goes
	 * on the suppression list and the subscriber is deleted.
	 * @param subscriberId the subscriber
	 * @param limit permanent failures allowed
	 */
	public void bounced(java.util.UUID subscriberId, int limit) {
		this.subscribers.findById(subscriberId).ifPresent((subscriber) -> {
			if (subscriber.bounced() >= limit) {
				leave(subscriber, Reason.BOUNCED);
			}
			else {
				this.subscribers.save(subscriber);
			}
		});
	}

	/**
	 * The links every mail carries.
	 *
	 * @param preferences the preferences page
	 * @param unsubscribe the unsubscribe page and RFC 8058 one-click target
	 */
	public record MailLinks(String preferences, String unsubscribe) {
	}

	/**
	 * Erases everything held about an address: its subscription, the records of every
	 * subscription it had (deliveries, their claims, links) and what the rate limits
	 * counted for it. Only the address's keyed hash stays, on the suppression list
	 * ({@code ERASED}), so that it is never mailed again unless its owner subscribes
	 * anew. Repeating an erasure that stopped half-way finishes it: the suppression names
	 * the subscriptions until their records are gone.
	 * @param address a normalised address
	 * @return the id of the address's subscription, if it had one
	 */
	public Optional<UUID> erase(String address) {
		List<String> hashes = this.addresses.hashes(address);
		Optional<Subscriber> subscriber = this.subscribers.findByAnyHash(hashes);
		Set<UUID> ids = new LinkedHashSet<>();
		subscriber.ifPresent((s) -> ids.addAll(s.allIds()));
		this.suppressions.findAllById(hashes).forEach((s) -> ids.addAll(s.formerSubscriberIds()));
		suppress(hashes, Reason.ERASED, List.copyOf(ids));
		for (UUID id : ids) {
			this.held.forEach((data) -> data.erase(id));
			this.tokens.deleteAll(id);
		}
		subscriber.ifPresent(this.subscribers::delete);
		this.limits.forget(address);
		suppress(hashes, Reason.ERASED, List.of());
		return subscriber.map(Subscriber::id).or(() -> ids.stream().findFirst());
	}

	/**
	 * Deletes a subscriber and its tokens and suppresses its address, remembering the
	 * subscriptions whose delivery records remain.
	 * @param subscriber the subscriber
	 * @param reason why
	 */
	void leave(Subscriber subscriber, Reason reason) {
		List<String> hashes = this.addresses.hashes(subscriber.email());
		Set<UUID> ids = new LinkedHashSet<>(subscriber.allIds());
		this.suppressions.findAllById(hashes).forEach((s) -> ids.addAll(s.formerSubscriberIds()));
		suppress(hashes, reason, List.copyOf(ids));
		this.tokens.deleteAll(subscriber.id());
		this.subscribers.delete(subscriber);
	}

	/** One suppression under the current key, none under the others. */
	private void suppress(List<String> hashes, Reason reason, List<UUID> subscriberIds) {
		this.suppressions.save(new Suppression(hashes.get(0), this.addresses.currentKeyId(), reason,
				this.clock.instant(), subscriberIds));
		if (hashes.size() > 1) {
			this.suppressions.deleteAllById(hashes.subList(1, hashes.size()));
		}
	}

	private String links(Subscriber subscriber, Purpose purpose) {
		return this.tokens.issue(subscriber.id(), purpose, this.properties.linkValidity());
	}

	private static LinkOutcome notValid(Check check) {
		return check.valid() ? LinkOutcome.UNKNOWN : check.outcome();
	}

	private static @Nullable Language language(@Nullable String code, List<FieldViolation> violations) {
		Language language = (code != null) ? Language.of(code).orElse(null) : null;
		if (language == null) {
			violations.add(new FieldViolation("language", "must be en or fr"));
		}
		return language;
	}

	private static List<String> interests(@Nullable List<String> interests, List<FieldViolation> violations) {
		if (interests == null || interests.isEmpty()) {
			violations.add(new FieldViolation("interests", "choose at least one of " + Interests.ALL));
			return List.of();
		}
		LinkedHashSet<String> chosen = new LinkedHashSet<>();
		for (int i = 0; i < interests.size(); i++) {
			if (!Interests.ALL.contains(interests.get(i))) {
				violations.add(new FieldViolation("interests[" + i + "]",
						"'" + interests.get(i) + "' is not a cluster; allowed are " + Interests.ALL));
			}
			else {
				chosen.add(interests.get(i));
			}
		}
		return List.copyOf(chosen);
	}

	/**
	 * What became of a link.
	 *
	 * @param outcome VALID, or why not
	 * @param subscriber the subscriber, when known
	 */
	public record Result(LinkOutcome outcome, @Nullable Subscriber subscriber) {
	}

}
