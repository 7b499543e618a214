package eu.citiesgateway.platform.events;

import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;

/**
 * The metrics that exist from the start: the event counters of every type the service
 * publishes and consumes, registered at 0 from its topics' contracts; the depth of its
 * dead-letter topics; and {@link CountGauges}, with which services show counts of their
 * documents without a query per scrape.
 */
@AutoConfiguration(after = EventKitAutoConfiguration.class)
@EnableConfigurationProperties(MetricsProperties.class)
public class EventMetricsAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EventMetricsAutoConfiguration.class);

	@Bean
	CountGauges countGauges(MeterRegistry registry, MetricsProperties properties) {
		return new CountGauges(registry, properties.maxAge());
	}

	@Bean
	DeadLetterDepth deadLetterDepth(Environment environment, ConsumerBindings bindings, CountGauges gauges,
			MetricsProperties properties) {
		DeadLetterDepth depth = new DeadLetterDepth(KafkaClients.of(environment), bindings,
				environment.getProperty("spring.application.name", "application"), properties.brokerTimeout());
		depth.register(gauges);
		return depth;
	}

	/**
	 * Registers the event counters of every type the service's topics carry, once the
	 * mapping context knows its aggregates: published for the topics of its
	 * {@link PublishesTo} aggregates, consumed, duplicates and failed for the topics of
	 * its consumer bindings.
	 */
	@Bean
	SmartInitializingSingleton eventCountersAtZero(EventMetrics metrics, ConsumerBindings bindings,
			MongoTemplate mongo) {
		return () -> {
			TopicContracts contracts = TopicContracts.onClasspath();
			Set<String> published = publishedTopics(mongo);
			Set<String> consumed = bindings.topics();
			contracts.typesOf(published).forEach(metrics::registerPublished);
			contracts.typesOf(consumed).forEach(metrics::registerConsumed);
			Set<String> undescribed = new TreeSet<>(published);
			undescribed.addAll(consumed);
			undescribed.removeIf(contracts::describes);
			if (!undescribed.isEmpty()) {
				logger.info("No AsyncAPI contract on the classpath describes " + undescribed
						+ ": the event counters of their types appear with their first event");
			}
		};
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

}
