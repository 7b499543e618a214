package eu.citiesgateway.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * cluster-service on a real port with the shared broker and store; tests get an
 * {@link Http} client, an {@link EventFeed} that plays the registry and matching, and a
 * {@link TestClock} they can move forward. All classes using it share one context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = { ClusterApplication.class, ClusterIntegrationTest.Support.class })
@EmbeddedInfrastructure
public @interface ClusterIntegrationTest {

	/**
	 * The test's tools.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	class Support {

		@Bean
		@Lazy
		Http http(Environment environment) {
			return new Http(environment.getRequiredProperty("local.server.port", Integer.class));
		}

		@Bean
		EventFeed eventFeed() {
			return new EventFeed();
		}

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock();
		}

	}

}
