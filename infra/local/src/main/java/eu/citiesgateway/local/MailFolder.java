package eu.citiesgateway.local;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserException;
import jakarta.mail.MessagingException;

/**
 * Writes every message the local SMTP server delivers to a folder as it arrives, one
 * {@code <yyyyMMdd-HHmmss>-<n>-<recipient>.eml} file per recipient, so that a developer
 * can read the mails the services send and open their links.
 */
final class MailFolder implements MessageDeliveryHandler {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

	private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9@._+-]");

	private final MessageDeliveryHandler delivery;

	private final Path folder;

	private final AtomicInteger count = new AtomicInteger();

	/**
	 * Wraps GreenMail's delivery.
	 * @param delivery GreenMail's own delivery handler, which finds or creates the
	 * recipient's mailbox
	 * @param folder the folder to write to; it must exist
	 */
	MailFolder(MessageDeliveryHandler delivery, Path folder) {
		this.delivery = delivery;
		this.folder = folder;
	}

	@Override
	public GreenMailUser handle(MovingMessage message, MailAddress recipient) throws MessagingException, UserException {
		GreenMailUser user = this.delivery.handle(message, recipient);
		write(message, recipient.getEmail());
		return user;
	}

	private void write(MovingMessage message, String recipient) {
		String name = String.format("%s-%d-%s.eml", LocalDateTime.now().format(TIME), this.count.incrementAndGet(),
				UNSAFE.matcher(recipient).replaceAll("_"));
		Path file = this.folder.resolve(name);
		Path partial = this.folder.resolve(name + ".part");
		try {
			try (OutputStream out = Files.newOutputStream(partial)) {
				message.getMessage().writeTo(out);
			}
			Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			System.out.printf("Mail to %s: %s%n", recipient, file);
		}
		catch (IOException | MessagingException | RuntimeException ex) {
			// the message is still delivered to the SMTP server's mailbox
			System.out.printf("Could not write the mail to %s into %s: %s%n", recipient, file, ex);
		}
	}

}
