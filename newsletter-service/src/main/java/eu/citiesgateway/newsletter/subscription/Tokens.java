package eu.citiesgateway.newsletter.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import eu.citiesgateway.newsletter.subscription.Token.Purpose;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Issues and checks the tokens of the links in mails: 256 random bits each, given out
 * once and stored only as a hash, each for one purpose and for a limited time.
 */
@Component
class Tokens {

	private static final SecureRandom random = new SecureRandom();

	private final MongoTemplate mongo;

	private final Clock clock;

	Tokens(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * A new token.
	 * @param subscriberId whose
	 * @param purpose what for
	 * @param validity for how long
	 * @return the token to put in a link
	 */
	String issue(UUID subscriberId, Purpose purpose, Duration validity) {
		byte[] bytes = new byte[32];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.mongo.insert(new Token(hash(token), subscriberId, purpose, this.clock.instant().plus(validity), null));
		return token;
	}

	/**
	 * New tokens for several subscribers at once, in one write.
	 * @param subscriberIds whose, one token each
	 * @param purpose what for
	 * @param validity for how long
	 * @return the tokens to put in links, in the order of the ids
	 */
	java.util.List<String> issueAll(java.util.List<UUID> subscriberIds, Purpose purpose, Duration validity) {
		java.util.List<String> tokens = new java.util.ArrayList<>();
		java.util.List<Token> stored = new java.util.ArrayList<>();
		for (UUID subscriberId : subscriberIds) {
			byte[] bytes = new byte[32];
			random.nextBytes(bytes);
			String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
			tokens.add(token);
			stored.add(new Token(hash(token), subscriberId, purpose, this.clock.instant().plus(validity), null));
		}
		this.mongo.insertAll(stored);
		return tokens;
	}

	/**
	 * What a token from a link is worth.
	 * @param token the token as received
	 * @param purpose what it is presented for
	 * @return the outcome
	 */
	Check check(@Nullable String token, Purpose purpose) {
		if (token == null || token.length() != 43) {
			return new Check(LinkOutcome.UNKNOWN, null);
		}
		Token stored = this.mongo.findById(hash(token), Token.class);
		if (stored == null || stored.purpose() != purpose) {
			return new Check(LinkOutcome.UNKNOWN, null);
		}
		if (!stored.expiresAt().isAfter(this.clock.instant())) {
			return new Check(LinkOutcome.EXPIRED, stored);
		}
		if (stored.usedAt() != null) {
			return new Check(LinkOutcome.USED, stored);
		}
		return new Check(LinkOutcome.VALID, stored);
	}

	/**
	 * Marks a single-use token used, unless someone else just did.
	 * @return whether this call used it
	 */
	boolean use(Token token) {
		return this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(token.hash()).and("usedAt").is(null)),
					Update.update("usedAt", this.clock.instant()), Token.class)
			.getModifiedCount() == 1;
	}

	/**
	 * Stores a used token again after its subscriber's tokens were deleted.
	 */
	void reinstateUsed(Token token) {
		this.mongo.save(new Token(token.hash(), token.subscriberId(), token.purpose(), token.expiresAt(),
				this.clock.instant()));
	}

	void deleteAll(UUID subscriberId) {
		this.mongo.remove(Query.query(Criteria.where("subscriberId").is(subscriberId)), Token.class);
	}

	java.util.List<Token> of(UUID subscriberId) {
		return this.mongo.find(Query.query(Criteria.where("subscriberId").is(subscriberId)), Token.class);
	}

	static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Check(LinkOutcome outcome, @Nullable Token token) {

		boolean valid() {
			return this.outcome == LinkOutcome.VALID;
		}

	}

}
