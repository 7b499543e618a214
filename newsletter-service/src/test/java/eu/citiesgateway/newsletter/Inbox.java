package eu.citiesgateway.newsletter;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;

/**
 * What one address received on the test SMTP server.
 */
public final class Inbox {

	static final Pattern LINK = Pattern.compile("https?://\\S+?token=[A-Za-z0-9_-]{43}");

	private final GreenMail smtp;

	private final String address;

	public Inbox(GreenMail smtp, String address) {
		this.smtp = smtp;
		this.address = address;
	}

	public List<MimeMessage> messages() {
		return Arrays.stream(this.smtp.getReceivedMessages()).filter(this::isFor).toList();
	}

	/** Waits for the address to have received a number of messages. */
	public List<MimeMessage> await(int count) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages().size() >= count);
		return messages();
	}

	public MimeMessage last(int expected) {
		List<MimeMessage> messages = await(expected);
		return messages.get(messages.size() - 1);
	}

	/** The links with a token in a message's text, in order. */
	public static List<String> links(MimeMessage message) {
		return LINK.matcher(text(message)).results().map(java.util.regex.MatchResult::group).toList();
	}

	/** The decoded text of a single-part message. */
	public static String text(MimeMessage message) {
		try {
			return message.getContent().toString();
		}
		catch (MessagingException | java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static String subject(MimeMessage message) {
		try {
			return message.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private boolean isFor(MimeMessage message) {
		try {
			return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
				.anyMatch((to) -> to.toString().equalsIgnoreCase(this.address));
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
