package eu.citiesgateway.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * The right to publish the outbox of one collection, held by one instance at a time: a
 * document per collection in {@code outbox_leases} naming the holder and until when. The
 * holder renews it before every batch; when it stops or dies, another instance takes over
 * (at once after a clean stop, after {@code lease} after a crash).
 * <p>
 * One publisher per collection is what keeps each aggregate's events in order across
 * instances; it costs nothing in throughput, which the broker bounds, not the relay.
 */
class RelayLease {

	static final String COLLECTION = "outbox_leases";

	private final MongoCollection<Document> leases;

	private final String owner;

	private final Duration duration;

	private final Clock clock;

	RelayLease(MongoTemplate mongo, String owner, Duration duration, Clock clock) {
		this.leases = mongo.getCollection(COLLECTION);
		this.owner = owner;
		this.duration = duration;
		this.clock = clock;
	}

	/**
	 * Takes or renews the lease on a collection's outbox.
	 * @param collection the collection
	 * @return whether this instance holds it now
	 */
	boolean hold(String collection) {
		Instant now = this.clock.instant();
		try {
			this.leases.updateOne(and(eq("_id", collection), or(eq("owner", this.owner), lt("until", Date.from(now)))),
					new Document("$set",
							new Document("owner", this.owner).append("until", Date.from(now.plus(this.duration)))),
					new UpdateOptions().upsert(true));
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
				return false;
			}
			throw ex;
		}
	}

	/**
	 * Whether this instance holds the lease on a collection's outbox, without renewing
	 * it.
	 * @param collection the collection
	 * @return whether it holds it and it has not expired
	 */
	boolean isHeld(String collection) {
		Document lease = this.leases.find(eq("_id", collection)).first();
		return lease != null && this.owner.equals(lease.getString("owner"))
				&& lease.getDate("until").toInstant().isAfter(this.clock.instant());
	}

	/**
	 * Gives up the lease so another instance can take over at once.
	 * @param collection the collection
	 */
	void release(String collection) {
		this.leases.deleteOne(and(eq("_id", collection), eq("owner", this.owner)));
	}

}
