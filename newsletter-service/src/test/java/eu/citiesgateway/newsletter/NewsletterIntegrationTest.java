package eu.citiesgateway.newsletter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.ServiceTools;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * newsletter-service on a real port with the shared broker and store and a real SMTP
 * server (GreenMail, one per test JVM) reached through a {@link CrashingMailSender};
 * tests get an {@link Http} client, an {@link EventFeed} ({@link ServiceTools}) and the
 * {@link GreenMail} server. All classes using it share one application context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		classes = { NewsletterApplication.class, ServiceTools.class, NewsletterIntegrationTest.Support.class },
		properties = { "newsletter.requests-per-client=100000",
				"newsletter.address-keys.keys.test=test-only-address-key-0123456789abcdefghij",
				"newsletter.delivery.per-second=0", "newsletter.delivery.poll-interval=PT1H",
				"newsletter.delivery.back-off=PT0S" })
@EmbeddedInfrastructure
public @interface NewsletterIntegrationTest {

	/**
	 * The test's tools.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	class Support {

		private static final GreenMail smtp = start();

		private static GreenMail start() {
			GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
			mail.start();
			return mail;
		}

		@Bean
		GreenMail greenMail() {
			return smtp;
		}

		@Bean
		CrashingMailSender mailSender() {
			CrashingMailSender sender = new CrashingMailSender();
			sender.setHost("127.0.0.1");
			sender.setPort(smtp.getSmtp().getPort());
			sender.setDefaultEncoding("UTF-8");
			return sender;
		}

	}

}
