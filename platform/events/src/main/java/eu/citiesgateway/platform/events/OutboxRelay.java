package eu.citiesgateway.platform.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Gauge;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Projections.include;

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
 * <li>Several instances: one instance at a time publishes a collection's outbox, holding
 * a {@link Lease} that it renews before every batch, so two instances never publish one
 * aggregate concurrently. The others write and signal as usual; the lease holder's sweep
 * publishes their events within one sweep interval. When the holder stops or dies,
 * another instance takes the lease over.</li>
 * </ul>
 * Delivery is at least once: a crash after the acknowledgement and before the removal
 * sends the event again, with the same {@code ce_id}, which idempotent consumers skip.
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(OutboxRelay.class);

	private static final String OUTBOX = PendingEvent.OUTBOX_FIELD;

	private static final Signal WAKE_UP = new Signal("", "");

	private final MongoTemplate mongo;

	private final EventSender sender;

	private final EventMetrics metrics;

	private final EventKitProperties.Relay settings;

	private final Clock clock;

	private final Lease lease;

	private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();

	private final Set<String> collections = new CopyOnWriteArraySet<>();

	private final Map<String, Backlog> backlogs = new ConcurrentHashMap<>();

	private final AtomicReference<@Nullable Worker> worker = new AtomicReference<>();

	private volatile @Nullable ScheduledExecutorService measurer;

	/** The thread of the last worker started, which may still be finishing a batch. */
	private volatile @Nullable Thread lastThread;

	public OutboxRelay(MongoTemplate mongo, EventSender sender, EventMetrics metrics, EventKitProperties.Relay settings,
			Clock clock) {
		this.mongo = mongo;
		this.sender = sender;
		this.metrics = metrics;
		this.settings = settings;
		this.clock = clock;
		this.lease = new Lease(mongo, Lease.RELAY, UUID.randomUUID().toString(), settings.lease(), clock);
	}

	/**
	 * Watches a collection of aggregate documents. Collections of document classes
	 * annotated with {@link PublishesTo} are watched from the start.
	 * @param collection the collection name
	 */
	public void watch(String collection) {
		if (this.backlogs.containsKey(collection)) {
			return;
		}
		this.mongo.getCollection(collection)
			.createIndex(Indexes.ascending(OUTBOX + ".time"), new IndexOptions().sparse(true).name("outbox_pending"));
		Backlog backlog = new Backlog();
		if (this.backlogs.putIfAbsent(collection, backlog) == null) {
			Gauge.builder("outbox.pending", backlog.count, AtomicLong::get)
				.description("Events waiting in the outbox, measured every sweep interval on a thread of its own")
				.tag("collection", collection)
				.register(this.metrics.registry());
			Gauge.builder("outbox.oldest.age", backlog, (b) -> b.oldestAgeSeconds(this.clock.instant()))
				.description("Age in seconds of the oldest event waiting in the outbox, measured every sweep "
						+ "interval on a thread of its own")
				.baseUnit("seconds")
				.tag("collection", collection)
				.register(this.metrics.registry());
			this.collections.add(collection);
		}
	}

	/**
	 * Asks for the pending events of one document to be published now.
	 * @param collection the collection
	 * @param id the document id
	 */
	void signal(String collection, Object id) {
		if (this.worker.get() != null) {
			this.signals.offer(new Signal(collection, id));
		}
	}

	@Override
	public void start() {
		for (MongoPersistentEntity<?> entity : this.mongo.getConverter().getMappingContext().getPersistentEntities()) {
			if (entity.getType().isAnnotationPresent(PublishesTo.class)) {
				watch(entity.getCollection());
			}
		}
		Worker started = new Worker(this.lastThread);
		if (this.worker.compareAndSet(null, started)) {
			this.lastThread = started.thread;
			started.thread.start();
			// measured apart from the relay thread, so that a relay stuck in a send or a
			// dead relay thread shows on the gauges
			ScheduledExecutorService measurer = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "outbox-measure");
				thread.setDaemon(true);
				return thread;
			});
			measurer.scheduleWithFixedDelay(this::measureAll, 0, this.settings.sweepInterval().toMillis(),
					TimeUnit.MILLISECONDS);
			this.measurer = measurer;
		}
	}

	/**
	 * Stops after the wave of sends in progress; events not yet acknowledged stay
	 * pending. Gives up the leases once the relay thread has ended, so another instance
	 * takes over at once.
	 */
	@Override
	public void stop() {
		Worker stopping = this.worker.getAndSet(null);
		if (stopping == null) {
			return;
		}
		stopping.active = false;
		ScheduledExecutorService measurer = this.measurer;
		if (measurer != null) {
			measurer.shutdownNow();
		}
		this.signals.offer(WAKE_UP);
		try {
			stopping.thread.join(this.settings.ackTimeout().plusSeconds(5).toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.signals.clear();
		if (stopping.thread.isAlive()) {
			logger
				.warn("The outbox relay is still finishing a batch; its lease expires after " + this.settings.lease());
			return;
		}
		for (String collection : this.collections) {
			this.lease.release(collection);
		}
	}

	@Override
	public boolean isRunning() {
		return this.worker.get() != null;
	}

	@Override
	public int getPhase() {
		// after the binder's bindings are up, and stopped before them
		return Integer.MAX_VALUE - 100;
	}

	/**
	 * Publishes everything pending in every watched collection whose lease this instance
	 * holds or can take, then returns. For tests and benchmarks; the relay thread does
	 * the same on its schedule.
	 * @return the number of events acknowledged
	 */
	public long sweep() {
		return sweep(() -> true);
	}

	/**
	 * Whether this instance publishes a collection's outbox now.
	 * @param collection the collection
	 * @return whether it holds the relay lease
	 */
	public boolean holdsLease(String collection) {
		return this.lease.isHeld(collection);
	}

	/**
	 * Whether the relay was started and its thread is still working.
	 * @return {@code false} when stopped, or when the relay thread died
	 */
	public boolean isPublishing() {
		Worker current = this.worker.get();
		return current != null && current.thread.isAlive();
	}

	/**
	 * The backlog of each watched collection as of the last sweep.
	 * @return per collection, the number of pending events and the age of the oldest in
	 * seconds
	 */
	public Map<String, Map<String, Object>> backlog() {
		Map<String, Map<String, Object>> backlog = new LinkedHashMap<>();
		Instant now = this.clock.instant();
		this.backlogs.forEach((collection, b) -> backlog.put(collection,
				Map.of("pending", b.count.get(), "oldestAgeSeconds", b.oldestAgeSeconds(now))));
		return backlog;
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

	private long sweep(BooleanSupplier carryOn) {
		long published = 0;
		for (String collection : this.collections) {
			if (carryOn.getAsBoolean()) {
				try {
					published += sweep(collection, carryOn);
				}
				catch (RuntimeException ex) {
					// the other collections are not held up by this one
					logger.warn("Sweeping the outbox of " + collection + " failed; its events stay pending", ex);
				}
			}
		}
		return published;
	}

	private long sweep(String collection, BooleanSupplier carryOn) {
		if (!this.lease.hold(collection)) {
			return 0;
		}
		long published = 0;
		List<Document> batch = new ArrayList<>();
		try (MongoCursor<Document> cursor = this.mongo.getCollection(collection)
			.find(exists(OUTBOX + ".time"))
			.projection(include(OUTBOX))
			.batchSize(this.settings.batchSize())
			.cursor()) {
			while (cursor.hasNext() && carryOn.getAsBoolean()) {
				batch.add(cursor.next());
				if (batch.size() == this.settings.batchSize()) {
					published += publish(collection, batch, carryOn);
					batch = new ArrayList<>();
				}
			}
		}
		if (!batch.isEmpty() && carryOn.getAsBoolean()) {
			published += publish(collection, batch, carryOn);
		}
		return published;
	}

	private void publishSignalled(List<Signal> batch, BooleanSupplier carryOn) {
		Map<String, Set<Object>> byCollection = new LinkedHashMap<>();
		for (Signal signal : batch) {
			if (signal != WAKE_UP) {
				byCollection.computeIfAbsent(signal.collection(), (c) -> new LinkedHashSet<>()).add(signal.id());
			}
		}
		byCollection.forEach((collection, ids) -> {
			try {
				if (carryOn.getAsBoolean() && this.lease.hold(collection)) {
					publish(collection,
							this.mongo.getCollection(collection)
								.find(in("_id", ids))
								.projection(include(OUTBOX))
								.into(new ArrayList<>()),
							carryOn);
				}
			}
			catch (RuntimeException ex) {
				// the other collections' new events still go out now; these wait for the
				// sweep
				logger.warn("Publishing the new events of " + collection + " failed; they stay pending", ex);
			}
		});
	}

	/**
	 * Publishes the events of documents read with their outbox, wave by wave, renewing
	 * the lease before each wave, and removes the acknowledged ones. Every write
	 * addresses one document by {@code _id} alone.
	 */
	private synchronized long publish(String collection, List<Document> pending, BooleanSupplier carryOn) {
		Map<Object, List<PendingEvent>> queues = new LinkedHashMap<>();
		for (Document document : pending) {
			List<PendingEvent> events = new ArrayList<>();
			for (Document event : document.getList(OUTBOX, Document.class, List.of())) {
				events.add(OutboxWriter.fromDocument(event));
			}
			if (!events.isEmpty()) {
				queues.put(document.get("_id"), events);
			}
		}
		Map<Object, List<String>> acknowledged = new LinkedHashMap<>();
		Set<Object> stopped = new LinkedHashSet<>();
		for (int wave = 0; carryOn.getAsBoolean() && !queues.isEmpty() && this.lease.hold(collection); wave++) {
			Map<Object, PendingEvent> sent = new LinkedHashMap<>();
			Map<Object, CompletableFuture<?>> inFlight = new LinkedHashMap<>();
			Set<String> unreachable = new HashSet<>();
			for (Map.Entry<Object, List<PendingEvent>> queue : queues.entrySet()) {
				if (stopped.contains(queue.getKey()) || queue.getValue().size() <= wave) {
					continue;
				}
				PendingEvent event = queue.getValue().get(wave);
				if (unreachable.contains(event.topic())) {
					// not tried: its events stay pending, in order, for the next pass
					stopped.add(queue.getKey());
					continue;
				}
				CompletableFuture<?> acknowledgement = this.sender.send(event);
				sent.put(queue.getKey(), event);
				inFlight.put(queue.getKey(), acknowledgement);
				if (timedOutBeforeSending(acknowledgement)) {
					// no metadata for the topic, or no room in the producer's buffer,
					// after
					// max.block.ms: the next sends to it would wait as long, and fail
					// alike
					unreachable.add(event.topic());
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
		List<WriteModel<Document>> removals = new ArrayList<>();
		long count = 0;
		for (Map.Entry<Object, List<String>> done : acknowledged.entrySet()) {
			count += done.getValue().size();
			removals.add(new UpdateOneModel<>(eq("_id", done.getKey()), new Document("$pull",
					new Document(OUTBOX, new Document("id", new Document("$in", done.getValue()))))));
		}
		if (!removals.isEmpty()) {
			this.mongo.getCollection(collection).bulkWrite(removals, new BulkWriteOptions().ordered(false));
		}
		return count;
	}

	private static boolean timedOutBeforeSending(CompletableFuture<?> acknowledgement) {
		if (!acknowledgement.isCompletedExceptionally()) {
			return false;
		}
		try {
			acknowledgement.join();
		}
		catch (CompletionException | CancellationException ex) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
					return true;
				}
			}
		}
		return false;
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

	/** Measures every collection's backlog for the gauges; a failure leaves the last. */
	private void measureAll() {
		for (String collection : this.collections) {
			try {
				this.backlogs.get(collection).copy(measure(collection));
			}
			catch (RuntimeException ex) {
				logger.warn("Measuring the outbox of " + collection + " failed", ex);
			}
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

	/**
	 * One run of the relay thread, from a start to the following stop.
	 */
	private final class Worker {

		private final Thread thread = new Thread(this::run, "outbox-relay");

		private volatile boolean active = true;

		private final @Nullable Thread previous;

		/**
		 * A worker that begins once the previous one, stopped but perhaps still finishing
		 * a batch, has ended: one relay thread publishes at a time.
		 */
		Worker(@Nullable Thread previous) {
			this.previous = previous;
			this.thread.setDaemon(true);
			this.thread.setUncaughtExceptionHandler((thread, ex) -> logger
				.error("The outbox relay thread died; events stay pending until the service restarts", ex));
		}

		private void run() {
			if (this.previous != null) {
				try {
					this.previous.join();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			// the schedule runs on the monotonic clock: a wall clock set back does not
			// hold sweeps up
			long nextSweep = System.nanoTime();
			while (this.active) {
				try {
					if (System.nanoTime() - nextSweep >= 0) {
						try {
							sweep(() -> this.active);
						}
						finally {
							nextSweep = System.nanoTime() + OutboxRelay.this.settings.sweepInterval().toNanos();
						}
					}
					long untilSweep = TimeUnit.NANOSECONDS.toMillis(nextSweep - System.nanoTime());
					Signal first = OutboxRelay.this.signals.poll(Math.max(1, untilSweep), TimeUnit.MILLISECONDS);
					if (first != null && this.active) {
						List<Signal> batch = new ArrayList<>();
						batch.add(first);
						OutboxRelay.this.signals.drainTo(batch, OutboxRelay.this.settings.batchSize() - 1);
						publishSignalled(batch, () -> this.active);
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (RuntimeException ex) {
					logger.warn("Outbox relay pass failed; pending events stay and are retried at the next sweep", ex);
				}
			}
		}

	}

	private record Signal(String collection, Object id) {
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
