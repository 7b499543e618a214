package eu.citiesgateway.newsletter.subscription;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import eu.citiesgateway.newsletter.Inbox;
import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.newsletter.delivery.Dispatcher;
import eu.citiesgateway.newsletter.delivery.IssueFixtures;
import eu.citiesgateway.platform.test.Http;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure removes everything held about an address, in every collection and across
 * every subscription the address had, and keeps only its keyed hash on the suppression
 * list.
 */
@NewsletterIntegrationTest
class ErasureIntegrationTests {

	/**
	 * The cluster of the issues sent here, which only this class's subscribers follow.
	 */
	static final String CLUSTER = "digital-inclusive-innovation";

	/**
	 * The collection whose records name a subscriber's id by design (never an address).
	 */
	static final String AUDIT = "audit";

	@Autowired
	Http http;

	@Autowired
	GreenMail smtp;

	@Autowired
	Dispatcher dispatcher;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Addresses addresses;

	@Autowired
	Subscribers subscribers;

	final List<UUID> created = new ArrayList<>();

	@AfterEach
	void noOneElseGetsTheNextIssues() {
		this.subscribers.deleteAllById(this.created);
	}

	@Test
	void anErasureRemovesEverythingAboutTheAddressAcrossItsSubscriptionsAndKeepsOnlyItsKeyedHash() throws Exception {
		String address = "erased-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		// a first subscription: confirmed, sent an issue, then left with the one-click
		// link of that issue, which stays stored, used, until it expires
		UUID first = confirmedSubscriber(address, 1);
		MimeMessage issue = sendAnIssue(address, 2);
		String unsubscribe = issue.getHeader("List-Unsubscribe", null).replaceAll("[<>]", "");
		assertThat(this.http.anonymous()
			.post(path(unsubscribe), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
			.status()).isEqualTo(200);
		// a second subscription of the address, sent another issue
		UUID second = confirmedSubscriber(address, 3);
		sendAnIssue(address, 4);
		JsonNode held = export(address).json();
		assertThat(held.get("subscriber").get("id").asString()).isEqualTo(second.toString());
		assertThat(held.get("earlierSubscriptions").values()).extracting(JsonNode::asString)
			.containsExactly(first.toString());
		assertThat(held.get("deliveries").values()).hasSize(2);
		assertThat(this.mongo.exists(mailboxBuckets(address), "rate_limits")).isTrue();
		assertThat(holding(address, first, second)).contains("subscribers", "tokens", "deliveries", "delivery_claims");

		Http.Response erased = this.http.postJson("/api/subscribers/erasure", "{\"email\": \"" + address + "\"}");

		assertThat(erased.status()).isEqualTo(204);
		assertThat(holding(address, first, second)).isEmpty();
		assertThat(this.mongo.exists(mailboxBuckets(address), "rate_limits")).isFalse();
		Document suppression = this.mongo.findById(this.addresses.hash(address), Document.class, "suppressions");
		assertThat(suppression.getString("reason")).isEqualTo("ERASED");
		assertThat(suppression.getString("keyId")).isEqualTo(this.addresses.currentKeyId());
		assertThat(suppression.getList("subscriberIds", Object.class)).isEmpty();
		JsonNode after = export(address).json();
		assertThat(after.has("subscriber")).isFalse();
		assertThat(after.has("deliveries")).isFalse();
		assertThat(after.get("suppression").get("reason").asString()).isEqualTo("ERASED");
	}

	@Test
	void theRecordsOfAnAddressThatLeftAreFoundThroughItsSuppressionAndErased() throws Exception {
		String address = "left-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
		UUID former = confirmedSubscriber(address, 1);
		String unsubscribe = sendAnIssue(address, 2).getHeader("List-Unsubscribe", null).replaceAll("[<>]", "");
		this.http.anonymous()
			.post(path(unsubscribe), "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click");
		assertThat(count("deliveries", former)).isOne();
		assertThat(count("tokens", former)).as("the used link, kept until it expires").isOne();

		assertThat(this.http.postJson("/api/subscribers/erasure", "{\"email\": \"" + address + "\"}").status())
			.isEqualTo(204);

		assertThat(count("deliveries", former)).isZero();
		assertThat(count("tokens", former)).isZero();
	}

	/**
	 * The collections with a document that names the address or a subscription's id; the
	 * audit trail names the subscriber's id by design, never the address.
	 */
	private List<String> holding(String address, UUID... subscribers) {
		List<String> holding = new ArrayList<>();
		for (String collection : this.mongo.getCollectionNames()) {
			for (Document document : this.mongo.findAll(Document.class, collection)) {
				// toString, not toJson: a UUID is written as itself, not as binary
				String values = document.toString().toLowerCase(java.util.Locale.ROOT);
				boolean names = values.contains(address) || (!collection.equals(AUDIT)
						&& java.util.Arrays.stream(subscribers).anyMatch((id) -> values.contains(id.toString())));
				if (names && !holding.contains(collection)) {
					holding.add(collection);
				}
			}
		}
		return holding;
	}

	private long count(String collection, UUID subscriber) {
		return this.mongo.count(Query.query(Criteria.where("subscriberId").is(subscriber)), collection);
	}

	private UUID confirmedSubscriber(String address, int mails) {
		assertThat(this.http.postJson("/api/subscriptions", subscription(address)).status()).isEqualTo(202);
		List<String> links = Inbox.links(new Inbox(this.smtp, address).last(mails));
		assertThat(this.http.get(path(links.get(0))).status()).isEqualTo(200);
		UUID id = this.subscribers.findByAddressHash(this.addresses.hash(address)).orElseThrow().id();
		this.created.add(id);
		return id;
	}

	private MimeMessage sendAnIssue(String address, int mails) {
		IssueFixtures.publishedWithNewsFor(this.http, CLUSTER);
		this.dispatcher.run();
		return new Inbox(this.smtp, address).last(mails);
	}

	private Http.Response export(String address) {
		return this.http.postJson("/api/subscribers/export", "{\"email\": \"" + address + "\"}");
	}

	private Query mailboxBuckets(String address) {
		return Query.query(Criteria.where("_id").regex("^" + RateLimits.MAILBOX + this.addresses.hash(address) + ":"));
	}

	private static String subscription(String address) {
		return """
				{"email": "%s", "language": "en", "interests": ["%s"], "consent": true}
				""".formatted(address, CLUSTER);
	}

	private static String path(String link) {
		URI uri = URI.create(link);
		return uri.getRawPath() + "?" + uri.getRawQuery();
	}

}
