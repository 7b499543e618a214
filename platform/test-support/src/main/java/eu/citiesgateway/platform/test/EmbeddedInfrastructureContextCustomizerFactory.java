package eu.citiesgateway.platform.test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Applies {@link EmbeddedInfrastructure}: adds the broker and store addresses to the
 * environment of the test's application context.
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
			String database = "test-" + UUID.randomUUID().toString().substring(0, 8);
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("embeddedInfrastructure",
						Map.of("spring.mongodb.uri", SharedInfrastructure.mongoUri(database),
								"spring.kafka.bootstrap-servers", brokers, "spring.cloud.stream.kafka.binder.brokers",
								brokers)));
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
