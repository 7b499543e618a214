package eu.citiesgateway.platform.test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.StringUtils;

/**
 * Applies {@link EmbeddedInfrastructure}: adds the broker and store addresses to the
 * environment of the test's application context, and declares the topics the context
 * consumes (its {@code spring.cloud.stream.bindings.*-in-*} destinations), as their
 * owners would have before it started: a service declares only the topics it owns.
 */
class EmbeddedInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		boolean present = TestContextAnnotationUtils.hasAnnotation(testClass, EmbeddedInfrastructure.class)
				|| MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
					.isPresent(EmbeddedInfrastructure.class);
		return present ? new Customizer() : null;
	}

	private static final class Customizer implements ContextCustomizer {

		@Override
		public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
				org.springframework.test.context.MergedContextConfiguration mergedConfig) {
			String brokers = SharedInfrastructure.kafkaBrokers();
			SharedInfrastructure.declareTopics(consumedTopics(context.getEnvironment()));
			String database = "test-" + UUID.randomUUID().toString().substring(0, 8);
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("embeddedInfrastructure",
						Map.of("spring.mongodb.uri", SharedInfrastructure.mongoUri(database),
								"spring.kafka.bootstrap-servers", brokers, "spring.cloud.stream.kafka.binder.brokers",
								brokers)));
		}

		private static Set<String> consumedTopics(Environment environment) {
			Map<String, Map<String, Object>> bindings = Binder.get(environment)
				.bind("spring.cloud.stream.bindings",
						Bindable.<Map<String, Map<String, Object>>>of(
								ResolvableType.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
										ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class))))
				.orElse(Map.of());
			Set<String> topics = new TreeSet<>();
			bindings.forEach((binding, properties) -> {
				if (binding.matches(".+-in-\\d+") && properties.get("destination") instanceof String destination) {
					for (String topic : StringUtils.commaDelimitedListToStringArray(destination)) {
						topics.add(topic.trim());
					}
				}
			});
			return topics;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Customizer;
		}

		@Override
		public int hashCode() {
			return Customizer.class.hashCode();
		}

	}

}
