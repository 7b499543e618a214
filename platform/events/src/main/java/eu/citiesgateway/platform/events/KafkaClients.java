package eu.citiesgateway.platform.events;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The settings of the Kafka clients the kit makes itself (the topic declarations and the
 * dead-letter replay): the binder's brokers and client settings
 * ({@code spring.cloud.stream.kafka.binder.brokers} and
 * {@code ...binder.configuration.*}, e.g. SASL and TLS), so that they reach the broker as
 * the service's own principal. None of them ever creates a topic by asking for it.
 */
final class KafkaClients {

	private final Map<String, Object> common;

	private KafkaClients(Map<String, Object> common) {
		this.common = Map.copyOf(common);
	}

	static KafkaClients of(Environment environment) {
		Binder binder = Binder.get(environment);
		List<String> brokers = binder.bind("spring.cloud.stream.kafka.binder.brokers", Bindable.listOf(String.class))
			.orElseGet(() -> binder.bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
				.orElse(List.of("localhost:9092")));
		Map<String, Object> common = new HashMap<>(binder
			.bind("spring.cloud.stream.kafka.binder.configuration", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of()));
		common.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", brokers));
		return new KafkaClients(common);
	}

	static KafkaClients of(Map<String, Object> common) {
		return new KafkaClients(common);
	}

	Map<String, Object> admin() {
		Map<String, Object> config = new HashMap<>(this.common);
		config.keySet().retainAll(AdminClientConfig.configNames());
		config.put(AdminClientConfig.CLIENT_ID_CONFIG, "topic-declarations-" + UUID.randomUUID());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		return config;
	}

	Map<String, Object> consumer(String group, String clientId) {
		Map<String, Object> config = new HashMap<>(this.common);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
		return config;
	}

	Map<String, Object> producer(String clientId) {
		Map<String, Object> config = new HashMap<>(this.common);
		config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		return config;
	}

}
