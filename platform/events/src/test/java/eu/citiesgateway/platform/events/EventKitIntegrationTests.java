package eu.citiesgateway.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import eu.citiesgateway.platform.events.KitTestApplication.Parcel;
import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.platform.test.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@SpringBootTest
@EmbeddedInfrastructure
class EventKitIntegrationTests {

	static final String DEAD_LETTERS = "error.test.notes.v1.kit-tests";

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

	@Autowired
	BindingServiceProperties bindings;

	@Autowired
	ConsumerBindings consumerBindings;

	@Autowired
	TopicDeclarations declarations;

	@Autowired
	CloudEventsHeaderMapper headerMapper;

	@Autowired
	Environment environment;

	@Autowired
	BeanFactory beans;

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
		Lease busyInstance = new Lease(this.mongo, Lease.RELAY, "busy-instance", Duration.ofSeconds(60),
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
	void poisonMessageGoesToTheDeadLetterTopicWhileTheNextIsProcessedAndItsReplayReachesOnlyTheGroupThatFailed() {
		String poison = "{\"note\":\"poison-" + UUID.randomUUID() + "\"}";
		String healthy = "{\"note\":\"healthy-" + UUID.randomUUID() + "\"}";
		double failedBefore = count("events.failed", "eu.citiesgateway.test.NoteTaken.v1");

		sendNote(UUID.randomUUID().toString(), poison);
		sendNote(UUID.randomUUID().toString(), healthy);

		await().untilAsserted(() -> assertThat(KitTestApplication.effects).contains(healthy));
		assertThat(TopicRecords.await(DEAD_LETTERS, (r) -> poison.equals(r.value()), 1, Duration.ZERO)).singleElement()
			.satisfies((r) -> assertThat(TopicRecords.header(r, "ce_type"))
				.isEqualTo("eu.citiesgateway.test.NoteTaken.v1"));
		assertThat(count("events.failed", "eu.citiesgateway.test.NoteTaken.v1") - failedBefore).isEqualTo(1.0);
		assertThat(KitTestApplication.effects).doesNotContain(poison);
		await().untilAsserted(() -> assertThat(KitTestApplication.copies).contains(poison));

		KitTestApplication.cured.add(poison);
		WebEndpointResponse<Map<String, Object>> replay = this.deadLetters.replay(DEAD_LETTERS);

		assertThat(replay.getStatus()).isEqualTo(200);
		assertThat(replay.getBody()).containsEntry("topic", DEAD_LETTERS)
			.containsEntry("consumer", "notes-in-0")
			.containsEntry("group", "kit-tests");
		assertThat((Integer) replay.getBody().get("replayed")).isPositive();
		assertThat(KitTestApplication.effects).as("the replay hands the records over before it answers")
			.containsOnlyOnce(poison);
		assertThat(TopicRecords.all("test.notes.v1", (r) -> poison.equals(r.value())))
			.as("nothing is sent back to the original topic")
			.hasSize(1);
		assertThat(KitTestApplication.copies).as("the other group saw it once").containsOnlyOnce(poison);
	}

	@Test
	void aNoteFromAnotherSourceThanItsTopicsOwnerIsDeadLetteredAtOnceChangesNothingAndIsLeftBehindByAReplay() {
		String forged = "{\"note\":\"forged-" + UUID.randomUUID() + "\"}";
		double rejectedBefore = this.meters.get("events.rejected").tag("topic", "test.notes.v1").counter().count();
		double failedBefore = count("events.failed", "eu.citiesgateway.test.NoteTaken.v1");

		sendNote(UUID.randomUUID().toString(), forged, "/someone-else");

		assertThat(TopicRecords.await(DEAD_LETTERS, (r) -> forged.equals(r.value()), 1, Duration.ZERO)).singleElement()
			.satisfies((r) -> assertThat(TopicRecords.header(r, "x-exception-message"))
				.contains("only /tests publishes to test.notes.v1"));
		await().untilAsserted(() -> assertThat(
				this.meters.get("events.rejected").tag("topic", "test.notes.v1").counter().count() - rejectedBefore)
			.isEqualTo(1.0));
		assertThat(count("events.failed", "eu.citiesgateway.test.NoteTaken.v1")).isEqualTo(failedBefore);
		assertThat(KitTestApplication.effects).doesNotContain(forged);
		assertThat(this.bindings.getConsumerProperties("notes-in-0").getRetryableExceptions())
			.as("refused at once, not retried")
			.containsEntry(UntrustedEventException.class, false);

		WebEndpointResponse<Map<String, Object>> replay = this.deadLetters.replay(DEAD_LETTERS);

		assertThat(replay.getStatus()).isEqualTo(200);
		assertThat((Integer) replay.getBody().get("rejected")).isPositive();
		assertThat(KitTestApplication.effects).doesNotContain(forged);
		assertThat(TopicRecords.all(DEAD_LETTERS, (r) -> forged.equals(r.value())))
			.as("left where it was, not sent back")
			.hasSize(1);
	}

	@Test
	void onlyTheServicesOwnDeadLetterTopicsCanBeReplayedAndAnyOtherNameIsRefusedWithoutCreatingATopic() {
		String madeUp = "made-up-" + UUID.randomUUID();
		String othersGroup = "error.test.notes.v1.someone-else-" + UUID.randomUUID();
		List<String> refused = List.of(madeUp, othersGroup, "test.notes.v1", "error.test.notes.v1.kit-tests\n",
				"bad name/with*characters", "x".repeat(300), "");

		for (String topic : refused) {
			WebEndpointResponse<Map<String, Object>> answer = this.deadLetters.replay(topic);

			assertThat(answer.getStatus()).as(topic).isEqualTo(400);
			assertThat(answer.getContentType()).hasToString("application/problem+json");
			assertThat(answer.getBody()).containsEntry("status", 400)
				.containsEntry("title", "Not a dead-letter topic of this service")
				.containsEntry("topic", topic.substring(0, Math.min(249, topic.length())))
				.containsEntry("deadLetterTopics",
						List.of("error.test.notes.v1.kit-tests-copies", "error.test.notes.v1.kit-tests"));
			assertThat((String) answer.getBody().get("detail")).contains("is not a dead-letter topic of this service")
				.doesNotContain("\n");
		}
		assertThat(SharedInfrastructure.topics()).doesNotContain(madeUp, othersGroup);
		assertThat(this.deadLetters.replay("error.test.notes.v1.kit-tests-copies").getStatus())
			.as("the dead-letter topic of its other group is its own")
			.isEqualTo(200);
	}

	@Test
	void twoReplaysOfOneTopicAtOnceOnOneOrTwoInstancesHandEachRecordOverOnce() throws Exception {
		List<String> notes = List.of("{\"note\":\"poison-gated-" + UUID.randomUUID() + "\"}",
				"{\"note\":\"poison-second-" + UUID.randomUUID() + "\"}",
				"{\"note\":\"poison-third-" + UUID.randomUUID() + "\"}");
		notes.forEach((note) -> sendNote(UUID.randomUUID().toString(), note));
		assertThat(TopicRecords.await(DEAD_LETTERS, (r) -> notes.contains(r.value()), 3, Duration.ZERO)).hasSize(3);
		double duplicatesBefore = count("events.duplicates", "eu.citiesgateway.test.NoteTaken.v1");
		KitTestApplication.cured.addAll(notes);
		KitTestApplication.Gate gate = new KitTestApplication.Gate();
		KitTestApplication.gates.put(notes.get(0), gate);
		try {
			CompletableFuture<WebEndpointResponse<Map<String, Object>>> first = CompletableFuture
				.supplyAsync(() -> this.deadLetters.replay(DEAD_LETTERS));
			assertThat(gate.entered.await(30, TimeUnit.SECONDS)).as("the first replay is handing records over")
				.isTrue();

			WebEndpointResponse<Map<String, Object>> second = this.deadLetters.replay(DEAD_LETTERS);
			WebEndpointResponse<Map<String, Object>> elsewhere = anotherInstance().replay(DEAD_LETTERS);
			gate.released.countDown();

			for (WebEndpointResponse<Map<String, Object>> refused : List.of(second, elsewhere)) {
				assertThat(refused.getStatus()).isEqualTo(409);
				assertThat(refused.getContentType()).hasToString("application/problem+json");
				assertThat(refused.getBody()).containsEntry("title", "Replay in progress");
			}
			assertThat(first.get(60, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
		}
		finally {
			gate.released.countDown();
			KitTestApplication.gates.remove(notes.get(0));
		}
		notes.forEach((note) -> assertThat(KitTestApplication.effects).containsOnlyOnce(note));
		assertThat(count("events.duplicates", "eu.citiesgateway.test.NoteTaken.v1")).isEqualTo(duplicatesBefore);
		assertThat(this.deadLetters.replay(DEAD_LETTERS).getStatus()).as("free again once the first has finished")
			.isEqualTo(200);
	}

	@Test
	void theServiceDeclaresTheTopicsItPublishesAndItsDeadLetterTopicsWithTheirSettings() throws Exception {
		List<String> owned = List.of("test.parcels.v1", DEAD_LETTERS, "error.test.notes.v1.kit-tests-copies");
		try (Admin admin = SharedInfrastructure.admin()) {
			Map<String, TopicDescription> topics = admin.describeTopics(owned)
				.allTopicNames()
				.get(30, TimeUnit.SECONDS);
			assertThat(topics.values()).allSatisfy((topic) -> assertThat(topic.partitions()).hasSize(3));
			Map<ConfigResource, Config> configs = admin
				.describeConfigs(owned.stream().map((t) -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList())
				.all()
				.get(30, TimeUnit.SECONDS);
			assertThat(configs.values()).allSatisfy((config) -> {
				ConfigEntry minInsync = config.get("min.insync.replicas");
				assertThat(minInsync.value()).isEqualTo("1");
				assertThat(minInsync.source()).as("set on the topic by the declaration")
					.isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
			});
		}
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

	private DeadLetters anotherInstance() {
		DeadLetterReplay replay = new DeadLetterReplay(KafkaClients.of(this.environment), "kit-tests",
				(binding) -> this.beans.getBean(binding, org.springframework.messaging.MessageChannel.class),
				this.headerMapper, this.mongo, Duration.ofSeconds(60), java.time.Clock.systemUTC(),
				new EventMetrics(new SimpleMeterRegistry()));
		return new DeadLetters(new EventMetrics(new SimpleMeterRegistry()), this.consumerBindings, this.declarations,
				replay);
	}

	private static void sendNote(String ceId, String body) {
		sendNote(ceId, body, "/tests");
	}

	private static void sendNote(String ceId, String body, String source) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBrokers(), ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>("test.notes.v1", "note", body);
			record.headers()
				.add("ce_id", ceId.getBytes(StandardCharsets.UTF_8))
				.add("ce_type", "eu.citiesgateway.test.NoteTaken.v1".getBytes(StandardCharsets.UTF_8))
				.add("ce_source", source.getBytes(StandardCharsets.UTF_8))
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
		Inbox inbox = new Inbox(this.mongo, new EventMetrics(new SimpleMeterRegistry()),
				new TopicOwners(Map.of("test.notes.v1", "/tests"), java.util.Set.of("test.notes.v1")),
				java.time.Clock.systemUTC(), Duration.ofDays(30));
		List<String> handled = new java.util.ArrayList<>();

		inbox.<String>once("notes", (message) -> handled.add(message.getPayload()))
			.accept(org.springframework.messaging.support.MessageBuilder.withPayload("hello")
				.setHeader(CloudEventMessages.ID, UUID.randomUUID().toString())
				.setHeader(CloudEventMessages.TYPE, "eu.citiesgateway.kit.NoteWritten.v1")
				.setHeader(CloudEventMessages.SOURCE, "/tests")
				.setHeader(org.springframework.kafka.support.KafkaHeaders.RECEIVED_TOPIC, "test.notes.v1")
				.build());

		assertThat(handled).containsExactly("hello");
		assertThat(this.mongo.getCollection(Inbox.COLLECTION).countDocuments(new org.bson.Document("_id", old)))
			.isZero();
	}

}
