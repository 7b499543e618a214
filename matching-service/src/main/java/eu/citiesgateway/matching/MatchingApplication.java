package eu.citiesgateway.matching;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Pairs European cities with US and Canadian peers: matching rounds and the pairing
 * lifecycle. Publishes {@code matching.pairings.v1}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MatchingApplication {

	public static void main(String[] args) {
		SpringApplication.run(MatchingApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
