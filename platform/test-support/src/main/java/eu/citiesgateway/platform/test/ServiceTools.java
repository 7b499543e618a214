package eu.citiesgateway.platform.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * What every service's integration tests use: an {@link Http} client of the service on
 * its random port (made once the port is known), calling as programme staff with every
 * scope ({@link Http#anonymous()} and {@link Http#as(String)} call otherwise), and an
 * {@link EventFeed} to the shared broker. Add it to the classes of the service's
 * {@code @SpringBootTest}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class ServiceTools {

	@Bean
	@Lazy
	Http http(Environment environment) {
		return new Http(environment.getRequiredProperty("local.server.port", Integer.class))
			.as(TestTokens.withEveryScope());
	}

	@Bean
	@Lazy
	EventFeed eventFeed() {
		return new EventFeed();
	}

}
