package eu.citiesgateway.newsletter.subscription;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import eu.citiesgateway.newsletter.NewsletterProperties;
import eu.citiesgateway.platform.web.TooManyRequestsException;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.stereotype.Component;

/**
 * Token buckets (Bucket4j) that limit subscription requests per client and confirmation
 * mails per address, so that nobody can use the service to flood an inbox. The buckets
 * live in this instance's memory: with several instances each applies the limits on its
 * own.
 */
@Component
class RateLimits {

	/** Buckets kept per kind; the least recently used go first. */
	static final int MAX_BUCKETS = 100_000;

	private final Map<String, Bucket> clients = lru();

	private final Map<String, Bucket> addresses = lru();

	private final NewsletterProperties properties;

	RateLimits(NewsletterProperties properties) {
		this.properties = properties;
	}

	/**
	 * Counts a request of a client.
	 * @param client the client's IP address
	 * @throws TooManyRequestsException over the limit
	 */
	void client(String client) {
		take(this.clients, client, this.properties.requestsPerClient(),
				"Too many subscription requests from this client; try again later");
	}

	/**
	 * Counts a confirmation requested for an address, whether or not it is subscribed.
	 * @param addressHash the address's hash
	 * @throws TooManyRequestsException over the limit
	 */
	void address(String addressHash) {
		take(this.addresses, addressHash, this.properties.confirmationsPerAddress(),
				"Too many confirmation requests for this address; try again later");
	}

	private static void take(Map<String, Bucket> buckets, String key, int perHour, String message) {
		Bucket bucket;
		synchronized (buckets) {
			bucket = buckets.computeIfAbsent(key, (k) -> Bucket.builder()
				.addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
				.build());
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (!probe.isConsumed()) {
			throw new TooManyRequestsException(message, Duration.ofNanos(probe.getNanosToWaitForRefill()));
		}
	}

	private static Map<String, Bucket> lru() {
		return new LinkedHashMap<>(1024, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > MAX_BUCKETS;
			}

		};
	}

}
