package eu.citiesgateway.platform.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Declares, before the bindings and the relay start, the topics a service owns: those it
 * publishes to ({@link PublishesTo}) and its dead-letter topics
 * ({@code error.<topic>.<group>}), with the partitions, replication factor and
 * {@code min.insync.replicas} of {@code platform.events.topics}. A topic that exists is
 * left as it is. Nothing else of the platform creates topics: the binder's own creation
 * is off, and no client of the platform lets the broker create a topic it asks about.
 * <p>
 * A dead-letter topic gets at least as many partitions as the topic it holds the failures
 * of, so that a failed record keeps its partition number. If the broker cannot be reached
 * at start-up, the service starts anyway and declares its topics as soon as it can.
 */
class TopicDeclarations implements SmartInitializingSingleton, DisposableBean {

	private static final Log logger = LogFactory.getLog(TopicDeclarations.class);

	private static final long RETRY_SECONDS = 15;

	private final KafkaClients clients;

	private final EventKitProperties.Topics settings;

	private final Supplier<Set<String>> published;

	private final ConsumerBindings bindings;

	private final Map<String, Integer> partitions = new ConcurrentHashMap<>();

	private volatile @Nullable ScheduledExecutorService retries;

	TopicDeclarations(KafkaClients clients, EventKitProperties.Topics settings, Supplier<Set<String>> published,
			ConsumerBindings bindings) {
		this.clients = clients;
		this.settings = settings;
		this.published = published;
		this.bindings = bindings;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			declare();
		}
		catch (Exception ex) {
			logger
				.warn("Could not declare the service's topics yet; trying again every " + RETRY_SECONDS + " s: " + ex);
			ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "topic-declarations");
				thread.setDaemon(true);
				return thread;
			});
			this.retries = retries;
			retries.scheduleWithFixedDelay(() -> {
				try {
					declare();
					retries.shutdown();
				}
				catch (Exception again) {
					logger.warn("Could not declare the service's topics yet: " + again);
				}
			}, RETRY_SECONDS, RETRY_SECONDS, TimeUnit.SECONDS);
		}
	}

	@Override
	public void destroy() {
		ScheduledExecutorService retries = this.retries;
		if (retries != null) {
			retries.shutdownNow();
		}
	}

	/**
	 * Creates the topics the service owns that do not exist yet.
	 * @return the topics created
	 * @throws Exception if the broker could not be asked or refused
	 */
	Set<String> declare() throws Exception {
		Map<String, String> deadLetterSources = new LinkedHashMap<>();
		this.bindings.deadLetterTopics().forEach((topic, consumed) -> deadLetterSources.put(topic, consumed.topic()));
		Set<String> created = new TreeSet<>();
		try (Admin admin = Admin.create(this.clients.admin())) {
			Set<String> existing = admin.listTopics().names().get(20, TimeUnit.SECONDS);
			Map<String, Integer> sourcePartitions = partitionsOf(admin,
					deadLetterSources.values().stream().filter(existing::contains).toList());
			List<NewTopic> missing = new ArrayList<>();
			for (String topic : new TreeSet<>(this.published.get())) {
				if (!existing.contains(topic)) {
					missing.add(newTopic(topic, this.settings.partitions()));
				}
			}
			deadLetterSources.forEach((topic, source) -> {
				if (!existing.contains(topic)) {
					missing.add(newTopic(topic,
							Math.max(this.settings.partitions(), sourcePartitions.getOrDefault(source, 0))));
				}
			});
			Map<String, KafkaFuture<Void>> results = admin.createTopics(missing).values();
			for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
				try {
					result.getValue().get(20, TimeUnit.SECONDS);
					created.add(result.getKey());
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw ex;
					}
				}
			}
			this.partitions.putAll(partitionsOf(admin, List.copyOf(deadLetterSources.keySet())));
		}
		if (!created.isEmpty()) {
			logger.info("Declared topics " + created + " (" + this.settings + ")");
		}
		return created;
	}

	/**
	 * The partition of a dead-letter topic a failed record goes to: its own partition
	 * number, within the partitions the dead-letter topic has.
	 * @param deadLetterTopic the dead-letter topic
	 * @param partition the partition the record was read from
	 * @return the partition to send it to
	 */
	int deadLetterPartition(String deadLetterTopic, int partition) {
		Integer count = this.partitions.get(deadLetterTopic);
		return (count != null && count > 0 && partition >= count) ? partition % count : partition;
	}

	private NewTopic newTopic(String name, int partitions) {
		return new NewTopic(name, partitions, this.settings.replicationFactor()).configs(
				Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(this.settings.minInsyncReplicas())));
	}

	private static Map<String, Integer> partitionsOf(Admin admin, List<String> topics) throws Exception {
		Map<String, Integer> partitions = new LinkedHashMap<>();
		if (topics.isEmpty()) {
			return partitions;
		}
		for (Map.Entry<String, KafkaFuture<TopicDescription>> description : admin.describeTopics(topics)
			.topicNameValues()
			.entrySet()) {
			try {
				partitions.put(description.getKey(),
						description.getValue().get(20, TimeUnit.SECONDS).partitions().size());
			}
			catch (ExecutionException ex) {
				// not there (yet): nothing to size by
			}
		}
		return partitions;
	}

}
