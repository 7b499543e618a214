package eu.citiesgateway.newsletter.subscription;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import eu.citiesgateway.newsletter.NewsletterProperties;
import eu.citiesgateway.newsletter.SmtpFailures;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The mails of the subscription flow, in the subscriber's language: the confirmation
 * request, and the note to an address that is subscribed already. A recipient the server
 * refuses for good is answered like any other (the answer says a mail is on its way "if
 * this address can receive mail"); any other failure ends the request with
 * {@link MailNotSentException}. Failures are logged by subscriber id with the reply code,
 * never with the server's text or the exception's message, which quote the address.
 */
@Component
class SubscriptionMails {

	private static final Logger logger = LoggerFactory.getLogger(SubscriptionMails.class);

	private final JavaMailSender sender;

	private final MessageSource messages;

	private final NewsletterProperties properties;

	SubscriptionMails(JavaMailSender sender, MessageSource messages, NewsletterProperties properties) {
		this.sender = sender;
		this.messages = messages;
		this.properties = properties;
	}

	void confirmation(Subscriber subscriber, String token) {
		send(subscriber, "confirmation mail", "mail.confirm.subject", "mail.confirm.body",
				link("/subscriptions/confirm", token));
	}

	void alreadySubscribed(Subscriber subscriber, String preferences, String unsubscribe) {
		send(subscriber, "already-subscribed mail", "mail.already.subscribed.subject", "mail.already.subscribed.body",
				link("/subscriptions/preferences", preferences), link("/subscriptions/unsubscribe", unsubscribe));
	}

	URI link(String path, String token) {
		return UriComponentsBuilder.fromUri(this.properties.publicUrl())
			.path(path)
			.queryParam("token", token)
			.build()
			.toUri();
	}

	private void send(Subscriber subscriber, String kind, String subject, String body, Object... links) {
		Locale locale = subscriber.language().locale();
		MimeMessage message = this.sender.createMimeMessage();
		try {
			MimeMessageHelper mail = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
			mail.setFrom(this.properties.from());
			mail.setTo(subscriber.email());
			mail.setSubject(this.messages.getMessage(subject, null, locale));
			mail.setText(this.messages.getMessage(body, links, locale));
			message.setHeader("Auto-Submitted", "auto-generated");
		}
		catch (MessagingException ex) {
			// without the cause: its message quotes the address
			throw new MailPreparationException(
					"The mail to subscriber " + subscriber.id() + " could not be prepared: " + ex.getClass().getName());
		}
		try {
			this.sender.send(message);
		}
		catch (MailException ex) {
			String failure = SmtpFailures.describe(ex);
			if (SmtpFailures.recipientRefused(ex) && SmtpFailures.replyCode(ex) >= 500) {
				logger.info("The server refused the address of subscriber {} for good ({}); its {} is not sent",
						subscriber.id(), failure, kind);
				return;
			}
			logger.warn("The {} to subscriber {} was not sent: {}", kind, subscriber.id(), failure);
			throw new MailNotSentException(failure);
		}
	}

}
