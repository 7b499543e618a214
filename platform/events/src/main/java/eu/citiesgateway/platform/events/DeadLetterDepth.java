package eu.citiesgateway.platform.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;

/**
 * The gauge {@code events.dead.letter.depth}, tagged with the {@code topic}: per
 * dead-letter topic of the service ({@code error.<topic>.<group>}), the records a replay
 * has not reached yet. Per partition that is the end offset minus the offset the replay
 * has committed (group {@code <application>.deadletter-replay}), or minus the first
 * offset still held when no replay has run there (or retention removed records it had not
 * reached); summed over the partitions. So it grows with every record dead-lettered,
 * falls to 0 when a replay has gone through them, and grows again by the records that
 * failed again in the replay, which go back to the end of the topic. Records a replay
 * left behind because they did not come from their topic's owner are behind the replay's
 * offset and no longer counted ({@code events_rejected_total} counted them).
 * <p>
 * The offsets are read with a Kafka admin client of the service's own (the binder's
 * brokers and client settings, so its own principal: it needs Describe on its dead-letter
 * topics and on the replay's group, which its ACLs give), off the scrape thread and at
 * most once per {@code platform.metrics.max-age} ({@link CountGauges}); each call waits
 * at most {@code platform.metrics.broker-timeout}. While the broker cannot be reached the
 * gauge keeps its last value; NaN until the first read. A dead-letter topic not declared
 * yet holds nothing: 0.
 */
final class DeadLetterDepth implements DisposableBean {

	private final KafkaClients clients;

	private final Set<String> topics;

	private final String replayGroup;

	private final Duration timeout;

	private @Nullable Admin admin;

	DeadLetterDepth(KafkaClients clients, ConsumerBindings bindings, String application, Duration timeout) {
		this.clients = clients;
		this.topics = Set.copyOf(bindings.deadLetterTopics().keySet());
		// the group DeadLetterReplay commits how far it went under
		this.replayGroup = application + ".deadletter-replay";
		this.timeout = timeout;
	}

	/**
	 * Registers the gauge, one series per dead-letter topic, read for the first time in
	 * the background.
	 * @param gauges the counting of gauges
	 */
	void register(CountGauges gauges) {
		if (this.topics.isEmpty()) {
			return;
		}
		gauges.registerCountingLater("events.dead.letter.depth",
				"Records in a dead-letter topic that no replay has reached yet",
				this.topics.stream().map((topic) -> Tags.of("topic", topic)).toList(), this::count);
	}

	/**
	 * Reads the depth of every dead-letter topic of the service.
	 * @return per topic tag, its depth
	 */
	Map<Tags, Long> count() {
		try {
			return depths().entrySet()
				.stream()
				.collect(Collectors.toMap((entry) -> Tags.of("topic", entry.getKey()), Map.Entry::getValue));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while reading the dead-letter topics' offsets", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker did not give the dead-letter topics' offsets: " + ex, ex);
		}
	}

	private Map<String, Long> depths() throws InterruptedException, ExecutionException, TimeoutException {
		Admin admin = admin();
		int millis = (int) this.timeout.toMillis();
		Map<String, Long> depths = new LinkedHashMap<>();
		List<TopicPartition> partitions = new ArrayList<>();
		Map<String, KafkaFuture<TopicDescription>> described = admin
			.describeTopics(this.topics, new DescribeTopicsOptions().timeoutMs(millis))
			.topicNameValues();
		for (String topic : this.topics) {
			depths.put(topic, 0L);
			try {
				described.get(topic)
					.get(millis, TimeUnit.MILLISECONDS)
					.partitions()
					.forEach((partition) -> partitions.add(new TopicPartition(topic, partition.partition())));
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException)) {
					throw ex;
				}
				// not declared yet: nothing can have failed into it
			}
		}
		if (partitions.isEmpty()) {
			return depths;
		}
		Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(admin, partitions, OffsetSpec.latest(), millis);
		Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(admin, partitions, OffsetSpec.earliest(), millis);
		Map<TopicPartition, OffsetAndMetadata> replayed = admin
			.listConsumerGroupOffsets(this.replayGroup, new ListConsumerGroupOffsetsOptions().timeoutMs(millis))
			.partitionsToOffsetAndMetadata()
			.get(millis, TimeUnit.MILLISECONDS);
		for (TopicPartition partition : partitions) {
			long start = starts.get(partition).offset();
			long end = ends.get(partition).offset();
			OffsetAndMetadata reached = replayed.get(partition);
			long position = (reached != null) ? Math.max(start, reached.offset()) : start;
			depths.merge(partition.topic(), Math.max(0, end - position), Long::sum);
		}
		return depths;
	}

	private static Map<TopicPartition, ListOffsetsResultInfo> offsets(Admin admin, List<TopicPartition> partitions,
			OffsetSpec spec, int millis) throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
		partitions.forEach((partition) -> request.put(partition, spec));
		return admin.listOffsets(request, new ListOffsetsOptions().timeoutMs(millis))
			.all()
			.get(millis, TimeUnit.MILLISECONDS);
	}

	private synchronized Admin admin() {
		if (this.admin == null) {
			Map<String, Object> config = this.clients.admin();
			int millis = (int) this.timeout.toMillis();
			config.put(AdminClientConfig.CLIENT_ID_CONFIG, "dead-letter-depth-" + UUID.randomUUID());
			config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
			config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
			this.admin = Admin.create(config);
		}
		return this.admin;
	}

	@Override
	public synchronized void destroy() {
		if (this.admin != null) {
			this.admin.close(Duration.ofSeconds(1));
			this.admin = null;
		}
	}

}
