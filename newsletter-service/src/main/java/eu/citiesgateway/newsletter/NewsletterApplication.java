package eu.citiesgateway.newsletter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The programme's newsletter: subscribers, issues and their delivery. Publishes
 * {@code newsletter.issues.v1}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NewsletterApplication {

	public static void main(String[] args) {
		SpringApplication.run(NewsletterApplication.class, args);
	}

}
