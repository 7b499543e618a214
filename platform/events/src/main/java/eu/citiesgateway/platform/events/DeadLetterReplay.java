package eu.citiesgateway.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Function;

import com.mongodb.MongoException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.integration.MessageDispatchingException;
import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * One replay of a dead-letter topic: its records are handed to the consumer of the
 * binding that failed them, in this service, through the binding's input channel (the
 * same function, the same owner check and idempotent inbox as a delivery from Kafka), so
 * no other consumer group sees them again.
 * <ul>
 * <li>One replay of a topic at a time, on any instance: the replay holds a {@link Lease}
 * on the topic ({@value Lease#REPLAY}) and renews it as it goes.</li>
 * <li>It takes the records from where the previous replay stopped (offsets committed by
 * the group {@code <application>.deadletter-replay}) up to the end it saw when it began,
 * so it always finishes.</li>
 * <li>A record that fails again goes back to the end of the dead-letter topic, with the
 * new failure in its {@code x-exception-*} headers, for the next replay; a record refused
 * because it does not come from the topic's owner is left behind, where it was.</li>
 * <li>Offsets are committed after each batch was handed over and its returns
 * acknowledged; a crash in between hands the batch over again next time, which the inbox
 * makes harmless.</li>
 * <li>Each record is handed over in a consumer span that continues the trace of its
 * {@code traceparent} header, which the dead-letter topic kept, as a delivery from Kafka
 * would; a record that fails again goes back with its headers, that one included.</li>
 * </ul>
 */
class DeadLetterReplay {

	private static final Log logger = LogFactory.getLog(DeadLetterReplay.class);

	/** The header of a replayed message naming the dead-letter topic it came from. */
	static final String REPLAYED_FROM = "deadletter_replayedFrom";

	private static final String EXCEPTION_HEADERS = "x-exception-";

	private static final int MAX_MESSAGE = 500;

	private final KafkaClients clients;

	private final String group;

	private final Function<String, MessageChannel> channels;

	private final KafkaHeaderMapper headerMapper;

	private final MongoTemplate mongo;

	private final Duration lease;

	private final Clock clock;

	private final EventMetrics metrics;

	private final EventTracing tracing;

	/**
	 * Creates the replays of a service.
	 * @param clients the Kafka client settings
	 * @param application the application name, part of the replay's consumer group
	 * @param channels the input channel of a binding, by binding name
	 * @param headerMapper the binder's inbound header mapper
	 * @param mongo where the replay leases are
	 * @param lease how long a replay's lease holds without renewal
	 * @param clock the clock of the leases
	 * @param metrics where records that fail again are counted
	 */
	DeadLetterReplay(KafkaClients clients, String application, Function<String, MessageChannel> channels,
			KafkaHeaderMapper headerMapper, MongoTemplate mongo, Duration lease, Clock clock, EventMetrics metrics) {
		this(clients, application, channels, headerMapper, mongo, lease, clock, metrics, EventTracing.NONE);
	}

	/**
	 * Creates the replays of a service, traced.
	 * @param clients the Kafka client settings
	 * @param application the application name, part of the replay's consumer group
	 * @param channels the input channel of a binding, by binding name
	 * @param headerMapper the binder's inbound header mapper
	 * @param mongo where the replay leases are
	 * @param lease how long a replay's lease holds without renewal
	 * @param clock the clock of the leases
	 * @param metrics where records that fail again are counted
	 * @param tracing continues the trace of each record handed over
	 */
	DeadLetterReplay(KafkaClients clients, String application, Function<String, MessageChannel> channels,
			KafkaHeaderMapper headerMapper, MongoTemplate mongo, Duration lease, Clock clock, EventMetrics metrics,
			EventTracing tracing) {
		this.clients = clients;
		this.group = application + ".deadletter-replay";
		this.channels = channels;
		this.headerMapper = headerMapper;
		this.mongo = mongo;
		this.lease = lease;
		this.clock = clock;
		this.metrics = metrics;
		this.tracing = tracing;
	}

	/**
	 * Replays the records waiting in a dead-letter topic of this service.
	 * @param consumed the consumption whose dead-letter topic to replay
	 * @return what became of the records
	 * @throws InProgress if another replay of the topic is running
	 * @throws Interrupted if it could not finish: the broker failed, the consumer is not
	 * running, or the lease was lost
	 */
	Outcome run(ConsumerBindings.Consumed consumed) {
		String topic = consumed.deadLetterTopic();
		Lease lease = new Lease(this.mongo, Lease.REPLAY, UUID.randomUUID().toString(), this.lease, this.clock);
		try {
			if (!lease.hold(topic)) {
				throw new InProgress();
			}
		}
		catch (MongoException ex) {
			throw new Interrupted("The replay could not take its lease", null, ex);
		}
		Outcome outcome = new Outcome();
		try {
			replay(consumed, lease, outcome);
			return outcome;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new Interrupted("The replay was interrupted", outcome, ex);
		}
		catch (ExecutionException ex) {
			throw new Interrupted("The broker did not take back a record that failed again", outcome, ex.getCause());
		}
		catch (org.apache.kafka.common.KafkaException ex) {
			throw new Interrupted("The broker could not be used", outcome, ex);
		}
		catch (Interrupted ex) {
			throw new Interrupted(ex.getMessage(), outcome, ex.getCause());
		}
		catch (BeansException ex) {
			throw new Interrupted("The consumer " + consumed.binding() + " has no input channel", outcome, ex);
		}
		catch (MongoException ex) {
			throw new Interrupted("The replay could not renew its lease", outcome, ex);
		}
		finally {
			try {
				lease.release(topic);
			}
			catch (MongoException ex) {
				logger
					.warn("The lease of the replay of " + topic + " expires by itself after " + this.lease + ": " + ex);
			}
		}
	}

	private void replay(ConsumerBindings.Consumed consumed, Lease lease, Outcome outcome)
			throws InterruptedException, ExecutionException {
		String topic = consumed.deadLetterTopic();
		MessageChannel channel = this.channels.apply(consumed.binding());
		String client = "deadletter-replay-" + UUID.randomUUID();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(this.clients.consumer(this.group, client),
				new ByteArrayDeserializer(), new ByteArrayDeserializer());
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(this.clients.producer(client),
						new ByteArraySerializer(), new ByteArraySerializer())) {
			List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
			if (infos == null || infos.isEmpty()) {
				// not declared yet: nothing can have failed into it
				return;
			}
			List<TopicPartition> partitions = new ArrayList<>();
			infos.forEach((info) -> partitions.add(new TopicPartition(topic, info.partition())));
			consumer.assign(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long renewed = System.nanoTime();
			while (!reached(consumer, end)) {
				Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
				List<Future<RecordMetadata>> returned = new ArrayList<>();
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() >= end.get(partition)) {
						continue;
					}
					if (System.nanoTime() - renewed > this.lease.toNanos() / 3) {
						if (!lease.hold(topic)) {
							throw new Interrupted("The replay lost its lease on " + topic + " and stopped", null, null);
						}
						renewed = System.nanoTime();
					}
					Failure failure = handOver(channel, record, consumed);
					next.put(partition, new OffsetAndMetadata(record.offset() + 1));
					if (failure == null) {
						outcome.replayed++;
					}
					else if (failure.untrusted()) {
						outcome.rejected++;
					}
					else {
						outcome.failed++;
						this.metrics.failed(typeOf(record));
						returned.add(producer.send(backToDeadLetters(record, failure.cause())));
					}
				}
				producer.flush();
				for (Future<RecordMetadata> send : returned) {
					send.get();
				}
				if (!next.isEmpty()) {
					consumer.commitSync(next);
				}
			}
		}
	}

	/**
	 * Hands a record to the binding's consumer.
	 * @return {@code null} if it was processed (or skipped as a duplicate), else why not
	 */
	private @Nullable Failure handOver(MessageChannel channel, ConsumerRecord<byte[], byte[]> record,
			ConsumerBindings.Consumed consumed) {
		try {
			this.tracing.replay(record.headers(), consumed, () -> channel.send(toMessage(record, consumed)));
			return null;
		}
		catch (RuntimeException ex) {
			if (causedBy(ex, MessageDispatchingException.class) != null) {
				// the binding is stopped: nothing was handed over, stop here
				throw new Interrupted("The consumer " + consumed.binding() + " is not running", null, ex);
			}
			UntrustedEventException untrusted = causedBy(ex, UntrustedEventException.class);
			if (untrusted != null) {
				logger.warn("Replay of " + consumed.deadLetterTopic() + " leaves behind the record at offset "
						+ record.offset() + " of partition " + record.partition() + ": " + untrusted.getMessage());
				return new Failure(untrusted, true);
			}
			Throwable root = rootCause(ex);
			logger.warn("Replay of " + consumed.deadLetterTopic() + ": the record at offset " + record.offset()
					+ " of partition " + record.partition() + " failed again and goes back to the dead-letter topic: "
					+ root.getClass().getName() + ": " + Printable.of(root.getMessage(), MAX_MESSAGE));
			if (logger.isDebugEnabled()) {
				logger.debug("The failure in full", ex);
			}
			return new Failure(ex, false);
		}
	}

	/** The message the binder would have made of the record when it was first read. */
	private Message<byte[]> toMessage(ConsumerRecord<byte[], byte[]> record, ConsumerBindings.Consumed consumed) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith("x-") && !header.key().startsWith("kafka_dlt")) {
				headers.add(header);
			}
		}
		Map<String, Object> mapped = new HashMap<>();
		this.headerMapper.toHeaders(headers, mapped);
		MessageBuilder<byte[]> message = MessageBuilder
			.withPayload((record.value() != null) ? record.value() : new byte[0])
			.copyHeaders(mapped)
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, consumed.topic())
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, record.partition())
			.setHeader(KafkaHeaders.GROUP_ID, consumed.group())
			.setHeader(REPLAYED_FROM, consumed.deadLetterTopic())
			.setHeaderIfAbsent(MessageHeaders.CONTENT_TYPE, "application/json");
		if (record.key() != null) {
			message.setHeader(KafkaHeaders.RECEIVED_KEY, record.key());
		}
		return message.build();
	}

	private static ProducerRecord<byte[], byte[]> backToDeadLetters(ConsumerRecord<byte[], byte[]> record,
			Throwable cause) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith(EXCEPTION_HEADERS)) {
				headers.add(header);
			}
		}
		Throwable root = rootCause(cause);
		headers.add(EXCEPTION_HEADERS + "fqcn", root.getClass().getName().getBytes(StandardCharsets.UTF_8));
		String message = String.valueOf(root.getMessage());
		headers.add(EXCEPTION_HEADERS + "message",
				message.substring(0, Math.min(MAX_MESSAGE, message.length())).getBytes(StandardCharsets.UTF_8));
		return new ProducerRecord<>(record.topic(), record.partition(), record.key(), record.value(), headers);
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root;
	}

	private static String typeOf(ConsumerRecord<?, ?> record) {
		Header type = record.headers().lastHeader(CloudEventMessages.TYPE);
		return (type != null) ? new String(type.value(), StandardCharsets.UTF_8) : "unknown";
	}

	private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
		for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
			if (consumer.position(partition.getKey()) < partition.getValue()) {
				return false;
			}
		}
		return true;
	}

	private static <T extends Throwable> @Nullable T causedBy(Throwable ex, Class<T> type) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return null;
	}

	private record Failure(Throwable cause, boolean untrusted) {
	}

	/**
	 * What became of the records of a replay, so far.
	 */
	static final class Outcome {

		/** Records the consumer processed, or skipped as already processed. */
		int replayed;

		/**
		 * Records refused because they do not come from the topic's owner, left behind.
		 */
		int rejected;

		/** Records that failed again, back in the dead-letter topic. */
		int failed;

		Map<String, Object> toMap() {
			return Map.of("replayed", this.replayed, "rejected", this.rejected, "failed", this.failed);
		}

	}

	/**
	 * Another replay of the topic holds its lease.
	 */
	static final class InProgress extends RuntimeException {

		InProgress() {
			super("A replay of this topic is in progress");
		}

	}

	/**
	 * A replay that stopped before the end; what was committed stays done.
	 */
	static final class Interrupted extends RuntimeException {

		private final @Nullable Outcome outcome;

		Interrupted(String message, @Nullable Outcome outcome, @Nullable Throwable cause) {
			super(message, cause);
			this.outcome = outcome;
		}

		@Nullable Outcome outcome() {
			return this.outcome;
		}

	}

}
