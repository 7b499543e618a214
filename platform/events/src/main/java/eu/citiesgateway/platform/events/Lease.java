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
 * The right to do one thing, held by one holder at a time across every instance of a
 * service: a document per thing in a leases collection naming the holder and until when.
 * The holder renews it as it works; when it stops or dies, another takes over (at once
 * after a release, after {@code duration} after a crash).
 * <ul>
 * <li>The outbox relay holds one per collection ({@value #RELAY}), held by the instance:
 * one publisher per collection is what keeps each aggregate's events in order across
 * instances; it costs nothing in throughput, which the broker bounds, not the relay.</li>
 * <li>A dead-letter replay holds one per dead-letter topic ({@value #REPLAY}), held by
 * the replay: two replays of a topic never run at once.</li>
 * </ul>
 * Holders on different instances compare times written by each other: their clocks must
 * agree to well within {@code duration}.
 */
class Lease {

	/** The leases of the outbox relay, one per collection. */
	static final String RELAY = "outbox_leases";

	/** The leases of dead-letter replays, one per dead-letter topic. */
	static final String REPLAY = "deadletter_replays";

	private final MongoCollection<Document> leases;

	private final String owner;

	private final Duration duration;

	private final Clock clock;

	Lease(MongoTemplate mongo, String collection, String owner, Duration duration, Clock clock) {
		this.leases = mongo.getCollection(collection);
		this.owner = owner;
		this.duration = duration;
		this.clock = clock;
	}

	/**
	 * Takes or renews the lease on a thing.
	 * @param thing what the lease is for, e.g. a collection
	 * @return whether this holder holds it now
	 */
	boolean hold(String thing) {
		Instant now = this.clock.instant();
		try {
			this.leases.updateOne(and(eq("_id", thing), or(eq("owner", this.owner), lt("until", Date.from(now)))),
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
	 * Whether this holder holds the lease on a thing, without renewing it.
	 * @param thing what the lease is for
	 * @return whether it holds it and it has not expired
	 */
	boolean isHeld(String thing) {
		Document lease = this.leases.find(eq("_id", thing)).first();
		return lease != null && this.owner.equals(lease.getString("owner"))
				&& lease.getDate("until").toInstant().isAfter(this.clock.instant());
	}

	/**
	 * Gives up the lease so another holder can take over at once.
	 * @param thing what the lease is for
	 */
	void release(String thing) {
		this.leases.deleteOne(and(eq("_id", thing), eq("owner", this.owner)));
	}

	/**
	 * How long the lease holds without renewal.
	 * @return the duration
	 */
	Duration duration() {
		return this.duration;
	}

}
