package eu.citiesgateway.platform.events;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.client.MongoClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.stream.binder.BinderFactory;
import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.SubscribableChannel;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * The event kit: outbox writer and relay, the declaration of the service's topics, the
 * trusting and idempotent inbox, metrics, one trace from the work that raises an event to
 * its consumers, dead letters and their replay, and a MongoDB health indicator that works
 * on every MongoDB-compatible server.
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
	EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		return new EventTracing(tracer.getIfAvailable(() -> Tracer.NOOP),
				propagator.getIfAvailable(() -> Propagator.NOOP));
	}

	@Bean
	EventSender eventSender(StreamBridge bridge, EventTypes types, EventTracing tracing) {
		return new EventSender(bridge, types, tracing);
	}

	@Bean
	OutboxRelay outboxRelay(MongoTemplate mongo, EventSender sender, EventMetrics metrics,
			EventKitProperties properties, ObjectProvider<Clock> clock) {
		return new OutboxRelay(mongo, sender, metrics, properties.relay(), clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	OutboxWriter outboxWriter(MongoTemplate mongo, JsonMapper json, EventTypes types, OutboxRelay relay,
			ObjectProvider<Clock> clock, EventTracing tracing) {
		return new OutboxWriter(mongo, json, types, relay, clock.getIfAvailable(Clock::systemUTC), tracing);
	}

	@Bean
	ConsumerBindings consumerBindings(Environment environment) {
		return ConsumerBindings.of(environment);
	}

	@Bean
	TopicOwners topicOwners(EventKitProperties properties, ConsumerBindings bindings, EventMetrics metrics) {
		TopicOwners owners = new TopicOwners(properties.owners(), bindings.topics());
		bindings.topics().forEach(metrics::registerRejected);
		return owners;
	}

	@Bean
	Inbox inbox(MongoTemplate mongo, EventMetrics metrics, TopicOwners owners, EventKitProperties properties,
			ObjectProvider<Clock> clock) {
		return new Inbox(mongo, metrics, owners, clock.getIfAvailable(Clock::systemUTC),
				properties.inbox().retention());
	}

	@Bean
	TopicDeclarations topicDeclarations(Environment environment, EventKitProperties properties, MongoTemplate mongo,
			ConsumerBindings bindings) {
		return new TopicDeclarations(KafkaClients.of(environment), properties.topics(), () -> publishedTopics(mongo),
				bindings);
	}

	@Bean
	DeadLetters deadLetters(EventMetrics metrics, ConsumerBindings bindings, TopicDeclarations declarations,
			Environment environment, BeanFactory beans, CloudEventsHeaderMapper headerMapper, MongoTemplate mongo,
			EventKitProperties properties, ObjectProvider<Clock> clock, EventTracing tracing) {
		DeadLetterReplay replay = new DeadLetterReplay(KafkaClients.of(environment),
				environment.getProperty("spring.application.name", "application"),
				(binding) -> beans.getBean(binding, MessageChannel.class), headerMapper, mongo,
				properties.replay().lease(), clock.getIfAvailable(Clock::systemUTC), metrics, tracing);
		return new DeadLetters(metrics, bindings, declarations, replay);
	}

	/** The topics of the aggregates that publish, from their {@link PublishesTo}. */
	private static Set<String> publishedTopics(MongoTemplate mongo) {
		Set<String> topics = new TreeSet<>();
		for (MongoPersistentEntity<?> entity : mongo.getConverter().getMappingContext().getPersistentEntities()) {
			PublishesTo publishesTo = entity.getType().getAnnotation(PublishesTo.class);
			if (publishesTo != null) {
				topics.add(publishesTo.value());
			}
		}
		return topics;
	}

	@Bean
	OutboxHealthIndicator outboxHealthIndicator(OutboxRelay relay) {
		return new OutboxHealthIndicator(relay);
	}

	@Bean
	EagerBinder eagerBinder(BinderFactory binders) {
		return new EagerBinder(binders);
	}

	@Bean
	MongoPingHealthIndicator mongoHealthContributor(MongoClient client, MongoTemplate mongo) {
		return new MongoPingHealthIndicator(client, mongo.getDb().getName());
	}

}
