package eu.citiesgateway.newsletter.subscription;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import org.bson.Document;
import org.bson.types.Binary;

import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Bucket4j's token buckets kept in the service's MongoDB, one document per key, changed
 * by compare-and-swap on the stored state: every instance counts against the same bucket,
 * and a restart forgets nothing. A document records when its bucket is full again
 * ({@code expiresAt}); from then on it says no more than a new bucket would, so it is
 * deleted: by a TTL index in MongoDB, by the housekeeping where there is no TTL monitor.
 */
class MongoBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

	/** The collection of the buckets. */
	static final String COLLECTION = "rate_limits";

	private static final ExpirationAfterWriteStrategy expiry = ExpirationAfterWriteStrategy
		.basedOnTimeForRefillingBucketUpToMax(Duration.ZERO);

	private final MongoCollection<Document> buckets;

	MongoBuckets(MongoTemplate mongo) {
		super(ClientSideConfig.getDefault().withExpirationAfterWriteStrategy(expiry));
		this.buckets = mongo.getCollection(COLLECTION);
	}

	@Override
	protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
		return new CompareAndSwapOperation() {

			@Override
			public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
				Document bucket = MongoBuckets.this.buckets.find(Filters.eq("_id", key)).first();
				return Optional.ofNullable(bucket).map((document) -> document.get("state", Binary.class).getData());
			}

			@Override
			public boolean compareAndSwap(byte[] originalData, byte[] newData, RemoteBucketState newState,
					Optional<Long> timeoutNanos) {
				long now = System.currentTimeMillis();
				Date expiresAt = new Date(now + expiry.calculateTimeToLiveMillis(newState, now * 1_000_000L));
				if (originalData == null) {
					try {
						MongoBuckets.this.buckets
							.insertOne(new Document("_id", key).append("state", new Binary(newData))
								.append("expiresAt", expiresAt));
						return true;
					}
					catch (MongoWriteException ex) {
						if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
							// another instance made the bucket first: read it and try
							// again
							return false;
						}
						throw ex;
					}
				}
				return MongoBuckets.this.buckets
					.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("state", new Binary(originalData))),
							Updates.combine(Updates.set("state", new Binary(newData)),
									Updates.set("expiresAt", expiresAt)))
					.getMatchedCount() == 1;
			}

		};
	}

	@Override
	protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
		throw new UnsupportedOperationException("The buckets are used synchronously only");
	}

	@Override
	public void removeProxy(String key) {
		this.buckets.deleteOne(Filters.eq("_id", key));
	}

	/**
	 * Deletes the buckets whose keys start with a prefix.
	 * @param prefix the start of the keys
	 */
	void removeAll(String prefix) {
		this.buckets.deleteMany(Filters.regex("_id", "^" + Pattern.quote(prefix)));
	}

	@Override
	protected CompletableFuture<Void> removeAsync(String key) {
		throw new UnsupportedOperationException("The buckets are used synchronously only");
	}

	@Override
	public boolean isAsyncModeSupported() {
		return false;
	}

	@Override
	public boolean isExpireAfterWriteSupported() {
		return true;
	}

}
