package eu.citiesgateway.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import eu.citiesgateway.platform.events.KitTestApplication.Parcel;
import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.platform.test.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@EmbeddedInfrastructure
class EventKitIntegrationTests {

	@Autowired
	OutboxWriter writer;

	@Autowired
	OutboxRelay relay;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	MeterRegistry meters;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	EventSender sender;

	@Autowired
	EventTypes types;

	@Autowired
	MongoPingHealthIndicator mongoHealth;

	@Test
	void storedEventIsPublishedAsBinaryCloudEventKeyedByAggregate() {
		String id = UUID.randomUUID().toString();
		this.writer.insert(Parcel.post(id, "books"));

		List<ConsumerRecord<String, String>> records = TopicRecords.await("test.parcels.v1", (r) -> id.equals(r.key()),
				1, Duration.ofMillis(300));

		assertThat(records).singleElement().satisfies((record) -> {
			assertThat(TopicRecords.header(record, "ce_specversion")).isEqualTo("1.0");
			assertThat(TopicRecords.header(record, "ce_type")).isEqualTo("eu.citiesgateway.kit.ParcelPosted.v1");
			assertThat(TopicRecords.header(record, "ce_source")).isEqualTo("/kit-tests");
			assertThat(TopicRecords.header(record, "ce_subject")).isEqualTo(id);
			assertThat(TopicRecords.header(record, "ce_id")).isNotBlank();
			assertThat(TopicRecords.header(record, "ce_time")).isNotBlank();
			assertThat(TopicRecords.header(record, "content-type")).isEqualTo("application/json");
			assertThat(record.value()).isEqualTo("{\"parcelId\":\"" + id + "\",\"label\":\"books\"}");
			assertThat(record.headers().lastHeader("kafka_futureToken")).isNull();
		});
		await().untilAsserted(() -> assertThat(outboxOf(id)).isEmpty());
	}

	@Test
	void eventsLeftBehindWhileTheRelayIsDownGoOutAfterRestartInOrderAndOnce() {
		String id = UUID.randomUUID().toString();
		this.relay.stop();
		try {
			Parcel parcel = this.writer.insert(Parcel.post(id, "one"));
			this.writer.update(parcel.relabel("two"));
			this.writer.update(parcel.relabel("three"));
			this.writer.update(parcel.relabel("four"));
			assertThat(outboxOf(id)).hasSize(4);
			assertThat(TopicRecords.readFor("test.parcels.v1", (r) -> id.equals(r.key()), Duration.ofSeconds(1)))
				.as("nothing is sent while the relay is down")
				.isEmpty();
		}
		finally {
			this.relay.start();
		}

		List<ConsumerRecord<String, String>> records = TopicRecords.await("test.parcels.v1", (r) -> id.equals(r.key()),
				4, Duration.ofSeconds(2));

		assertThat(records).extracting(ConsumerRecord::value)
			.containsExactly("{\"parcelId\":\"" + id + "\",\"label\":\"one\"}",
					"{\"parcelId\":\"" + id + "\",\"label\":\"two\"}",
					"{\"parcelId\":\"" + id + "\",\"label\":\"three\"}",
					"{\"parcelId\":\"" + id + "\",\"label\":\"four\"}");
		assertThat(records).extracting((r) -> TopicRecords.header(r, "ce_id")).doesNotHaveDuplicates();
		await().untilAsserted(() -> assertThat(outboxOf(id)).isEmpty());
	}

