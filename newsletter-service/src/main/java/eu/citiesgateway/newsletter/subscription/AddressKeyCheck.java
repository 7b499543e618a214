package eu.citiesgateway.newsletter.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Makes the stored address hashes and the configured keys agree, at start-up: hashes
 * stored before key ids get the id of the key that made them (found with a subscriber's
 * address, else taken to be the current key), subscribers whose hash was made with an
 * earlier key are hashed with the current one (their address is at hand), and the service
 * does not start when a stored hash names a key that is not configured, which would
 * forget the addresses suppressed under it, or when a key no longer gives the hashes
 * stored under it, because its value was changed.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AddressKeyCheck implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(AddressKeyCheck.class);

	private static final String SUBSCRIBERS = "subscribers";

	private static final String SUPPRESSIONS = "suppressions";

	private final MongoTemplate mongo;

	private final Addresses addresses;

	AddressKeyCheck(MongoTemplate mongo, Addresses addresses) {
		this.mongo = mongo;
		this.addresses = addresses;
	}

	@Override
	public void run(ApplicationArguments args) {
		labelHashesWithoutKeyId();
		requireEveryKeyInUse();
		hashSubscribersWithTheCurrentKey();
	}

	void labelHashesWithoutKeyId() {
		Query unlabelled = Query.query(Criteria.where("keyId").exists(false));
		Document subscriber = this.mongo.findOne(unlabelled, Document.class, SUBSCRIBERS);
		String keyId = this.addresses.currentKeyId();
		if (subscriber != null) {
			keyId = keyOf(subscriber).orElseThrow(() -> new AddressKeyException(
					"the hashes stored before key ids were made with a key that is not configured (no configured "
							+ "key gives the hash of a subscriber's address): configure it, under any id"));
		}
		long subscribers = this.mongo.updateMulti(unlabelled, Update.update("keyId", keyId), SUBSCRIBERS)
			.getModifiedCount();
		long suppressions = this.mongo.updateMulti(unlabelled, Update.update("keyId", keyId), SUPPRESSIONS)
			.getModifiedCount();
		if (subscribers + suppressions > 0) {
			logger.info("{} subscribers and {} suppressions hashed before key ids are marked as hashed with key '{}'",
					subscribers, suppressions, keyId);
		}
	}

	void requireEveryKeyInUse() {
		Set<String> used = new TreeSet<>();
		used.addAll(this.mongo.findDistinct(new Query(), "keyId", SUPPRESSIONS, String.class));
		used.addAll(this.mongo.findDistinct(new Query(), "keyId", SUBSCRIBERS, String.class));
		Set<String> missing = new TreeSet<>(used);
		missing.removeAll(this.addresses.keyIds());
		if (!missing.isEmpty()) {
			throw new AddressKeyException("addresses are stored hashed with the key(s) " + missing
					+ ", which are not configured: the suppressed ones among them would be mailed again; "
					+ "configure every key in use " + used);
		}
		for (String keyId : used) {
			Document subscriber = this.mongo.findOne(Query.query(Criteria.where("keyId").is(keyId)), Document.class,
					SUBSCRIBERS);
			if (subscriber != null && !this.addresses.hash(keyId, subscriber.getString("email"))
				.equals(subscriber.getString("addressHash"))) {
				throw new AddressKeyException("the key '" + keyId + "' does not give the hashes stored with it: "
						+ "its value was changed; give it back its value, and put a new key under a new id");
			}
		}
	}

	void hashSubscribersWithTheCurrentKey() {
		String current = this.addresses.currentKeyId();
		Query earlier = Query.query(Criteria.where("keyId").ne(current));
		earlier.fields().include("email");
		long rehashed = 0;
		List<Document> batch = new ArrayList<>();
		try (Stream<Document> subscribers = this.mongo.stream(earlier, Document.class, SUBSCRIBERS)) {
			for (Document subscriber : (Iterable<Document>) subscribers::iterator) {
				batch.add(subscriber);
				if (batch.size() == 500) {
					rehashed += rehash(batch, current);
					batch.clear();
				}
			}
		}
		rehashed += rehash(batch, current);
		if (rehashed > 0) {
			logger.info("{} subscribers were hashed again with the current key '{}'", rehashed, current);
		}
	}

	private long rehash(List<Document> subscribers, String current) {
		if (subscribers.isEmpty()) {
			return 0;
		}
		BulkOperations updates = this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, SUBSCRIBERS);
		for (Document subscriber : subscribers) {
			updates.updateOne(Query.query(Criteria.where("_id").is(subscriber.get("_id"))),
					Update.update("addressHash", this.addresses.hash(current, subscriber.getString("email")))
						.set("keyId", current));
		}
		return updates.execute().getModifiedCount();
	}

	private java.util.Optional<String> keyOf(Document subscriber) {
		String email = subscriber.getString("email");
		String hash = subscriber.getString("addressHash");
		return this.addresses.keyIds().stream().filter((id) -> this.addresses.hash(id, email).equals(hash)).findFirst();
	}

}
