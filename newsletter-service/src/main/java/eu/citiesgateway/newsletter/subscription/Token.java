package eu.citiesgateway.newsletter.subscription;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A link token as stored: only its SHA-256 hash, what it may be used for, for whom and
 * until when. A TTL index removes it once expired.
 *
 * @param hash the SHA-256 of the token, in hex
 * @param subscriberId whose it is
 * @param purpose what it may be used for, and nothing else
 * @param expiresAt when it stops working
 * @param usedAt when a single-use token was used
 */
@Document("tokens")
record Token(@Id String hash, @Indexed UUID subscriberId, Purpose purpose,
		@Indexed(name = "tokens_ttl", expireAfter = "0s") Instant expiresAt, @Nullable Instant usedAt) {

	/** What a token is for. */
	enum Purpose {

		/** Confirms a subscription; single use. */
		CONFIRM,
		/** Opens the preferences page of the subscriber. */
		PREFERENCES,
		/** Unsubscribes; shows a confirmation page first. */
		UNSUBSCRIBE

	}

}
