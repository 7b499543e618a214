package eu.citiesgateway.newsletter;

import java.time.Clock;

import jakarta.mail.util.StreamProvider;

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

	static {
		// Jakarta Mail 2.1 looks its stream provider up through the ServiceLoader for
		// every
		// message, multipart and header block it builds or parses
		// (jakartaee/mail-api#699,
		// #861): a scan of the class path that took a fifth of the CPU time of a large
		// send. Named here, the provider is loaded by name instead.
		if (System.getProperty(StreamProvider.class.getName()) == null) {
			System.setProperty(StreamProvider.class.getName(), "org.eclipse.angus.mail.util.MailStreamProvider");
		}
	}

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
