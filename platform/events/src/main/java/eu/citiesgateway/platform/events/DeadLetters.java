package eu.citiesgateway.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * A replay reads the dead-letter topic from where the previous replay stopped (consumer
 * group {@code <application>.deadletter-replay}), sends each record back to the topic in
 * its {@code x-original-topic} header with its key, value and CloudEvents headers, and
 * commits. A record that fails again returns to the dead-letter topic and waits for the
 * next replay.
 */
@Endpoint(id = "deadletters")
public class DeadLetters implements DlqPartitionFunction {

	private static final String ORIGINAL_TOPIC = "x-original-topic";

	private final EventMetrics metrics;

	private final String brokers;

	private final String application;

	public DeadLetters(EventMetrics metrics, String brokers, String application) {
		this.metrics = metrics;
		this.brokers = brokers;
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
	 * {@code registry.cities.v1.matching.dlq}
	 * @return how many records were replayed, per original topic
	 */
	@WriteOperation
	public Map<String, Object> replay(@Selector String topic) {
		Map<String, Object> consumerConfig = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers,
				ConsumerConfig.GROUP_ID_CONFIG, this.application + ".deadletter-replay",
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
				ConsumerConfig.CLIENT_ID_CONFIG, "deadletter-replay-" + UUID.randomUUID());
		Map<String, Object> producerConfig = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		Map<String, Integer> replayed = new TreeMap<>();
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
				KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
						new ByteArraySerializer())) {
			consumer.subscribe(List.of(topic));
			List<Future<RecordMetadata>> sends = new ArrayList<>();
			int idlePolls = 0;
			while (idlePolls < 3) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofSeconds(1));
				if (records.isEmpty()) {
					idlePolls++;
					continue;
				}
				idlePolls = 0;
				for (ConsumerRecord<byte[], byte[]> record : records) {
					Header original = record.headers().lastHeader(ORIGINAL_TOPIC);
					if (original == null) {
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
				consumer.commitSync();
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
		return Map.of("topic", topic, "replayed", replayed);
	}

}
