package eu.citiesgateway.newsletter;

import java.time.Clock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The programme's newsletter: subscribers, issues and their delivery. Publishes
 * {@code newsletter.issues.v1}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class NewsletterApplication {

	public static void main(String[] args) {
		SpringApplication.run(NewsletterApplication.class, args);
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	LocaleResolver localeResolver() {
		return new PageLanguage();
	}

}
