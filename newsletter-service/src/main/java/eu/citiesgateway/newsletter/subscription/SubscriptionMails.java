package eu.citiesgateway.newsletter.subscription;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import eu.citiesgateway.newsletter.NewsletterProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.context.MessageSource;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The mails of the subscription flow, in the subscriber's language: the confirmation
 * request, and the note to an address that is subscribed already.
 */
@Component
class SubscriptionMails {

	private final JavaMailSender sender;

	private final MessageSource messages;

	private final NewsletterProperties properties;

	SubscriptionMails(JavaMailSender sender, MessageSource messages, NewsletterProperties properties) {
		this.sender = sender;
		this.messages = messages;
		this.properties = properties;
	}

	void confirmation(Subscriber subscriber, String token) {
		send(subscriber, "mail.confirm.subject", "mail.confirm.body", link("/subscriptions/confirm", token));
	}

	void alreadySubscribed(Subscriber subscriber, String preferences, String unsubscribe) {
		send(subscriber, "mail.already.subscribed.subject", "mail.already.subscribed.body",
				link("/subscriptions/preferences", preferences), link("/subscriptions/unsubscribe", unsubscribe));
	}

	URI link(String path, String token) {
		return UriComponentsBuilder.fromUri(this.properties.publicUrl())
			.path(path)
			.queryParam("token", token)
			.build()
			.toUri();
	}

	private void send(Subscriber subscriber, String subject, String body, Object... links) {
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
			throw new MailPreparationException(ex);
		}
		this.sender.send(message);
	}

}
