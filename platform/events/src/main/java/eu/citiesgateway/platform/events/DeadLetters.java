package eu.citiesgateway.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;

/**
 * Dead letters: counts every record the binder sends to a dead-letter topic (as
 * {@code events.failed}), and replays them on request through the actuator endpoint
 * {@code POST /actuator/deadletters/{topic}}.
 * <p>
 * A replay takes the records in the dead-letter topic from where the previous replay
 * stopped (committed offsets of the group {@code <application>.deadletter-replay}) up to
 * the end offsets it sees when it begins, so it always finishes; it sends each record
 * back to the topic in its {@code x-original-topic} header with its key, value and
 * CloudEvents headers, waits for the broker's acknowledgements, then commits. A record
 * that fails again returns to the dead-letter topic and waits for the next replay; a
 * record without an original topic is skipped and counted.
 */
@Endpoint(id = "deadletters")
public class DeadLetters implements DlqPartitionFunction {

	private static final String ORIGINAL_TOPIC = "x-original-topic";

	private final EventMetrics metrics;

	private final Map<String, Object> clientConfiguration;

	private final String application;

	/**
	 * Creates the dead-letter support.
	 * @param metrics where failures are counted
	 * @param clientConfiguration the Kafka client settings of the binder (brokers,
	 * security)
	 * @param application the application name, part of the replay's consumer group
	 */
	public DeadLetters(EventMetrics metrics, Map<String, Object> clientConfiguration, String application) {
		this.metrics = metrics;
		this.clientConfiguration = Map.copyOf(clientConfiguration);
		this.application = application;
	}

	@Override
	public Integer apply(String group, ConsumerRecord<?, ?> record, Throwable cause) {
		Header type = record.headers().lastHeader(CloudEventMessages.TYPE);
		this.metrics.failed((type != null) ? new String(type.value(), StandardCharsets.UTF_8) : "unknown");
		return record.partition();
	}

	/**
	 * Sends the records waiting in a dead-letter topic back to their original topics.
	 * @param topic the dead-letter topic, for example
	 * {@code error.registry.cities.v1.matching-service}
	 * @return how many records were replayed, per original topic, and how many were
	 * skipped
	 */
	@WriteOperation
	public Map<String, Object> replay(@Selector String topic) {
		Map<String, Object> consumerConfig = new HashMap<>(this.clientConfiguration);
		consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, this.application + ".deadletter-replay");
		consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "deadletter-replay-" + UUID.randomUUID());
		Map<String, Object> producerConfig = new HashMap<>(this.clientConfiguration);
		producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		Map<String, Integer> replayed = new TreeMap<>();
		int skipped = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
						new ByteArraySerializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
				partitions.add(new TopicPartition(topic, partition.partition()));
			}
			consumer.assign(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<Future<RecordMetadata>> sends = new ArrayList<>();
			while (!reached(consumer, end)) {
				Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					TopicPartition partition = new TopicPartition(record.topic(), record.partition());
					if (record.offset() >= end.get(partition)) {
						continue;
					}
					next.put(partition, new OffsetAndMetadata(record.offset() + 1));
					Header original = record.headers().lastHeader(ORIGINAL_TOPIC);
					if (original == null) {
						skipped++;
						continue;
					}
					String target = new String(original.value(), StandardCharsets.UTF_8);
					RecordHeaders headers = new RecordHeaders();
					for (Header header : record.headers()) {
						if (!header.key().startsWith("x-") && !header.key().startsWith("kafka_dlt")) {
							headers.add(header);
						}
					}
					sends.add(producer.send(new ProducerRecord<>(target, null, record.key(), record.value(), headers)));
					replayed.merge(target, 1, Integer::sum);
				}
				producer.flush();
				for (Future<RecordMetadata> send : sends) {
					send.get();
				}
				sends.clear();
				if (!next.isEmpty()) {
					consumer.commitSync(next);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Replay of " + topic + " interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(
					"Replay of " + topic + " failed; the records not committed are replayed next time", ex.getCause());
		}
		return Map.of("topic", topic, "replayed", replayed, "skipped", skipped);
	}

	private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
		for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
			if (consumer.position(partition.getKey()) < partition.getValue()) {
				return false;
			}
		}
		return true;
	}

}
