package eu.citiesgateway.newsletter;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The real Jakarta Mail sender, which a test can make "crash" right after the SMTP server
 * accepted the messages of a connection, before the service records them: the worst
 * moment.
 */
public class CrashingMailSender extends JavaMailSenderImpl {

	private final AtomicInteger sent = new AtomicInteger();

	private volatile int crashAfter = -1;

	/** Crashes after the given number of further SMTP connections. */
	public void crashAfter(int connections) {
		this.sent.set(0);
		this.crashAfter = connections;
	}

	@Override
	protected void doSend(MimeMessage[] mimeMessages, Object[] originalMessages) {
		super.doSend(mimeMessages, originalMessages);
		if (this.crashAfter >= 0 && this.sent.incrementAndGet() == this.crashAfter) {
			this.crashAfter = -1;
			throw new SimulatedCrash();
		}
	}

	/** The process "dies": nothing after the send runs. */
	public static class SimulatedCrash extends Error {

		SimulatedCrash() {
			super("simulated crash after the SMTP server accepted a message");
		}

	}

}