	@Test
	void aSecondInstancePublishesNothingWhileTheFirstHoldsTheLeaseAndTakesOverWhenItStops()
			throws InterruptedException {
		OutboxRelay second = new OutboxRelay(
				this.mongo, this.sender, new EventMetrics(new SimpleMeterRegistry()), new EventKitProperties.Relay(500,
						Duration.ofMillis(200), Duration.ofSeconds(60), Duration.ofSeconds(10)),
				java.time.Clock.systemUTC());
		second.watch("parcels");
		String id = UUID.randomUUID().toString();
		this.relay.stop();
		try {
			this.writer.insert(Parcel.post(id, "first"));
			assertThat(this.relay.holdsLease("parcels")).isFalse();
			this.relay.start();
			await().untilAsserted(() -> assertThat(outboxOf(id)).isEmpty());

			second.start();
			Thread.sleep(500);
			assertThat(second.holdsLease("parcels")).isFalse();
			assertThat(this.relay.holdsLease("parcels")).isTrue();
			Parcel parcel = this.mongo.findById(id, Parcel.class);
			this.relay.stop();
			this.writer.update(parcel.relabel("second"));

			await().untilAsserted(() -> assertThat(outboxOf(id)).isEmpty());
			assertThat(second.holdsLease("parcels")).isTrue();
		}
		finally {
			second.stop();
			this.relay.start();
		}
		List<ConsumerRecord<String, String>> records = TopicRecords.await("test.parcels.v1", (r) -> id.equals(r.key()),
				2, Duration.ofSeconds(1));
		assertThat(records).extracting(ConsumerRecord::value)
			.containsExactly("{\"parcelId\":\"" + id + "\",\"label\":\"first\"}",
					"{\"parcelId\":\"" + id + "\",\"label\":\"second\"}");
	}

	@Test
	void anInstanceWithoutTheLeasePublishesNothingUntilTheHolderLetsGo() {
		RelayLease busyInstance = new RelayLease(this.mongo, "busy-instance", Duration.ofSeconds(60),
				java.time.Clock.systemUTC());
		String id = UUID.randomUUID().toString();
		this.relay.stop();
		try {
			this.writer.insert(Parcel.post(id, "contested"));
			assertThat(busyInstance.hold("parcels")).isTrue();

			assertThat(this.relay.sweep()).isZero();
			assertThat(outboxOf(id)).hasSize(1);

			busyInstance.release("parcels");
			assertThat(this.relay.sweep()).isPositive();
			assertThat(outboxOf(id)).isEmpty();
		}
		finally {
			busyInstance.release("parcels");
			this.relay.start();
		}
	}

