package eu.citiesgateway.platform.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what actually arrived on a topic, from its beginning, with a consumer of its own:
 * the way another system subscribed to the platform sees it.
 */
public final class TopicRecords {

	private TopicRecords() {
	}

	/**
	 * Waits until {@code expected} matching records are on the topic, then keeps reading
	 * for {@code settle} to catch any extra (duplicated) record.
	 * @param topic the topic
	 * @param filter which records count, e.g. those with one key
	 * @param expected how many to wait for
	 * @param settle how long to keep reading after that
	 * @return the matching records in topic order (per partition)
	 */
	public static List<ConsumerRecord<String, String>> await(String topic,
			Predicate<ConsumerRecord<String, String>> filter, int expected, Duration settle) {
		return read(topic, filter, expected, settle, Duration.ofSeconds(30));
	}

	private static List<ConsumerRecord<String, String>> read(String topic,
			Predicate<ConsumerRecord<String, String>> filter, int expected, Duration settle, Duration timeout) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBrokers(), ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
				false);
		List<ConsumerRecord<String, String>> matching = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + timeout.toNanos();
			long settleUntil = Long.MAX_VALUE;
			while (System.nanoTime() < Math.min(deadline, settleUntil)) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (filter.test(record)) {
						matching.add(record);
					}
				}
				if (matching.size() >= expected && settleUntil == Long.MAX_VALUE) {
					settleUntil = System.nanoTime() + settle.toNanos();
				}
			}
		}
		return matching;
	}

	/**
	 * Reads the topic for a fixed time and returns every matching record: to show that
	 * nothing (or nothing more) arrived.
	 * @param topic the topic
	 * @param filter which records count
	 * @param duration how long to read
	 * @return the matching records
	 */
	public static List<ConsumerRecord<String, String>> readFor(String topic,
			Predicate<ConsumerRecord<String, String>> filter, Duration duration) {
		return read(topic, filter, Integer.MAX_VALUE, Duration.ZERO, duration);
	}

	/**
	 * Reads the whole topic as it is now, from its beginning to its current end, and
	 * returns every matching record: to count what a topic holds without waiting for
	 * anything more to arrive.
	 * @param topic the topic
	 * @param filter which records count
	 * @return the matching records, in order per partition
	 */
	public static List<ConsumerRecord<String, String>> all(String topic,
			Predicate<ConsumerRecord<String, String>> filter) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBrokers(), ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		List<ConsumerRecord<String, String>> matching = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (PartitionInfo partition : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
				partitions.add(new TopicPartition(topic, partition.partition()));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (partitions.stream().anyMatch((p) -> consumer.position(p) < end.get(p))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + topic + " to its end in time");
				}
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))
							&& filter.test(record)) {
						matching.add(record);
					}
				}
			}
		}
		return matching;
	}

	/**
	 * A header of a record as text.
	 * @param record the record
	 * @param name the header name
	 * @return its value, or {@code null}
	 */
	public static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
