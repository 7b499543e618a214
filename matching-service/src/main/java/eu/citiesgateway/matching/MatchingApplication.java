package eu.citiesgateway.matching;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Pairs European cities with US and Canadian peers: matching rounds and the pairing
 * lifecycle. Publishes {@code matching.pairings.v1}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MatchingApplication {

	public static void main(String[] args) {
		SpringApplication.run(MatchingApplication.class, args);
	}

}
