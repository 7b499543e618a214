package eu.citiesgateway.newsletter.logging;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Jakarta Mail's debug output, which prints every recipient past the logging system, is
 * refused.
 */
class MailDebugCheckTests {

	@Test
	void aSenderWithDebugOutputIsRefusedAndSaysHowToSeeTheDialogueInstead() {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		Properties properties = new Properties();
		properties.setProperty("mail.debug", "true");
		sender.setJavaMailProperties(properties);

		assertThatExceptionOfType(MailDebugException.class).isThrownBy(() -> new MailDebugCheck(sender))
			.satisfies((ex) -> assertThat(new MailDebugFailureAnalyzer().analyze(ex).getAction())
				.contains("logging.level.org.eclipse.angus.mail=TRACE"));
	}

	@Test
	void aSenderWithoutIsAccepted() {
		new MailDebugCheck(new JavaMailSenderImpl());
	}

}
