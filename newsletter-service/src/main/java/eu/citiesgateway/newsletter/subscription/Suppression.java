package eu.citiesgateway.newsletter.subscription;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An address that must not be mailed: only its keyed hash is kept, and the ids of the
 * subscriptions it had, so that an erasure of the address finds the records they left.
 *
 * @param addressHash the HMAC of the address
 * @param keyId the id of the HMAC's key; null for a hash made before key ids
 * @param reason why
 * @param since when
 * @param subscriberIds the subscriptions the address had whose delivery records or used
 * links may remain; none after an erasure
 */
@Document("suppressions")
public record Suppression(@Id String addressHash, @Nullable String keyId, Reason reason, Instant since,
		@Nullable List<UUID> subscriberIds) {

	/**
	 * The subscriptions the address had.
	 * @return their ids, never null
	 */
	public List<UUID> formerSubscriberIds() {
		return (this.subscriberIds != null) ? this.subscriberIds : List.of();
	}

	/** Why an address is suppressed. */
	public enum Reason {

		/** Its owner unsubscribed. */
		UNSUBSCRIBED,
		/** Its owner asked for everything about it to be erased. */
		ERASED,
		/** Mail to it failed permanently. */
		BOUNCED

	}

}
