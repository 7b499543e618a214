package eu.citiesgateway.platform.events;

import java.time.Clock;

import com.mongodb.client.MongoClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
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
	ApplicationListener<ContextRefreshedEvent> outboxCollections(MongoTemplate mongo, OutboxRelay relay) {
		return (event) -> {
			for (MongoPersistentEntity<?> entity : mongo.getConverter().getMappingContext().getPersistentEntities()) {
				if (entity.getType().isAnnotationPresent(PublishesTo.class)) {
					relay.watch(entity.getCollection());
				}
			}
		};
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
		String brokers = environment.getProperty("spring.cloud.stream.kafka.binder.brokers",
				environment.getProperty("spring.kafka.bootstrap-servers", "localhost:9092"));
		return new DeadLetters(metrics, brokers, environment.getProperty("spring.application.name", "application"));
	}

	@Bean
	MongoPingHealthIndicator mongoHealthContributor(MongoClient client, MongoTemplate mongo) {
		return new MongoPingHealthIndicator(client, mongo.getDb().getName());
	}

}
