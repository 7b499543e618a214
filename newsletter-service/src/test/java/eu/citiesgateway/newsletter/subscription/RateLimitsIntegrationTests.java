package eu.citiesgateway.newsletter.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.newsletter.NewsletterProperties;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.web.TooManyRequestsException;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The subscription rate limits live in the service's store: every instance counts against
 * the same buckets, a restart forgets nothing, and the store holds neither addresses nor
 * clients' IP addresses.
 */
@NewsletterIntegrationTest
class RateLimitsIntegrationTests {

	@Autowired
	Http http;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Addresses addresses;

	@Autowired
	NewsletterProperties properties;

	@Test
	void everyInstanceCountsAgainstTheSameBucketsAndARestartForgetsNothing() {
		String address = address();
		assertThat(subscribe(address).status()).isEqualTo(202);
		assertThat(subscribe(address).status()).isEqualTo(202);
		// another instance of the service, or this one after a restart
		RateLimits other = new RateLimits(this.mongo, this.addresses, this.properties);

		other.address(address);
		assertThatExceptionOfType(TooManyRequestsException.class).isThrownBy(() -> other.address(address));
		Http.Response fourth = subscribe(address);

		assertThat(fourth.status()).isEqualTo(429);
		assertThat(fourth.json().get("retryAfterSeconds").asLong()).isPositive();
	}

	@Test
	void subAddressesOfOneMailboxShareItsLimit() {
		String mailbox = address();
		String local = mailbox.substring(0, mailbox.indexOf('@'));
		for (int i = 0; i < this.properties.confirmationsPerAddress(); i++) {
			assertThat(subscribe(local + "+news" + i + "@example.org").status()).isEqualTo(202);
		}

		Http.Response another = subscribe(local.toUpperCase(java.util.Locale.ROOT) + "+other@Example.org");
		Http.Response plain = subscribe(mailbox);

		assertThat(another.status()).isEqualTo(429);
		assertThat(plain.status()).isEqualTo(429);
	}

	@Test
	void concurrentRequestsForOneMailboxAreEachCountedOnce() throws Exception {
		String address = address();
		List<RateLimits> instances = List.of(new RateLimits(this.mongo, this.addresses, this.properties),
				new RateLimits(this.mongo, this.addresses, this.properties),
				new RateLimits(this.mongo, this.addresses, this.properties));
		List<Thread> threads = new java.util.ArrayList<>();
		java.util.concurrent.atomic.AtomicInteger allowed = new java.util.concurrent.atomic.AtomicInteger();
		for (int i = 0; i < 12; i++) {
			RateLimits limits = instances.get(i % 3);
			Thread thread = new Thread(() -> {
				try {
					limits.address(address);
					allowed.incrementAndGet();
				}
				catch (TooManyRequestsException ex) {
					// over the limit
				}
			});
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}

		assertThat(allowed.get()).isEqualTo(this.properties.confirmationsPerAddress());
	}

	@Test
	void theStoreKeepsKeyedHashesOnlyAndHowLongABucketMatters() {
		String address = address();
		Instant before = Instant.now();

		assertThat(subscribe(address, "X-Forwarded-For", "203.0.113.50").status()).isEqualTo(202);

		Document mailbox = this.mongo.findById(
				"mailbox:" + this.addresses.hash(address) + ":" + this.properties.confirmationsPerAddress(),
				Document.class, "rate_limits");
		assertThat(mailbox).isNotNull();
		// full again, and so deleted, within the hour one request takes to refill
		assertThat(mailbox.getDate("expiresAt").toInstant()).isAfter(before)
			.isBefore(Instant.now().plus(Duration.ofMinutes(21)));
		for (Document bucket : this.mongo.findAll(Document.class, "rate_limits")) {
			assertThat(bucket.getString("_id")).doesNotContain("@").doesNotContain("127.0.0.1").doesNotContain("203.0");
		}
		// the forwarded header of a client that is not a trusted proxy is ignored
		assertThat(clientBucket("203.0.113.50")).isNull();
		assertThat(List.of("127.0.0.1", "0:0:0:0:0:0:0:1"))
			.anySatisfy((peer) -> assertThat(clientBucket(peer)).isNotNull());
	}

	private Document clientBucket(String client) {
		return this.mongo.findById("client:" + this.addresses.hash(client) + ":" + this.properties.requestsPerClient(),
				Document.class, "rate_limits");
	}

	private Http.Response subscribe(String address, String... headers) {
		return this.http.postJson("/api/subscriptions", """
				{"email": "%s", "language": "en", "interests": ["affordable-housing"], "consent": true}
				""".formatted(address), headers);
	}

	private static String address() {
		return "limited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
	}

}