	@Test
	void aBacklogOfManyBatchesDrainsAndTheRelayKeepsPublishingAfterwards() {
		List<String> ids = new java.util.ArrayList<>();
		this.relay.stop();
		try {
			for (int i = 0; i < 23; i++) {
				ids.add(this.writer.insert(Parcel.post(UUID.randomUUID().toString(), "backlog " + i)).aggregateId());
			}
		}
		finally {
			this.relay.start();
		}
		await().untilAsserted(() -> assertThat(ids).allSatisfy((id) -> assertThat(outboxOf(id)).isEmpty()));

		String later = this.writer.insert(Parcel.post(UUID.randomUUID().toString(), "later")).aggregateId();

		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(outboxOf(later)).isEmpty());
	}

	@Test
	void staleUpdateIsRejectedAndRaisesNoEvent() {
		String id = UUID.randomUUID().toString();
		this.writer.insert(Parcel.post(id, "original"));
		Parcel first = this.mongo.findById(id, Parcel.class);
		Parcel second = this.mongo.findById(id, Parcel.class);
		this.writer.update(first.relabel("first"));

		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.writer.update(second.relabel("second")));

		assertThat(this.mongo.findById(id, Parcel.class).label()).isEqualTo("first");
		assertThat(TopicRecords.await("test.parcels.v1", (r) -> id.equals(r.key()), 2, Duration.ofSeconds(1)))
			.extracting(ConsumerRecord::value)
			.containsExactly("{\"parcelId\":\"" + id + "\",\"label\":\"original\"}",
					"{\"parcelId\":\"" + id + "\",\"label\":\"first\"}");
	}

	@Test
	void redeliveredEventHasOneEffect() {
		String ceId = UUID.randomUUID().toString();
		String body = "{\"note\":\"twice-" + ceId + "\"}";
		double duplicatesBefore = count("events.duplicates", "eu.citiesgateway.test.NoteTaken.v1");

		sendNote(ceId, body);
		sendNote(ceId, body);

		await().untilAsserted(
				() -> assertThat(count("events.duplicates", "eu.citiesgateway.test.NoteTaken.v1") - duplicatesBefore)
					.isEqualTo(1.0));
		assertThat(KitTestApplication.effects).containsOnlyOnce(body);
	}

	@Test
	void poisonMessageGoesToTheDeadLetterTopicWhileTheNextIsProcessedAndCanBeReplayed() {
		String poison = "{\"note\":\"poison-" + UUID.randomUUID() + "\"}";
		String healthy = "{\"note\":\"healthy-" + UUID.randomUUID() + "\"}";
		double failedBefore = count("events.failed", "eu.citiesgateway.test.NoteTaken.v1");

		sendNote(UUID.randomUUID().toString(), poison);
		sendNote(UUID.randomUUID().toString(), healthy);

		await().untilAsserted(() -> assertThat(KitTestApplication.effects).contains(healthy));
		assertThat(
				TopicRecords.await("error.test.notes.v1.kit-tests", (r) -> poison.equals(r.value()), 1, Duration.ZERO))
			.singleElement()
			.satisfies((r) -> assertThat(TopicRecords.header(r, "ce_type"))
				.isEqualTo("eu.citiesgateway.test.NoteTaken.v1"));
		assertThat(count("events.failed", "eu.citiesgateway.test.NoteTaken.v1") - failedBefore).isEqualTo(1.0);
		assertThat(KitTestApplication.effects).doesNotContain(poison);

		KitTestApplication.acceptPoison.set(true);
		Map<String, Object> replay = this.deadLetters.replay("error.test.notes.v1.kit-tests");

		assertThat(replay.get("replayed")).isEqualTo(Map.of("test.notes.v1", 1));
		await().untilAsserted(() -> assertThat(KitTestApplication.effects).containsOnlyOnce(poison));
	}

	@Test
	void mongoHealthIsUpOnAServerWithoutHello() {
		assertThat(this.mongoHealth.health(true).getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void publishingIsMeasured() {
		String id = UUID.randomUUID().toString();
		this.writer.insert(Parcel.post(id, "measured"));
		await().untilAsserted(() -> assertThat(outboxOf(id)).isEmpty());

		assertThat(count("events.published", "eu.citiesgateway.kit.ParcelPosted.v1")).isPositive();
		assertThat(this.meters.get("outbox.publish.latency").tag("topic", "test.parcels.v1").timer().count())
			.isPositive();
		assertThat(this.meters.get("outbox.pending").tag("collection", "parcels").gauge()).isNotNull();
		assertThat(this.meters.get("outbox.oldest.age").tag("collection", "parcels").gauge()).isNotNull();
	}

	@Test
	void anEventTheBrokerRefusesHoldsUpItsOwnAggregateOnlyWhileATimeoutHoldsUpItsTopic() throws Exception {
		List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				UUID.randomUUID().toString());
		this.relay.stop();
		try {
			ids.forEach((id) -> this.writer.insert(Parcel.post(id, "parcel")));
			String refused = ids.get(0);

			// a record the broker will never take: only its own aggregate waits
			OutboxRelay tooLarge = relayFailing(refused::equals,
					new org.apache.kafka.common.errors.RecordTooLargeException("too large"), new AtomicInteger());
			tooLarge.sweep();
			assertThat(outboxOf(refused)).hasSize(1);
			assertThat(outboxOf(ids.get(1))).isEmpty();
			assertThat(outboxOf(ids.get(2))).isEmpty();

			// no metadata for the topic after max.block.ms: the topic's other sends wait
			// for the next pass instead of timing out one by one
			String second = UUID.randomUUID().toString();
			String third = UUID.randomUUID().toString();
			this.writer.insert(Parcel.post(second, "parcel"));
			this.writer.insert(Parcel.post(third, "parcel"));
			Thread.sleep(2100);
			AtomicInteger tried = new AtomicInteger();
			OutboxRelay timedOut = relayFailing((aggregate) -> true,
					new org.apache.kafka.common.errors.TimeoutException("no metadata after 5000 ms"), tried);
			timedOut.sweep();
			assertThat(tried).as("sends tried in the pass").hasValue(1);
			assertThat(outboxOf(refused)).hasSize(1);
			assertThat(outboxOf(second)).hasSize(1);
			assertThat(outboxOf(third)).hasSize(1);
			Thread.sleep(2100);
		}
		finally {
			this.relay.start();
		}
		await().untilAsserted(() -> assertThat(outboxOf(ids.get(0))).isEmpty());
	}

	@Test
	void theBacklogGaugesShowEventsWaitingWhileTheRelayIsStuckInASend() {
		String id = UUID.randomUUID().toString();
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		EventSender stuck = new EventSender(null, this.types) {

			@Override
			public java.util.concurrent.CompletableFuture<?> send(PendingEvent event) {
				// as a producer waiting for metadata blocks the caller
				try {
					release.await(5, java.util.concurrent.TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return java.util.concurrent.CompletableFuture
					.failedFuture(new org.apache.kafka.common.errors.TimeoutException("no metadata"));
			}

		};
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		OutboxRelay relay = new OutboxRelay(this.mongo, stuck, new EventMetrics(registry),
				new EventKitProperties.Relay(500, Duration.ofMillis(200), Duration.ofSeconds(20),
						Duration.ofSeconds(1)),
				java.time.Clock.systemUTC());
		this.relay.stop();
		try {
			this.writer.insert(Parcel.post(id, "waiting"));
			relay.start();

			await().atMost(Duration.ofSeconds(4))
				.untilAsserted(
						() -> assertThat(registry.get("outbox.pending").tag("collection", "parcels").gauge().value())
							.isGreaterThanOrEqualTo(1));
		}
		finally {
			release.countDown();
			relay.stop();
			this.relay.start();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(outboxOf(id)).isEmpty());
	}

	/**
	 * A relay with a short lease whose sends of one aggregate's events fail at once, as
	 * the producer fails them; the others go to the broker.
	 */
	private OutboxRelay relayFailing(java.util.function.Predicate<String> aggregate, RuntimeException failure,
			AtomicInteger tried) {
		EventSender failing = new EventSender(null, this.types) {

			@Override
			public java.util.concurrent.CompletableFuture<?> send(PendingEvent event) {
				tried.incrementAndGet();
				return aggregate.test(event.subject()) ? java.util.concurrent.CompletableFuture.failedFuture(failure)
						: EventKitIntegrationTests.this.sender.send(event);
			}

		};
		OutboxRelay relay = new OutboxRelay(this.mongo, failing, new EventMetrics(new SimpleMeterRegistry()),
				new EventKitProperties.Relay(500, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(1)),
				java.time.Clock.systemUTC());
		relay.watch("parcels");
		return relay;
	}

	private List<?> outboxOf(String id) {
		org.bson.Document document = this.mongo.getCollection("parcels").find(new org.bson.Document("_id", id)).first();
		return document.getList(PendingEvent.OUTBOX_FIELD, Object.class, List.of());
	}

	private double count(String name, String type) {
		var counter = this.meters.find(name).tag("type", type).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static void sendNote(String ceId, String body) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBrokers(), ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>("test.notes.v1", "note", body);
			record.headers()
				.add("ce_id", ceId.getBytes(StandardCharsets.UTF_8))
				.add("ce_type", "eu.citiesgateway.test.NoteTaken.v1".getBytes(StandardCharsets.UTF_8))
				.add("ce_source", "/tests".getBytes(StandardCharsets.UTF_8))
				.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
				.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
			producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void theInboxForgetsWhatIsOlderThanItsRetentionAlsoWithoutATtlMonitor() {
		String old = "notes:" + UUID.randomUUID();
		this.mongo.getCollection(Inbox.COLLECTION)
			.insertOne(new org.bson.Document("_id", old).append("consumer", "notes")
				.append("type", "eu.citiesgateway.kit.NoteWritten.v1")
				.append("processedAt", java.util.Date.from(java.time.Instant.now().minus(Duration.ofDays(31)))));
		Inbox inbox = new Inbox(this.mongo, new EventMetrics(new SimpleMeterRegistry()), java.time.Clock.systemUTC(),
				Duration.ofDays(30));
		List<String> handled = new java.util.ArrayList<>();

		inbox.<String>once("notes", (message) -> handled.add(message.getPayload()))
			.accept(org.springframework.messaging.support.MessageBuilder.withPayload("hello")
				.setHeader(CloudEventMessages.ID, UUID.randomUUID().toString())
				.setHeader(CloudEventMessages.TYPE, "eu.citiesgateway.kit.NoteWritten.v1")
				.build());

		assertThat(handled).containsExactly("hello");
		assertThat(this.mongo.getCollection(Inbox.COLLECTION).countDocuments(new org.bson.Document("_id", old)))
			.isZero();
	}

}
