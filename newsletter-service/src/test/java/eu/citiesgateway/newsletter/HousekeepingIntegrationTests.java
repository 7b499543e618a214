package eu.citiesgateway.newsletter;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.newsletter.subscription.Addresses;
import eu.citiesgateway.newsletter.subscription.Language;
import eu.citiesgateway.newsletter.subscription.Subscriber;
import eu.citiesgateway.newsletter.subscription.SubscriberFixtures;
import eu.citiesgateway.newsletter.subscription.Subscribers;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hourly removal of expired links and of subscriptions never confirmed, which stores
 * without a TTL monitor (mongo-java-server) rely on.
 */
@NewsletterIntegrationTest
class HousekeepingIntegrationTests {

	@Autowired
	Housekeeping housekeeping;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Subscribers subscribers;

	@Autowired
	Addresses addresses;

	@Test
	void expiredLinksAndSubscriptionsNeverConfirmedAreRemovedAndTheRestKept() {
		Instant now = Instant.now();
		String expired = "expired-" + UUID.randomUUID();
		String valid = "valid-" + UUID.randomUUID();
		this.mongo.getCollection("tokens")
			.insertMany(List.of(
					new Document("_id", expired).append("expiresAt", Date.from(now.minus(Duration.ofMinutes(1)))),
					new Document("_id", valid).append("expiresAt", Date.from(now.plus(Duration.ofDays(1))))));
		Subscriber stale = this.subscribers.save(pending("stale", now.minus(Duration.ofDays(3))));
		Subscriber recent = this.subscribers.save(pending("recent", now.minus(Duration.ofHours(1))));

		this.housekeeping.removeExpired();

		assertThat(this.mongo.getCollection("tokens").countDocuments(new Document("_id", expired))).isZero();
		assertThat(this.mongo.getCollection("tokens").countDocuments(new Document("_id", valid))).isOne();
		assertThat(this.subscribers.findById(stale.id())).isEmpty();
		assertThat(this.subscribers.findById(recent.id())).isPresent();
	}

	@Test
	void deliveryErrorsRecordedWithTheServersTextAreRewrittenOnceWithoutIt() {
		String id = "legacy-" + UUID.randomUUID();
		String safe = "safe-" + UUID.randomUUID();
		this.mongo.getCollection("deliveries")
			.insertMany(List.of(
					new Document("_id", id).append("error",
							"550 5.1.1 <jane@example.org>: Recipient address rejected: User unknown"),
					new Document("_id", safe).append("error", "451 4.2.1 Mailbox disabled, not accepting messages")));
		this.mongo.getCollection(Housekeeping.MIGRATIONS).deleteMany(new Document());

		this.housekeeping.sanitiseDeliveryErrors();

		assertThat(error(id)).isEqualTo("550 5.1.1 Bad destination mailbox address");
		assertThat(error(safe)).isEqualTo("451 4.2.1 Mailbox disabled, not accepting messages");
		assertThat(this.mongo.getCollection(Housekeeping.MIGRATIONS).countDocuments()).isOne();
	}

	@Test
	void rateLimitBucketsFullAgainAreRemoved() {
		Instant now = Instant.now();
		String full = "mailbox:full-" + UUID.randomUUID();
		String counting = "mailbox:counting-" + UUID.randomUUID();
		this.mongo.getCollection(Housekeeping.RATE_LIMITS)
			.insertMany(List.of(new Document("_id", full).append("expiresAt", Date.from(now.minusSeconds(1))),
					new Document("_id", counting).append("expiresAt", Date.from(now.plus(Duration.ofMinutes(20))))));

		this.housekeeping.removeExpired();

		assertThat(this.mongo.getCollection(Housekeeping.RATE_LIMITS).countDocuments(new Document("_id", full)))
			.isZero();
		assertThat(this.mongo.getCollection(Housekeeping.RATE_LIMITS).countDocuments(new Document("_id", counting)))
			.isOne();
	}

	private String error(String delivery) {
		return this.mongo.getCollection("deliveries").find(new Document("_id", delivery)).first().getString("error");
	}

	private Subscriber pending(String name, Instant consentAt) {
		String email = name + "-" + UUID.randomUUID() + "@example.org";
		return SubscriberFixtures.pending(this.addresses, email, Language.EN, List.of("circular-economy"), consentAt);
	}

}
