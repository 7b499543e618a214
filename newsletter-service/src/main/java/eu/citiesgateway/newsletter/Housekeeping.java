package eu.citiesgateway.newsletter;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The newsletter's indexes, made at start-up, and the hourly removal of what must not be
 * kept: subscriptions never confirmed within their link's validity, and expired tokens
 * (which a MongoDB TTL index also removes; mongo-java-server has no TTL monitor).
 */
@Component
class Housekeeping implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(Housekeeping.class);

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
		removeExpired();
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
		if (tokens + pending > 0) {
			logger.info("Removed {} expired tokens and {} subscriptions never confirmed", tokens, pending);
		}
	}

}
