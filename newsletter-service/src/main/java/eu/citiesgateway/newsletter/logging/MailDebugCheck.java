package eu.citiesgateway.newsletter.logging;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Refuses to start with Jakarta Mail's debug output on ({@code mail.debug}): it prints
 * the whole SMTP dialogue, every recipient's address and every mail, to standard output,
 * past the logging system and its masking. The SMTP dialogue can be logged without the
 * addresses instead, through the logger {@code org.eclipse.angus.mail} at {@code TRACE}.
 */
@Component
class MailDebugCheck {

	MailDebugCheck(JavaMailSender sender) {
		if (sender instanceof JavaMailSenderImpl impl
				&& (Boolean.parseBoolean(impl.getJavaMailProperties().getProperty("mail.debug"))
						|| impl.getSession().getDebug())) {
			throw new MailDebugException();
		}
	}

}
