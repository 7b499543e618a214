package eu.citiesgateway.registry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.EmbeddedInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The registry on a real port with the shared broker and store; tests get an {@link Http}
 * client for it injected. All classes using it share one application context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = { RegistryApplication.class, RegistryIntegrationTest.Client.class })
@EmbeddedInfrastructure
public @interface RegistryIntegrationTest {

	/**
	 * Provides the HTTP client once the server's port is known.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	class Client {

		@Bean
		@Lazy
		Http http(Environment environment) {
			return new Http(environment.getRequiredProperty("local.server.port", Integer.class));
		}

	}

}
