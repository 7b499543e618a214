package eu.citiesgateway.newsletter.subscription;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A person who asked for the newsletter: pending until the address is confirmed, then
 * active. Leaving deletes the document; only the address's hash stays, on the suppression
 * list, with the ids of the subscriptions it had (whose delivery records and used links
 * remain), so that an erasure finds them; a new subscription of the address takes them
 * over when it is confirmed.
 */
@Document("subscribers")
public class Subscriber {

	@Id
	private final UUID id;

	@Indexed(unique = true)
	private String addressHash;

	/** The id of the key of {@link #addressHash}; null for a hash made before key ids. */
	private @Nullable String keyId;

	private final String email;

	private Language language;

	private List<String> interests;

	private Status status;

	private final Instant createdAt;

	private Instant consentAt;

	private String consentSource;

	private @Nullable Instant confirmedAt;

	private int bounces;

	/** Earlier subscriptions of the address, whose records may remain. */
	private @Nullable List<UUID> formerIds;

	@Version
	private @Nullable Long version;

	Subscriber(UUID id, String addressHash, String email, Language language, List<String> interests, Status status,
			Instant createdAt, Instant consentAt, String consentSource) {
		this.id = id;
		this.addressHash = addressHash;
		this.keyId = null;
		this.email = email;
		this.language = language;
		this.interests = List.copyOf(interests);
		this.status = status;
		this.createdAt = createdAt;
		this.consentAt = consentAt;
		this.consentSource = consentSource;
	}

	static Subscriber pending(String keyId, String addressHash, String email, Language language, List<String> interests,
			String consentSource, Instant now) {
		Subscriber subscriber = new Subscriber(UUID.randomUUID(), addressHash, email, language, interests,
				Status.PENDING, now, now, consentSource);
		subscriber.keyId = keyId;
		return subscriber;
	}

	/**
	 * Stores the address's hash under another key, when the current key changed.
	 */
	void rehashed(String keyId, String addressHash) {
		this.keyId = keyId;
		this.addressHash = addressHash;
	}

	/**
	 * Takes over the earlier subscriptions of the address, when it comes back.
	 */
	void succeeds(List<UUID> earlier) {
		LinkedHashSet<UUID> ids = new LinkedHashSet<>(formerIds());
		ids.addAll(earlier);
		ids.remove(this.id);
		this.formerIds = new ArrayList<>(ids);
	}

	/**
	 * A new request for a pending subscription: its choices and consent replace the old.
	 */
	void requestedAgain(Language language, List<String> interests, String consentSource, Instant now) {
		if (this.status == Status.PENDING) {
			this.language = language;
			this.interests = List.copyOf(interests);
			this.consentAt = now;
			this.consentSource = consentSource;
		}
	}

	/**
	 * The owner of the address opened the confirmation link.
	 * @return whether it was pending
	 */
	boolean confirm(Instant now) {
		if (this.status == Status.ACTIVE) {
			return false;
		}
		this.status = Status.ACTIVE;
		this.confirmedAt = now;
		return true;
	}

	/** Counts a permanent failure; returns the count. */
	int bounced() {
		return ++this.bounces;
	}

	void choose(Language language, List<String> interests) {
		this.language = language;
		this.interests = List.copyOf(interests);
	}

	public UUID id() {
		return this.id;
	}

	public String addressHash() {
		return this.addressHash;
	}

	public @Nullable String keyId() {
		return this.keyId;
	}

	/**
	 * This subscription and the earlier ones of the address: what an export shows and an
	 * erasure deletes.
	 * @return the ids, this one first
	 */
	public List<UUID> allIds() {
		List<UUID> ids = new ArrayList<>();
		ids.add(this.id);
		ids.addAll(formerIds());
		return ids;
	}

	List<UUID> formerIds() {
		return (this.formerIds != null) ? this.formerIds : List.of();
	}

	public String email() {
		return this.email;
	}

	public Language language() {
		return this.language;
	}

	public List<String> interests() {
		return this.interests;
	}

	public Status status() {
		return this.status;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant consentAt() {
		return this.consentAt;
	}

	public String consentSource() {
		return this.consentSource;
	}

	public @Nullable Instant confirmedAt() {
		return this.confirmedAt;
	}

	public int bounces() {
		return this.bounces;
	}

	/** Where a subscription is. */
	public enum Status {

		/** Asked for, not yet confirmed from the address. */
		PENDING,
		/** Confirmed: receives issues. */
		ACTIVE

	}

}
