package eu.citiesgateway.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import eu.citiesgateway.platform.events.KitTestApplication.Parcel;
import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.platform.test.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace from the work that raises an event to its consumers: stored with the event,
 * sent with the record after the relay's delay, continued by the consumer, kept by a dead
 * letter and its replay, and carried by the log lines of the handling.
 */
@SpringBootTest
@EmbeddedInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class EventTracingIntegrationTests {

	static final String DEAD_LETTERS = "error.test.notes.v1.kit-tests";

	static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");

	@Autowired
	OutboxWriter writer;

	@Autowired
	OutboxRelay relay;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	Tracer tracer;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	MeterRegistry meters;

	@Test
	void anEventKeepsTheTraceOfTheWorkThatStoredItAndTheRelaySendsItInThatTraceLater() {
		String id = UUID.randomUUID().toString();
		Span request = this.tracer.nextSpan().name("request").start();
		this.relay.stop();
		Document stored;
		try {
			try (Tracer.SpanInScope scope = this.tracer.withSpan(request)) {
				this.writer.insert(Parcel.post(id, "traced"));
			}
			finally {
				request.end();
			}
			stored = outboxOf(id).get(0);
		}
		finally {
			this.relay.start();
		}

		assertThat(stored.getString("traceparent"))
			.isEqualTo("00-" + request.context().traceId() + "-" + request.context().spanId() + "-01");
		ConsumerRecord<String, String> record = TopicRecords
			.await("test.parcels.v1", (r) -> id.equals(r.key()), 1, Duration.ZERO)
			.get(0);
		Traceparent sent = Traceparent.of(TopicRecords.header(record, "traceparent"));
		assertThat(sent.traceId()).as("the record is in the request's trace").isEqualTo(request.context().traceId());
		SpanData relayed = await()
			.until(() -> span((s) -> stored.getString("id").equals(s.getAttributes().get(EVENT_ID))
					&& s.getName().equals("outbox relay")), Optional::isPresent)
			.get();
		assertThat(relayed.getTraceId()).isEqualTo(request.context().traceId());
		assertThat(relayed.getParentSpanId()).as("the relay's span is the request's child")
			.isEqualTo(request.context().spanId());
		assertThat(relayed.getStartEpochNanos()).as("from the time the event was stored")
			.isLessThanOrEqualTo(stored.getDate("time").toInstant().toEpochMilli() * 1_000_000);
		SpanData producer = await().until(() -> span((s) -> s.getSpanId().equals(sent.spanId())), Optional::isPresent)
			.get();
		assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
		assertThat(ancestorsOf(producer))
			.as("the producer's span, whose id the record carries, descends from the relay's")
			.contains(relayed.getSpanId());
	}

	@Test
	void anEventStoredOutsideATraceIsSentWithATraceOfItsOwn() {
		String id = UUID.randomUUID().toString();
		this.relay.stop();
		try {
			this.writer.insert(Parcel.post(id, "untraced"));
			assertThat(outboxOf(id).get(0)).doesNotContainKeys("traceparent", "tracestate");
		}
		finally {
			this.relay.start();
		}

		ConsumerRecord<String, String> record = TopicRecords
			.await("test.parcels.v1", (r) -> id.equals(r.key()), 1, Duration.ZERO)
			.get(0);

		assertThat(record.headers().headers("traceparent")).as("the producer's span begins a trace").hasSize(1);
	}

	@Test
	void aNoteIsHandledInASpanContinuingTheTraceOfItsRecordAndTheLinesLoggedMeanwhileCarryIt(CapturedOutput output) {
		Traceparent sender = Traceparent.random();
		String note = "{\"note\":\"traced-" + UUID.randomUUID() + "\"}";
		String ceId = UUID.randomUUID().toString();
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(Inbox.class.getName(), LogLevel.DEBUG);
		try {
			sendNote(note, sender, ceId);

			await().untilAsserted(() -> assertThat(KitTestApplication.effects).contains(note));
			await().untilAsserted(() -> assertThat(output.getAll()).contains(ceId + "' from test.notes.v1"));
		}
		finally {
			logging.setLogLevel(Inbox.class.getName(), null);
		}
		assertThat(KitTestApplication.traces).containsEntry(note, sender.traceId());
		SpanData delivery = await()
			.until(() -> span((s) -> s.getTraceId().equals(sender.traceId()) && s.getKind() == SpanKind.CONSUMER),
					Optional::isPresent)
			.get();
		assertThat(delivery.getParentSpanId()).as("a child of the sender's span").isEqualTo(sender.spanId());
		assertThat(delivery.getName()).isEqualTo("test.notes.v1 process");
		assertThat(this.meters.find("spring.kafka.listener").timers()).as("deliveries are timed too").isNotEmpty();
		assertThat(this.meters.find("spring.kafka.template").timers()).as("and sends").isNotEmpty();
		assertThat(output.getAll().lines().filter((line) -> line.contains("Taking note " + note))).singleElement()
			.asString()
			.containsPattern("\\[" + sender.traceId() + "-[0-9a-f]{16}\\] ");
		assertThat(output.getAll().lines().filter((line) -> line.contains(ceId))).as("the inbox's line at debug level")
			.singleElement()
			.asString()
			.containsPattern("\\[" + sender.traceId() + "-[0-9a-f]{16}\\] ")
			.endsWith("notes processed 'eu.citiesgateway.test.NoteTaken.v1' '" + ceId + "' from test.notes.v1");
	}

	@Test
	void aDeadLetterKeepsTheTraceOfItsRecordAndItsReplayIsHandledInThatTrace() {
		Traceparent sender = Traceparent.random();
		String poison = "{\"note\":\"poison-traced-" + UUID.randomUUID() + "\"}";

		sendNote(poison, sender);

		ConsumerRecord<String, String> dead = TopicRecords
			.await(DEAD_LETTERS, (r) -> poison.equals(r.value()), 1, Duration.ZERO)
			.get(0);
		assertThat(Traceparent.of(TopicRecords.header(dead, "traceparent")).traceId()).isEqualTo(sender.traceId());

		KitTestApplication.traces.remove(poison);
		KitTestApplication.cured.add(poison);
		WebEndpointResponse<Map<String, Object>> replay = this.deadLetters.replay(DEAD_LETTERS);

		assertThat(replay.getStatus()).isEqualTo(200);
		assertThat(KitTestApplication.effects).contains(poison);
		assertThat(KitTestApplication.traces).as("handled again in the record's trace")
			.containsEntry(poison, sender.traceId());
		assertThat(span((s) -> s.getName().equals("deadletter replay") && s.getTraceId().equals(sender.traceId())))
			.hasValueSatisfying((s) -> assertThat(s.getKind()).isEqualTo(SpanKind.CONSUMER));
	}

	private static Optional<SpanData> span(java.util.function.Predicate<SpanData> which) {
		return KitTestApplication.spans.getFinishedSpanItems().stream().filter(which).findFirst();
	}

	/** The ids of the spans a span descends from, as far as they ended. */
	private static List<String> ancestorsOf(SpanData span) {
		List<String> ancestors = new java.util.ArrayList<>();
		Optional<SpanData> parent = Optional.of(span);
		while (parent.isPresent()) {
			String id = parent.get().getParentSpanId();
			ancestors.add(id);
			parent = span((s) -> s.getSpanId().equals(id));
		}
		return ancestors;
	}

	private List<Document> outboxOf(String id) {
		Document document = this.mongo.getCollection("parcels").find(new Document("_id", id)).first();
		return document.getList(PendingEvent.OUTBOX_FIELD, Document.class, List.of());
	}

	private static void sendNote(String body, Traceparent traceparent) {
		sendNote(body, traceparent, UUID.randomUUID().toString());
	}

	private static void sendNote(String body, Traceparent traceparent, String ceId) {
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
				.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8))
				.add("traceparent", traceparent.toString().getBytes(StandardCharsets.UTF_8));
			producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A W3C {@code traceparent}, sampled.
	 */
	record Traceparent(String traceId, String spanId) {

		static Traceparent random() {
			return new Traceparent(hex(16), hex(8));
		}

		static Traceparent of(String header) {
			assertThat(header).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
			return new Traceparent(header.substring(3, 35), header.substring(36, 52));
		}

		private static String hex(int bytes) {
			byte[] random = new byte[bytes];
			ThreadLocalRandom.current().nextBytes(random);
			return HexFormat.of().formatHex(random);
		}

		@Override
		public String toString() {
			return "00-" + this.traceId + "-" + this.spanId + "-01";
		}

	}

}
