package eu.citiesgateway.newsletter;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Map;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMTP failures described by their codes, never by the server's text, which quotes the
 * recipient's address.
 */
class SmtpFailuresTests {

	static final String ADDRESS = "jane.doe+news@example.org";

	@Test
	void aRefusedRecipientKeepsTheReplyCodeAndEnhancedStatusButNotTheServersText() throws Exception {
		Exception refused = sendFailed(recipientRefused(550,
				"550 5.1.1 <" + ADDRESS + ">: Recipient address rejected: User unknown in virtual mailbox table"));

		assertThat(SmtpFailures.describe(refused)).isEqualTo("550 5.1.1 Bad destination mailbox address");
		assertThat(SmtpFailures.replyCode(refused)).isEqualTo(550);
		assertThat(SmtpFailures.recipientRefused(refused)).isTrue();
	}

	@Test
	void aTemporaryRefusalAndAMultiLineReplyAreDescribedByTheirCodes() throws Exception {
		assertThat(SmtpFailures.describe(recipientRefused(451, "451 4.2.1 Mailbox of " + ADDRESS + " busy")))
			.isEqualTo("451 4.2.1 Mailbox disabled, not accepting messages");
		assertThat(SmtpFailures.describe(recipientRefused(452,
				"452-4.2.2 The mailbox " + ADDRESS + " is full\n"
						+ "452-4.2.2 For more information, go to\n452 4.2.2 https://support.example.org")))
			.isEqualTo("452 4.2.2 Mailbox full");
	}

	@Test
	void aReplyWithoutAnEnhancedStatusOrWithOneOfAnotherClassKeepsItsCodeOnly() throws Exception {
		assertThat(SmtpFailures.describe(recipientRefused(550, "550 " + ADDRESS + " does not exist here")))
			.isEqualTo("550 Mailbox unavailable");
		assertThat(SmtpFailures.describe(recipientRefused(550, "550 4.1.1 " + ADDRESS)))
			.isEqualTo("550 Mailbox unavailable");
		assertThat(SmtpFailures.describe(recipientRefused(599, "599 5.9.9 " + ADDRESS)))
			.isEqualTo("599 5.9.9 Permanent failure");
	}

	@Test
	void aRefusedMailOrSenderIsDescribedByItsCodes() {
		SMTPSendFailedException content = new SMTPSendFailedException("DATA", 554,
				"554 5.7.1 Message from " + ADDRESS + " rejected as spam", null, null, null, null);

		assertThat(SmtpFailures.describe(new MailSendException(Map.of(new Object(), content))))
			.isEqualTo("554 5.7.1 Delivery not authorized, message refused");
		assertThat(SmtpFailures.recipientRefused(content)).isFalse();
	}

	@Test
	void failuresWithoutAReplyAreDescribedByTheirKindAndClass() {
		MessagingException lost = new SMTPSendFailedException("DATA", -1, "[EOF]", null, null, null, null);
		MessagingException timeout = new MessagingException("Exception reading response",
				new SocketTimeoutException("Read timed out"));
		MessagingException connect = new MessagingException("Couldn't connect to host, port: smtp.example.org, 25",
				new ConnectException("Connection refused"));

		assertThat(SmtpFailures.describe(lost))
			.isEqualTo("connection lost or no reply in time (org.eclipse.angus.mail.smtp.SMTPSendFailedException)");
		assertThat(SmtpFailures.inDoubt(timeout))
			.isEqualTo("in doubt: connection lost or no reply in time (java.net.SocketTimeoutException)");
		assertThat(SmtpFailures.describe(new MailSendException("Mail server connection failed", connect)))
			.isEqualTo("no connection (java.net.ConnectException)");
		assertThat(SmtpFailures.describe(new MailSendException("lost", new EOFException())))
			.isEqualTo("connection lost or no reply in time (java.io.EOFException)");
		assertThat(SmtpFailures.describe(new IllegalStateException("Illegal address " + ADDRESS)))
			.isEqualTo("not sent (java.lang.IllegalStateException)");
	}

	@Test
	void aRefusedLoginAndARefusedGreetingKeepTheirCodes() {
		assertThat(SmtpFailures.describe(new MailAuthenticationException(
				new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid"))))
			.isEqualTo("535 5.7.8 Authentication credentials invalid");
		assertThat(SmtpFailures.describe(new MailAuthenticationException(new AuthenticationFailedException())))
			.isEqualTo("login refused (org.springframework.mail.MailAuthenticationException)");
		assertThat(SmtpFailures.describe(new MessagingException(
				"Got bad greeting from SMTP host: 127.0.0.1, port: 2525, response: 421 4.3.2 Service shutting down")))
			.isEqualTo("421 4.3.2 System not accepting network messages");
	}

	@Test
	void errorsStoredWithTheServersTextAreShownWithoutIt() {
		assertThat(SmtpFailures
			.sanitise("550 5.1.1 <" + ADDRESS + ">: Recipient address rejected: User unknown in virtual mailbox table"))
			.isEqualTo("550 5.1.1 Bad destination mailbox address");
		assertThat(SmtpFailures.sanitise("in doubt: [EOF]")).isEqualTo("in doubt: details not kept");
		assertThat(SmtpFailures.sanitise("Failed messages: jakarta.mail.SendFailedException: Invalid Addresses; "
				+ "nested exception is: " + ADDRESS))
			.isEqualTo("details not kept");
		assertThat(SmtpFailures.sanitise("no connection (" + ADDRESS + ")")).isEqualTo("details not kept");
		assertThat(SmtpFailures.sanitise(null)).isNull();
	}

	@Test
	void whatThisClassDescribesIsShownUnchanged() throws Exception {
		for (String described : new String[] { SmtpFailures.describe(recipientRefused(550, "550 5.1.1 " + ADDRESS)),
				"in doubt: connection lost or no reply in time (java.net.SocketTimeoutException)",
				"no connection (java.net.ConnectException)", "451 Local error in processing" }) {
			assertThat(SmtpFailures.sanitise(described)).isEqualTo(described);
		}
	}

	private static SMTPAddressFailedException recipientRefused(int code, String reply) throws Exception {
		return new SMTPAddressFailedException(new InternetAddress(ADDRESS), "RCPT TO:<" + ADDRESS + ">", code, reply);
	}

	/** As Jakarta Mail reports it, then Spring. */
	private static MailSendException sendFailed(SMTPAddressFailedException refused) {
		SendFailedException invalid = new SendFailedException("Invalid Addresses", refused);
		return new MailSendException(Map.of(new Object(), invalid));
	}

}
