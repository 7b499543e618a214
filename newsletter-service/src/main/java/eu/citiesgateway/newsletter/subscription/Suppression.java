package eu.citiesgateway.newsletter.subscription;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An address that must not be mailed: only its keyed hash is kept.
 *
 * @param addressHash the HMAC of the address
 * @param reason why
 * @param since when
 */
@Document("suppressions")
public record Suppression(@Id String addressHash, Reason reason, Instant since) {

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
