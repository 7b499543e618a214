package eu.citiesgateway.newsletter.subscription;

import java.time.Duration;

import eu.citiesgateway.newsletter.NewsletterProperties;
import eu.citiesgateway.platform.web.TooManyRequestsException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) that limit subscription requests per client and confirmation
 * mails per mailbox, so that nobody can use the service to flood an inbox. The buckets
 * live in the service's MongoDB, shared by every instance, under keyed hashes: the store
 * holds neither the clients' IP addresses nor the e-mail addresses.
 */
@Component
class RateLimits {

	/** The start of the keys of the mailboxes' buckets, before the keyed hash. */
	static final String MAILBOX = "mailbox:";

	private final MongoBuckets buckets;

	private final Addresses addresses;

	private final int perClient;

	private final int perMailbox;

	RateLimits(MongoTemplate mongo, Addresses addresses, NewsletterProperties properties) {
		this.buckets = new MongoBuckets(mongo);
		this.addresses = addresses;
		this.perClient = properties.requestsPerClient();
		this.perMailbox = properties.confirmationsPerAddress();
	}

	/**
	 * Counts a request of a client.
	 * @param client the client's IP address
	 * @throws TooManyRequestsException over the limit
	 */
	void client(String client) {
		take("client:" + this.addresses.hash(client), this.perClient,
				"Too many subscription requests from this client; try again later");
	}

	/**
	 * Counts a confirmation requested for an address, whether or not it is subscribed,
	 * against its mailbox: the sub-addresses of one mailbox count together.
	 * @param address a normalised address
	 * @throws TooManyRequestsException over the limit
	 */
	void address(String address) {
		take(MAILBOX + this.addresses.hash(Addresses.mailbox(address)), this.perMailbox,
				"Too many confirmation requests for this address; try again later");
	}

	/**
	 * Forgets what was counted for an address's mailbox, under every key.
	 * @param address a normalised address
	 */
	void forget(String address) {
		this.addresses.hashes(Addresses.mailbox(address))
			.forEach((hash) -> this.buckets.removeAll(MAILBOX + hash + ":"));
	}

	/**
	 * Takes one request from a bucket, the key naming the limit too, so that a changed
	 * limit starts new buckets (the old ones are deleted within the hour).
	 */
	private void take(String key, int perHour, String message) {
		BucketConfiguration hourly = BucketConfiguration.builder()
			.addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
			.build();
		ConsumptionProbe probe = this.buckets.builder()
			.build(key + ":" + perHour, () -> hourly)
			.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw new TooManyRequestsException(message, Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
	}

}
