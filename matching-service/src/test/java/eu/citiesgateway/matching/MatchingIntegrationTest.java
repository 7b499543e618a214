package eu.citiesgateway.matching;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import eu.citiesgateway.platform.test.Http;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * matching-service on a real port with the shared broker and store; tests get an
 * {@link Http} client and a {@link RegistryFeed} injected. All classes using it share one
 * application context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = { MatchingApplication.class, MatchingIntegrationTest.Client.class })
@EmbeddedInfrastructure
public @interface MatchingIntegrationTest {

	/**
	 * Provides the HTTP client once the server's port is known, and the registry feed.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	class Client {

		@Bean
		@Lazy
		Http http(Environment environment) {
			return new Http(environment.getRequiredProperty("local.server.port", Integer.class));
		}

		@Bean
		RegistryFeed registryFeed() {
			return new RegistryFeed();
		}

	}

}
