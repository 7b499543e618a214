package eu.citiesgateway.platform.events;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The platform's defaults for Spring Cloud Stream, Kafka, MongoDB and the actuator, added
 * with the lowest precedence so that any service property or environment variable wins.
 * <ul>
 * <li>producers: {@code acks=all}, idempotent, the outbox's JSON bytes sent as they are
 * (native encoding, no message conversion) with the CloudEvents headers written by
 * {@link CloudEventsHeaderMapper};</li>
 * <li>consumers: 4 attempts with exponential back-off (0.5 s, 1 s, 2 s), then the
 * dead-letter topic {@code error.<topic>.<group>}; an event not from its topic's owner
 * ({@link UntrustedEventException}) goes there at once, without retries;</li>
 * <li>no topic created by the binder or by the broker on a client's request: the service
 * declares its own ({@link TopicDeclarations}); a consumer whose topic does not exist yet
 * binds once its owner has declared it (the binder tries again every 10 s);</li>
 * <li>observation on for the binder's producers and consumers, so that sends and
 * deliveries are spans and a consumer continues the trace of the record's
 * {@code traceparent} ({@link EventTracing});</li>
 * <li>UUIDs stored as the standard BSON subtype;</li>
 * <li>metrics tagged with {@code application}, Prometheus and health probes exposed;</li>
 * <li>readiness ({@code /actuator/health/readiness}) that includes MongoDB
 * ({@link MongoPingHealthIndicator}) and the Kafka binder (made at start-up by
 * {@link EagerBinder}, its health answering within 5 s), so that a service takes no
 * traffic while either is out of reach; liveness is the application's own state alone, so
 * that an outage does not get the service restarted.</li>
 * </ul>
 */
public class EventKitDefaults implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("spring.cloud.stream.kafka.binder.required-acks", "all");
		defaults.put("spring.cloud.stream.kafka.binder.producer-properties.enable.idempotence", "true");
		defaults.put("spring.cloud.stream.kafka.binder.producer-properties.max.in.flight.requests.per.connection", "5");
		defaults.put("spring.cloud.stream.kafka.binder.producer-properties.linger.ms", "5");
		// a send that cannot even be queued (no metadata: the broker or the topic is
		// missing) fails after 5 s instead of 60 s, and the relay sends no more to that
		// topic in
		// that wave
		defaults.put("spring.cloud.stream.kafka.binder.producer-properties.max.block.ms", "5000");
		defaults.put("spring.cloud.stream.kafka.binder.auto-create-topics", "false");
		defaults.put("spring.cloud.stream.kafka.binder.consumer-properties.allow.auto.create.topics", "false");
		defaults.put("spring.kafka.consumer.properties.allow.auto.create.topics", "false");
		defaults.put("spring.cloud.stream.binding-retry-interval", "10");
		defaults.put("spring.cloud.stream.kafka.binder.producer-properties.value.serializer",
				EventValueSerializer.class.getName());
		defaults.put("spring.cloud.stream.default.producer.use-native-encoding", "true");
		defaults.put("spring.cloud.stream.kafka.default.consumer.enable-dlq", "true");
		defaults.put("spring.cloud.stream.default.consumer.max-attempts", "4");
		defaults.put("spring.cloud.stream.default.consumer.back-off-initial-interval", "500");
		defaults.put("spring.cloud.stream.default.consumer.back-off-multiplier", "2.0");
		defaults.put("spring.cloud.stream.default.consumer.back-off-max-interval", "10000");
		defaults.put("spring.cloud.stream.default.consumer.retryable-exceptions["
				+ UntrustedEventException.class.getName() + "]", "false");
		defaults.put("spring.cloud.stream.kafka.binder.enable-observation", "true");
		defaults.put("spring.mongodb.representation.uuid", "standard");
		defaults.put("management.metrics.tags.application", "${spring.application.name:application}");
		defaults.put("management.endpoints.web.exposure.include", "health,info,prometheus,metrics,deadletters");
		defaults.put("management.endpoint.health.probes.enabled", "true");
		// not ready while the store or the broker is out of reach (liveness stays the
		// application's own state): the binder's health answers within 5 s, not 60
		defaults.put("management.endpoint.health.group.readiness.include", "readinessState,mongo,binders");
		defaults.put("spring.cloud.stream.kafka.binder.health-timeout", "5");
		environment.getPropertySources().addLast(new MapPropertySource("platformEventDefaults", defaults));
	}

}
