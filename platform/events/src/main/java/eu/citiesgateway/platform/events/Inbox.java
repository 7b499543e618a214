package eu.citiesgateway.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Makes a Kafka consumer trusting and idempotent.
 * <ul>
 * <li>It accepts an event only from the owner of the topic it was read from
 * ({@link TopicOwners}); any other is refused with an {@link UntrustedEventException},
 * which is not retried and sends the record to the dead-letter topic, having changed
 * nothing.</li>
 * <li>It remembers, per consumer, the {@code ce_id} of every event it processed (the
 * {@code inbox} collection, keyed by consumer and id, expired by a TTL index far longer
 * than any redelivery window), and skips, counts and acknowledges an event seen
 * before.</li>
 * </ul>
 * The id is recorded after the handler succeeded, so a handler that fails is retried and
 * then dead-lettered. A crash between the handler's write and the record leaves one
 * redelivery that the handler itself must absorb: handlers write with an upsert or a
 * version check, so doing the same event twice has one effect.
 */
public class Inbox {

	static final String COLLECTION = "inbox";

	private static final Log logger = LogFactory.getLog(Inbox.class);

	private static final String TTL_INDEX = "inbox_ttl";

	/** MongoDB's error when an index exists with the same keys and other options. */
	private static final int INDEX_OPTIONS_CONFLICT = 85;

	private static final long CLEAN_UP_EVERY = TimeUnit.HOURS.toNanos(1);

	/** The most of a header's value a log line shows. */
	private static final int SHOWN = 200;

	private final MongoTemplate mongo;

	private final EventMetrics metrics;

	private final TopicOwners owners;

	private final Clock clock;

	private final Duration retention;

	private volatile boolean indexed;

	private final AtomicLong nextCleanUp = new AtomicLong(System.nanoTime());

	public Inbox(MongoTemplate mongo, EventMetrics metrics, TopicOwners owners, Clock clock, Duration retention) {
		this.mongo = mongo;
		this.metrics = metrics;
		this.owners = owners;
		this.clock = clock;
		this.retention = retention;
	}

	/**
	 * Wraps a handler so that it runs once per event, and only for events from the owner
	 * of the topic.
	 * @param consumer the name of the consuming function, part of the memory's key
	 * @param handler what to do with a new event
	 * @param <T> the payload type
	 * @return a handler for a Spring Cloud Stream {@code Consumer} binding
	 */
	public <T> Consumer<Message<T>> once(String consumer, Consumer<Message<T>> handler) {
		return (message) -> {
			this.owners.check(message.getHeaders());
			String id = CloudEventMessages.header(message.getHeaders(), CloudEventMessages.ID);
			String type = CloudEventMessages.header(message.getHeaders(), CloudEventMessages.TYPE);
			if (id == null || type == null) {
				throw new IllegalArgumentException("Message without ce_id or ce_type: not a CloudEvent");
			}
			MongoCollection<Document> inbox = inbox();
			forgetExpired(inbox);
			String key = consumer + ":" + id;
			if (inbox.find(new Document("_id", key)).limit(1).first() != null) {
				this.metrics.duplicate(type);
				return;
			}
			handler.accept(message);
			try {
				inbox.insertOne(new Document("_id", key).append("consumer", consumer)
					.append("type", type)
					.append("processedAt", Date.from(this.clock.instant())));
				this.metrics.consumed(type);
				if (logger.isDebugEnabled()) {
					// in the delivery's span: the line carries the event's trace
					logger.debug(consumer + " processed " + Printable.of(type, SHOWN) + " " + Printable.of(id, SHOWN)
							+ " from " + CloudEventMessages.header(message.getHeaders(), KafkaHeaders.RECEIVED_TOPIC));
				}
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
					throw ex;
				}
				this.metrics.duplicate(type);
			}
		};
	}

	/**
	 * Removes, once an hour, what the TTL index should have removed: stores without a TTL
	 * monitor (mongo-java-server, used by the local platform) never expire anything, and
	 * on MongoDB this finds nothing left to remove.
	 */
	private void forgetExpired(MongoCollection<Document> inbox) {
		long due = this.nextCleanUp.get();
		if (System.nanoTime() - due < 0 || !this.nextCleanUp.compareAndSet(due, System.nanoTime() + CLEAN_UP_EVERY)) {
			return;
		}
		Date before = Date.from(this.clock.instant().minus(this.retention));
		try {
			inbox.deleteMany(new Document("processedAt", new Document("$lt", before)));
		}
		catch (RuntimeException ex) {
			// the event is still processed; the next clean-up is in an hour
			logger.warn("Removing expired ids from the inbox failed", ex);
		}
	}

	/**
	 * Wraps a handler of an event's type and JSON bytes so that it runs once per event,
	 * and only for events from the owner of the topic: the usual shape of a consumer of
	 * another service's topic.
	 * @param consumer the name of the consuming function, part of the memory's key
	 * @param handler what to do with a new event: its {@code ce_type} and payload
	 * @return a handler for a Spring Cloud Stream {@code Consumer} binding
	 */
	public Consumer<Message<byte[]>> onceByType(String consumer, BiConsumer<String, byte[]> handler) {
		return once(consumer, (message) -> handler
			.accept(CloudEventMessages.header(message.getHeaders(), CloudEventMessages.TYPE), message.getPayload()));
	}

	private MongoCollection<Document> inbox() {
		MongoCollection<Document> inbox = this.mongo.getCollection(COLLECTION);
		if (!this.indexed) {
			try {
				inbox.createIndex(Indexes.ascending("processedAt"),
						new IndexOptions().name(TTL_INDEX).expireAfter(this.retention.toSeconds(), TimeUnit.SECONDS));
			}
			catch (MongoCommandException ex) {
				if (ex.getErrorCode() != INDEX_OPTIONS_CONFLICT) {
					throw ex;
				}
				// the retention changed since the index was made: change the index in
				// place
				this.mongo.getDb()
					.runCommand(new Document("collMod", COLLECTION).append("index",
							new Document("name", TTL_INDEX).append("expireAfterSeconds", this.retention.toSeconds())));
			}
			this.indexed = true;
		}
		return inbox;
	}

}
