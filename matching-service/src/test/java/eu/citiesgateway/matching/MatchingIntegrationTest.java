package eu.citiesgateway.matching;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import eu.citiesgateway.matching.candidate.Candidates;
import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.ServiceTools;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

/**
 * matching-service on a real port with the shared broker and store; tests get an
 * {@link Http} client ({@link ServiceTools}), a {@link RegistryFeed} and a
 * {@link Matchmaking} injected. All classes using it share one application context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = { MatchingApplication.class, ServiceTools.class, MatchingIntegrationTest.Feeds.class })
@EmbeddedInfrastructure
public @interface MatchingIntegrationTest {

	/**
	 * The registry's events, as the tests write them.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	class Feeds {

		@Bean
		RegistryFeed registryFeed() {
			return new RegistryFeed();
		}

		@Bean
		@Lazy
		Matchmaking matchmaking(RegistryFeed registry, Candidates candidates, Http http) {
			return new Matchmaking(registry, candidates, http);
		}

	}

}
