package eu.citiesgateway.newsletter;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The newsletter's indexes, made at start-up, and the hourly removal of what must not be
 * kept: subscriptions never confirmed within their link's validity, expired tokens and
 * rate-limit buckets that are full again (which MongoDB TTL indexes also remove;
 * mongo-java-server has no TTL monitor). Once, the delivery errors recorded before they
 * were described without the server's text are rewritten.
 */
@Component
class Housekeeping implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(Housekeeping.class);

	/** The subscription rate limits' buckets. */
	static final String RATE_LIMITS = "rate_limits";

	/** The one-off rewrites done, one document each. */
	static final String MIGRATIONS = "migrations";

	private final MongoTemplate mongo;

	private final NewsletterProperties properties;

	private final Clock clock;

	Housekeeping(MongoTemplate mongo, NewsletterProperties properties, Clock clock) {
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.mongo.getCollection("subscribers")
			.createIndex(Indexes.ascending("addressHash"), new IndexOptions().unique(true).name("address"));
		this.mongo.getCollection("tokens")
			.createIndex(Indexes.ascending("expiresAt"),
					new IndexOptions().expireAfter(0L, TimeUnit.SECONDS).name("tokens_ttl"));
		this.mongo.getCollection("tokens")
			.createIndex(Indexes.ascending("subscriberId"), new IndexOptions().name("owner"));
		this.mongo.getCollection("deliveries")
			.createIndex(Indexes.ascending("issueId", "status"), new IndexOptions().name("issue_status"));
		this.mongo.getCollection("deliveries")
			.createIndex(Indexes.ascending("subscriberId"), new IndexOptions().name("subscriber"));
		this.mongo.getCollection("digest")
			.createIndex(Indexes.ascending("occurredAt"), new IndexOptions().name("time"));
		this.mongo.getCollection(RATE_LIMITS)
			.createIndex(Indexes.ascending("expiresAt"),
					new IndexOptions().expireAfter(0L, TimeUnit.SECONDS).name("rate_limits_ttl"));
		sanitiseDeliveryErrors();
		removeExpired();
	}

	/**
	 * Rewrites, once, the errors of deliveries recorded as the SMTP server's reply, which
	 * usually quotes the recipient's address, to their reply code and enhanced status
	 * code.
	 */
	void sanitiseDeliveryErrors() {
		String migration = "delivery-errors-without-reply-text";
		if (this.mongo.exists(Query.query(Criteria.where("_id").is(migration)), MIGRATIONS)) {
			return;
		}
		long rewritten = 0;
		Query withError = Query.query(Criteria.where("error").ne(null));
		withError.fields().include("error");
		try (Stream<Document> deliveries = this.mongo.stream(withError, Document.class, "deliveries")) {
			for (Document delivery : (Iterable<Document>) deliveries::iterator) {
				String stored = delivery.getString("error");
				String safe = SmtpFailures.sanitise(stored);
				if (!Objects.equals(stored, safe)) {
					this.mongo.updateFirst(Query.query(Criteria.where("_id").is(delivery.get("_id"))),
							Update.update("error", safe), "deliveries");
					rewritten++;
				}
			}
		}
		this.mongo.save(new Document("_id", migration).append("doneAt", Date.from(this.clock.instant()))
			.append("rewritten", rewritten), MIGRATIONS);
		if (rewritten > 0) {
			logger.info("Rewrote {} delivery errors to their SMTP reply codes", rewritten);
		}
	}

	@Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
	void removeExpired() {
		Instant now = this.clock.instant();
		long tokens = this.mongo.remove(Query.query(Criteria.where("expiresAt").lte(now)), "tokens").getDeletedCount();
		Instant unconfirmed = now.minus(this.properties.confirmationValidity());
		long pending = this.mongo
			.remove(Query.query(Criteria.where("status").is("PENDING").and("consentAt").lte(unconfirmed)),
					"subscribers")
			.getDeletedCount();
		long buckets = this.mongo.remove(Query.query(Criteria.where("expiresAt").lte(now)), RATE_LIMITS)
			.getDeletedCount();
		if (tokens + pending > 0) {
			logger.info("Removed {} expired tokens and {} subscriptions never confirmed", tokens, pending);
		}
		if (buckets > 0) {
			logger.debug("Removed {} rate-limit buckets that were full again", buckets);
		}
	}

}
