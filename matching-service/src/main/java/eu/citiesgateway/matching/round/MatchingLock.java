package eu.citiesgateway.matching.round;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * One lease, shared by every instance of the service, held while a round or a refill
 * reads the free capacity and writes its proposals, so that two of them never hand out
 * the same slot. A crashed holder's lease runs out.
 */
@Component
class MatchingLock {

	static final String COLLECTION = "locks";

	private static final String ID = "matching";

	private static final Duration LEASE = Duration.ofMinutes(5);

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final MongoTemplate mongo;

	private final Clock clock;

	MatchingLock(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Runs work while holding the lease.
	 * @param work what to do
	 * @param <T> its result
	 * @return the result
	 * @throws RoundBusyException if the lease is not free within 30 seconds
	 */
	<T> T holding(Supplier<T> work) {
		String holder = UUID.randomUUID().toString();
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!acquire(holder)) {
			if (System.nanoTime() > deadline) {
				throw new RoundBusyException();
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RoundBusyException();
			}
		}
		try {
			return work.get();
		}
		finally {
			locks().deleteOne(Filters.and(Filters.eq("_id", ID), Filters.eq("holder", holder)));
		}
	}

	private boolean acquire(String holder) {
		Date now = Date.from(this.clock.instant());
		Date until = Date.from(this.clock.instant().plus(LEASE));
		try {
			locks().insertOne(new Document("_id", ID).append("holder", holder).append("until", until));
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
				throw ex;
			}
		}
		return locks()
			.updateOne(Filters.and(Filters.eq("_id", ID), Filters.lt("until", now)),
					Updates.combine(Updates.set("holder", holder), Updates.set("until", until)))
			.getModifiedCount() == 1;
	}

	private MongoCollection<Document> locks() {
		return this.mongo.getCollection(COLLECTION);
	}

}
