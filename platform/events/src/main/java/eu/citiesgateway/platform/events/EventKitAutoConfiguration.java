package eu.citiesgateway.platform.events;

import java.time.Clock;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import org.apache.kafka.clients.CommonClientConfigs;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.messaging.SubscribableChannel;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The event kit: outbox writer and relay, idempotent inbox, metrics, dead letters and a
 * MongoDB health indicator that works on every MongoDB-compatible server.
 */
@AutoConfiguration(
		beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@EnableConfigurationProperties(EventKitProperties.class)
public class EventKitAutoConfiguration {

	@Bean
	EventTypes eventTypes(EventKitProperties properties, Environment environment) {
		return new EventTypes(properties.service(), environment.getProperty("spring.application.name", "application"));
	}

	@Bean
	EventMetrics eventMetrics(MeterRegistry registry) {
		return new EventMetrics(registry);
	}

	@Bean
	SubscribableChannel outboxSendFutures(EventSender sender) {
		DirectChannel channel = new DirectChannel();
		channel.subscribe(sender.futuresChannelHandler());
		return channel;
	}

	@Bean
	ProducerMessageHandlerCustomizer<KafkaProducerMessageHandler<?, ?>> outboxFuturesCustomizer(
			ObjectProvider<SubscribableChannel> outboxSendFutures) {
		return (handler, destination) -> handler.setFuturesChannel(outboxSendFutures.getObject());
	}

	@Bean
	CloudEventsHeaderMapper kafkaBinderHeaderMapper() {
		return new CloudEventsHeaderMapper();
	}

	@Bean
	EventSender eventSender(StreamBridge bridge, EventTypes types) {
		return new EventSender(bridge, types);
	}

	@Bean
	OutboxRelay outboxRelay(MongoTemplate mongo, EventSender sender, EventMetrics metrics,
			EventKitProperties properties, ObjectProvider<Clock> clock) {
		return new OutboxRelay(mongo, sender, metrics, properties.relay(), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	OutboxWriter outboxWriter(MongoTemplate mongo, JsonMapper json, EventTypes types, OutboxRelay relay,
			ObjectProvider<Clock> clock) {
		return new OutboxWriter(mongo, json, types, relay, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	Inbox inbox(MongoTemplate mongo, EventMetrics metrics, EventKitProperties properties, ObjectProvider<Clock> clock) {
		return new Inbox(mongo, metrics, clock.getIfAvailable(Clock::systemUTC), properties.inbox().retention());
	}

	@Bean
	DeadLetters deadLetters(EventMetrics metrics, Environment environment) {
		Binder binder = Binder.get(environment);
		List<String> brokers = binder.bind("spring.cloud.stream.kafka.binder.brokers", Bindable.listOf(String.class))
			.orElseGet(() -> binder.bind("spring.kafka.bootstrap-servers", Bindable.listOf(String.class))
				.orElse(List.of("localhost:9092")));
		Map<String, Object> configuration = new HashMap<>(binder
			.bind("spring.cloud.stream.kafka.binder.configuration", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of()));
		configuration.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", brokers));
		return new DeadLetters(metrics, configuration,
				environment.getProperty("spring.application.name", "application"));
	}

	@Bean
	OutboxHealthIndicator outboxHealthIndicator(OutboxRelay relay) {
		return new OutboxHealthIndicator(relay);
	}

	@Bean
	MongoPingHealthIndicator mongoHealthContributor(MongoClient client, MongoTemplate mongo) {
		return new MongoPingHealthIndicator(client, mongo.getDb().getName());
	}

}
