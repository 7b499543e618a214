package eu.citiesgateway.registry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The city registry: the cities taking part in the programme and their practitioner
 * organisations. Publishes {@code registry.cities.v1}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RegistryApplication {

	public static void main(String[] args) {
		SpringApplication.run(RegistryApplication.class, args);
	}

}
