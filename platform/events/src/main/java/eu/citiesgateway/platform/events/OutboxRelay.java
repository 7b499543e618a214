package eu.citiesgateway.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Gauge;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

/**
 * Publishes the events waiting in the {@code outbox} arrays of aggregate documents and
 * removes each one only after the broker acknowledged it.
 * <ul>
 * <li>Right after a write, {@link OutboxWriter} signals the document; the relay thread
 * publishes it without waiting for a tick.</li>
 * <li>A sweep runs at start and then every {@code sweep-interval}, so events left behind
 * by a crash or a broker outage go out after recovery.</li>
 * <li>Order per aggregate: events of one document go out in array order, one per "wave";
 * the next event of a document is sent only after the previous one was acknowledged. Many
 * documents are in flight at once, so throughput does not suffer.</li>
 * <li>Several instances: a document is claimed with a lease ({@code outboxLease}) before
 * its events are sent, so two instances never publish one aggregate concurrently. A lease
 * of a crashed instance expires and another instance takes over.</li>
 * </ul>
 * Delivery is at least once: a crash after the acknowledgement and before the removal
 * sends the event again, with the same {@code ce_id}, which idempotent consumers skip.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private static final String OUTBOX = PendingEvent.OUTBOX_FIELD;

	private static final String LEASE = PendingEvent.LEASE_FIELD;

	private final MongoTemplate mongo;

	private final EventSender sender;

	private final EventMetrics metrics;

	private final EventKitProperties.Relay settings;

	private final Clock clock;

	private final String owner = UUID.randomUUID().toString();

	private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();

	private final Set<String> collections = new LinkedHashSet<>();

	private final Map<String, Backlog> backlogs = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable Thread> worker = new AtomicReference<>();

	private volatile boolean running;

	public OutboxRelay(MongoTemplate mongo, EventSender sender, EventMetrics metrics, EventKitProperties.Relay settings,
			Clock clock) {
		this.mongo = mongo;
		this.sender = sender;
		this.metrics = metrics;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Watches a collection of aggregate documents.
	 * @param collection the collection name
	 */
	public void watch(String collection) {
		if (this.collections.add(collection)) {
			this.mongo.getCollection(collection)
				.createIndex(Indexes.ascending(OUTBOX + ".time"),
						new IndexOptions().sparse(true).name("outbox_pending"));
			Backlog backlog = new Backlog();
			this.backlogs.put(collection, backlog);
			Gauge.builder("outbox.pending", backlog.count, AtomicLong::get)
				.description("Events waiting in the outbox, as of the last sweep")
				.tag("collection", collection)
				.register(this.metrics.registry());
			Gauge.builder("outbox.oldest.age", backlog, (b) -> b.oldestAgeSeconds(this.clock.instant()))
				.description("Age in seconds of the oldest event waiting in the outbox, as of the last sweep")
				.baseUnit("seconds")
				.tag("collection", collection)
				.register(this.metrics.registry());
		}
	}

	/**
	 * Asks for the pending events of one document to be published now.
	 * @param collection the collection
	 * @param id the document id
	 */
	void signal(String collection, Object id) {
		if (this.running) {
			this.signals.offer(new Signal(collection, id));
		}
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		Thread thread = new Thread(this::run, "outbox-relay");
		thread.setDaemon(true);
		this.worker.set(thread);
		thread.start();
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.worker.getAndSet(null);
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(this.settings.ackTimeout().toMillis() + 1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.signals.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// after the binder's bindings (which start at Integer.MAX_VALUE - 1000 or so) are
		// up
		return Integer.MAX_VALUE - 100;
	}

	/**
	 * Publishes everything pending in every watched collection, then returns. For
	 * start-up, tests and benchmarks; the relay thread does the same on its schedule.
	 * @return the number of events acknowledged
	 */
	public long sweep() {
		long published = 0;
		for (String collection : this.collections) {
			published += sweep(collection);
		}
		return published;
	}

	/**
	 * Counts the events waiting in the watched collections.
	 * @return the number of pending events
	 */
	public long pendingCount() {
		long pending = 0;
		for (String collection : this.collections) {
			pending += measure(collection).count.get();
		}
		return pending;
	}

	private void run() {
		Instant nextSweep = this.clock.instant();
		while (this.running) {
			try {
				if (!this.clock.instant().isBefore(nextSweep)) {
					sweep();
					for (String collection : this.collections) {
						this.backlogs.get(collection).copy(measure(collection));
					}
					nextSweep = this.clock.instant().plus(this.settings.sweepInterval());
				}
				Duration untilSweep = Duration.between(this.clock.instant(), nextSweep);
				Signal first = this.signals.poll(Math.max(1, untilSweep.toMillis()), TimeUnit.MILLISECONDS);
				if (first != null) {
					List<Signal> batch = new ArrayList<>();
					batch.add(first);
					this.signals.drainTo(batch, this.settings.batchSize() - 1);
					publishSignalled(batch);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				logger.warn("Outbox relay pass failed; pending events stay and are retried at the next sweep", ex);
				nextSweep = this.clock.instant().plus(this.settings.sweepInterval());
			}
		}
	}

	private void publishSignalled(List<Signal> batch) {
		Map<String, Set<Object>> byCollection = new LinkedHashMap<>();
		for (Signal signal : batch) {
			byCollection.computeIfAbsent(signal.collection(), (c) -> new LinkedHashSet<>()).add(signal.id());
		}
		byCollection.forEach((collection, ids) -> {
			Outcome outcome = publish(collection, new ArrayList<>(ids));
			for (Object id : outcome.morePending()) {
				this.signals.offer(new Signal(collection, id));
			}
		});
	}

	private long sweep(String collection) {
		long published = 0;
		List<Object> ids = new ArrayList<>();
		try (MongoCursor<Document> cursor = this.mongo.getCollection(collection)
			.find(exists(OUTBOX + ".time"))
			.projection(include("_id"))
			.batchSize(this.settings.batchSize())
			.cursor()) {
			while (cursor.hasNext()) {
				ids.add(cursor.next().get("_id"));
				if (ids.size() == this.settings.batchSize()) {
					published += publish(collection, ids).acknowledged();
					ids = new ArrayList<>();
				}
			}
		}
		if (!ids.isEmpty()) {
			published += publish(collection, ids).acknowledged();
		}
		return published;
	}

	private synchronized Outcome publish(String collection, List<Object> ids) {
		MongoCollection<Document> documents = this.mongo.getCollection(collection);
		Instant now = this.clock.instant();
		Bson claimable = or(exists(LEASE, false), lt(LEASE + ".until", Date.from(now)),
				eq(LEASE + ".owner", this.owner));
		documents.updateMany(and(in("_id", ids), exists(OUTBOX + ".time"), claimable), set(LEASE,
				new Document("owner", this.owner).append("until", Date.from(now.plus(this.settings.lease())))));
		Map<Object, List<PendingEvent>> queues = new LinkedHashMap<>();
		for (Document document : documents.find(and(in("_id", ids), eq(LEASE + ".owner", this.owner)))
			.projection(include(OUTBOX))) {
			List<PendingEvent> events = new ArrayList<>();
			for (Document event : document.getList(OUTBOX, Document.class, List.of())) {
				events.add(OutboxWriter.fromDocument(event));
			}
			queues.put(document.get("_id"), events);
		}
		if (queues.isEmpty()) {
			return new Outcome(0, List.of());
		}
		Map<Object, List<String>> acknowledged = new LinkedHashMap<>();
		Set<Object> stopped = new LinkedHashSet<>();
		for (int wave = 0;; wave++) {
			Map<Object, PendingEvent> sent = new LinkedHashMap<>();
			Map<Object, CompletableFuture<?>> inFlight = new LinkedHashMap<>();
			for (Map.Entry<Object, List<PendingEvent>> queue : queues.entrySet()) {
				if (!stopped.contains(queue.getKey()) && queue.getValue().size() > wave) {
					PendingEvent event = queue.getValue().get(wave);
					sent.put(queue.getKey(), event);
					inFlight.put(queue.getKey(), this.sender.send(event));
				}
			}
			if (inFlight.isEmpty()) {
				break;
			}
			long deadline = System.nanoTime() + this.settings.ackTimeout().toNanos();
			for (Map.Entry<Object, CompletableFuture<?>> flight : inFlight.entrySet()) {
				PendingEvent event = sent.get(flight.getKey());
				if (awaitAcknowledgement(flight.getValue(), event, deadline)) {
					acknowledged.computeIfAbsent(flight.getKey(), (k) -> new ArrayList<>()).add(event.id());
					this.metrics.published(event.type(), event.topic(),
							Duration.between(event.time(), this.clock.instant()));
				}
				else {
					stopped.add(flight.getKey());
				}
			}
		}
		List<WriteModel<Document>> releases = new ArrayList<>();
		long count = 0;
		for (Object id : queues.keySet()) {
			List<String> done = acknowledged.getOrDefault(id, List.of());
			count += done.size();
			Bson release = done.isEmpty() ? unset(LEASE) : combine(unset(LEASE),
					new Document("$pull", new Document(OUTBOX, new Document("id", new Document("$in", done)))));
			releases.add(new UpdateOneModel<>(and(eq("_id", id), eq(LEASE + ".owner", this.owner)), release));
		}
		documents.bulkWrite(releases);
		List<Object> morePending = new ArrayList<>();
		List<Object> released = queues.keySet().stream().filter((id) -> !stopped.contains(id)).toList();
		if (!released.isEmpty()) {
			for (Document document : documents.find(and(in("_id", released), exists(OUTBOX + ".time")))
				.projection(include("_id"))) {
				morePending.add(document.get("_id"));
			}
		}
		return new Outcome(count, morePending);
	}

	private boolean awaitAcknowledgement(CompletableFuture<?> future, PendingEvent event, long deadline) {
		try {
			future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (Exception ex) {
			logger.warn("Event " + event.id() + " (" + event.type() + ") not acknowledged by the broker; it stays in "
					+ "the outbox and later events of " + event.subject() + " wait for it: " + ex);
			return false;
		}
	}

	private Backlog measure(String collection) {
		Backlog backlog = new Backlog();
		for (Document document : this.mongo.getCollection(collection)
			.find(exists(OUTBOX + ".time"))
			.projection(include(OUTBOX + ".time"))) {
			for (Document event : document.getList(OUTBOX, Document.class, List.of())) {
				backlog.add(event.getDate("time").toInstant());
			}
		}
		return backlog;
	}

	private record Signal(String collection, Object id) {
	}

	private record Outcome(long acknowledged, List<Object> morePending) {
	}

	private static final class Backlog {

		private final AtomicLong count = new AtomicLong();

		private volatile @Nullable Instant oldest;

		void add(Instant time) {
			this.count.incrementAndGet();
			Instant current = this.oldest;
			if (current == null || time.isBefore(current)) {
				this.oldest = time;
			}
		}

		void copy(Backlog other) {
			this.count.set(other.count.get());
			this.oldest = other.oldest;
		}

		double oldestAgeSeconds(Instant now) {
			Instant current = this.oldest;
			return (current != null) ? Duration.between(current, now).toMillis() / 1000.0 : 0;
		}

	}

}
