package eu.citiesgateway.platform.test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import static org.awaitility.Awaitility.await;

/**
 * Waits on the consumer groups of the shared broker.
 */
public final class ConsumerGroups {

	private ConsumerGroups() {
	}

	/**
	 * Waits until a consumer group has a position on every partition of some topics: for
	 * a group that starts at the end of its topics ({@code start-offset: latest}), the
	 * moment from which every record sent is one it will read. Spring Kafka commits a new
	 * group's first position when the partitions are assigned.
	 * @param group the consumer group
	 * @param topics the topics it consumes
	 */
	public static void awaitPositioned(String group, String... topics) {
		try (Admin admin = SharedInfrastructure.admin()) {
			Set<TopicPartition> partitions = admin.describeTopics(Set.of(topics))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.values()
				.stream()
				.flatMap((topic) -> topic.partitions()
					.stream()
					.map((partition) -> new TopicPartition(topic.name(), partition.partition())))
				.collect(Collectors.toSet());
			await().atMost(Duration.ofSeconds(60)).until(() -> {
				Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get(30, TimeUnit.SECONDS);
				return partitions.stream().allMatch((partition) -> committed.get(partition) != null);
			});
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not read the partitions of " + Set.of(topics), ex);
		}
	}

}
