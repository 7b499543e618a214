package eu.citiesgateway.newsletter;

import java.io.InputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * A real SMTP server (SubEthaSMTP) whose replies a test writes: it refuses chosen
 * recipients at {@code RCPT TO} with the reply a receiving server would give (550 for an
 * address that does not exist, 451 for a mailbox that is busy), can refuse the next mail
 * after its {@code DATA}, can close the connection instead of replying to a mail, can
 * refuse new connections at the greeting, and counts the mails it accepted, by recipient.
 * It keeps no message, so it also serves as the fast, flat-memory mail sink of the
 * benchmark.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

	private final SMTPServer server;

	private final Map<String, Refusal> recipients = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

	private final AtomicLong total = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	private final AtomicReference<RejectException> nextData = new AtomicReference<>();

	private final Map<String, Boolean> dropAfterData = new ConcurrentHashMap<>();

	private final AtomicInteger dropAtMail = new AtomicInteger();

	private final AtomicReference<Refusal> afterDrop = new AtomicReference<>();

	private final AtomicReference<Refusal> connections = new AtomicReference<>();

	private final AtomicInteger loginsToRefuse = new AtomicInteger();

	private final AtomicReference<Trigger> trigger = new AtomicReference<>();

	private ScriptedSmtpServer() {
		this.server = SMTPServer.port(0)
			.bindAddress(InetAddress.getLoopbackAddress())
			.hostName("scripted.test")
			.messageHandlerFactory(Transaction::new)
			.sessionHandler(new Greeting())
			.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory(this::login))
			.connectionTimeout(60, java.util.concurrent.TimeUnit.SECONDS)
			.build();
		this.server.start();
	}

	/**
	 * Starts a server on a free port of the loopback address.
	 * @return the running server
	 */
	public static ScriptedSmtpServer start() {
		return new ScriptedSmtpServer();
	}

	public int port() {
		return this.server.getPortAllocated();
	}

	/**
	 * Refuses the next {@code times} {@code RCPT TO} of an address with a reply.
	 * @param address the recipient
	 * @param times how many times; {@link Integer#MAX_VALUE} for always
	 * @param code the SMTP reply code, such as 550 or 451
	 * @param text the reply's text
	 */
	public void refuse(String address, int times, int code, String text) {
		this.recipients.put(address.toLowerCase(Locale.ROOT), new Refusal(new AtomicInteger(times), code, text));
	}

	/**
	 * Refuses the next mail once its content has been sent ({@code DATA}).
	 * @param code the SMTP reply code, such as 554
	 * @param text the reply's text
	 */
	public void refuseNextMail(int code, String text) {
		this.nextData.set(new RejectException(code, text));
	}

	/**
	 * Reads the next mail to an address to its end, then closes the connection without
	 * replying: the sender cannot know whether the mail was accepted.
	 * @param address the recipient
	 */
	public void dropConnectionAfterMailTo(String address) {
		this.dropAfterData.put(address.toLowerCase(Locale.ROOT), true);
	}

	/**
	 * Reads the {@code n}th mail from now to its end, then closes the connection without
	 * replying, and greets the next {@code refusals} connections with {@code 421}.
	 * @param n which mail, 1 for the next
	 * @param refusals how many connections are refused after that
	 */
	public void dropConnectionAtMail(int n, int refusals) {
		this.afterDrop.set(new Refusal(new AtomicInteger(refusals), 421, "4.3.2 Service shutting down"));
		this.dropAtMail.set(n);
	}

	/**
	 * Greets the next {@code times} connections with a refusal instead of {@code 220}.
	 * @param times how many connections
	 * @param code the SMTP reply code, such as 421
	 * @param text the reply's text
	 */
	public void refuseConnections(int times, int code, String text) {
		this.connections.set(new Refusal(new AtomicInteger(times), code, text));
	}

	/**
	 * Runs an action on a thread of its own once the server has accepted a number of
	 * mails in all, as it answers the last of them.
	 * @param total the mails accepted in all
	 * @param action what to do
	 */
	public void whenAccepted(long total, Runnable action) {
		this.trigger.set(new Trigger(total, action));
	}

	/**
	 * Refuses the next {@code times} logins ({@code AUTH}) with {@code 535}; other
	 * logins, with any name and password, succeed. A client that sends no login is served
	 * too.
	 * @param times how many logins
	 */
	public void refuseLogins(int times) {
		this.loginsToRefuse.set(times);
	}

	private void login(String username, String password, MessageContext context) throws LoginFailedException {
		if (this.loginsToRefuse.getAndDecrement() > 0) {
			throw new LoginFailedException("5.7.8 Authentication credentials invalid");
		}
	}

	/**
	 * @param address a recipient
	 * @return the mails accepted for it
	 */
	public int accepted(String address) {
		AtomicInteger count = this.accepted.get(address.toLowerCase(Locale.ROOT));
		return (count != null) ? count.get() : 0;
	}

	/**
	 * @return the mails accepted in all
	 */
	public long total() {
		return this.total.get();
	}

	/**
	 * @return the bytes of content accepted in all
	 */
	public long bytes() {
		return this.bytes.get();
	}

	@Override
	public void close() {
		this.server.stop();
	}

	private record Refusal(AtomicInteger left, int code, String text) {
	}

	private record Trigger(long total, Runnable action) {
	}

	/** Greets a connection, or refuses it as the test asked. */
	private final class Greeting implements SessionHandler {

		@Override
		public SessionAcceptance accept(Session session) {
			Refusal refusal = ScriptedSmtpServer.this.connections.get();
			if (refusal != null && refusal.left().getAndDecrement() > 0) {
				return SessionAcceptance.failure(refusal.code(), refusal.text());
			}
			return SessionAcceptance.success();
		}

		@Override
		public void onSessionEnd(Session session) {
		}

	}

	/** One mail transaction: the recipients it accepted, then the content. */
	private final class Transaction implements MessageHandler {

		private final List<String> to = new ArrayList<>();

		private final Session session;

		Transaction(MessageContext context) {
			this.session = (Session) context;
		}

		@Override
		public void from(String from) {
		}

		@Override
		public void recipient(String recipient) throws RejectException {
			String address = recipient.toLowerCase(Locale.ROOT);
			Refusal refusal = ScriptedSmtpServer.this.recipients.get(address);
			if (refusal != null && refusal.left().getAndDecrement() > 0) {
				throw new RejectException(refusal.code(), refusal.text());
			}
			this.to.add(address);
		}

		@Override
		public String data(InputStream data) throws RejectException, java.io.IOException {
			long length = data.transferTo(java.io.OutputStream.nullOutputStream());
			boolean drop = ScriptedSmtpServer.this.dropAtMail.getAndUpdate((n) -> Math.max(0, n - 1)) == 1;
			for (String address : this.to) {
				drop |= ScriptedSmtpServer.this.dropAfterData.remove(address) != null;
			}
			if (drop) {
				Refusal refusals = ScriptedSmtpServer.this.afterDrop.getAndSet(null);
				if (refusals != null) {
					ScriptedSmtpServer.this.connections.set(refusals);
				}
				this.session.closeSocket();
				throw new java.io.IOException(
						"connection dropped by the test after a mail to " + this.to.size() + " recipient(s)");
			}
			RejectException refusal = ScriptedSmtpServer.this.nextData.getAndSet(null);
			if (refusal != null) {
				throw refusal;
			}
			ScriptedSmtpServer.this.bytes.addAndGet(length);
			long total = ScriptedSmtpServer.this.total.incrementAndGet();
			Trigger trigger = ScriptedSmtpServer.this.trigger.get();
			if (trigger != null && total >= trigger.total()
					&& ScriptedSmtpServer.this.trigger.compareAndSet(trigger, null)) {
				new Thread(trigger.action(), "scripted-smtp-trigger").start();
			}
			for (String address : this.to) {
				ScriptedSmtpServer.this.accepted.computeIfAbsent(address, (key) -> new AtomicInteger())
					.incrementAndGet();
			}
			return null;
		}

		@Override
		public void done() {
		}

	}

}
