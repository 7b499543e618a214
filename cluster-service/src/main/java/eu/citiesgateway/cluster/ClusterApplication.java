package eu.citiesgateway.cluster;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The four thematic clusters: memberships and activities. Publishes
 * {@code clusters.memberships.v1} and {@code clusters.activities.v1}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ClusterApplication {

	public static void main(String[] args) {
		SpringApplication.run(ClusterApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
