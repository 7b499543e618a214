package eu.citiesgateway.cluster;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.ServiceTools;
import eu.citiesgateway.platform.test.TestClock;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * cluster-service on a real port with the shared broker and store; tests get an
 * {@link Http} client, an {@link EventFeed} that plays the registry and matching
 * ({@link ServiceTools}), and a {@link TestClock} they can move forward. All classes
 * using it share one context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = { ClusterApplication.class, ServiceTools.class, ClusterIntegrationTest.Clocks.class })
@EmbeddedInfrastructure
public @interface ClusterIntegrationTest {

	/**
	 * The clock the service reads, which tests move.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	class Clocks {

		@Bean
		@Primary
		TestClock testClock() {
			return new TestClock();
		}

	}

}
