package eu.citiesgateway.newsletter;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/**
 * What an SMTP failure says, without anything a server wrote: its reply code, its
 * enhanced status code (RFC 3463) and the standard name of that status, or the kind of
 * network failure. Servers quote the recipient's address in the text of their replies
 * ({@code 550 5.1.1 <name@example.org>: Recipient address rejected}), and Jakarta Mail
 * repeats it in its exception messages, so neither is stored, shown or logged: only what
 * this class makes of them.
 */
public final class SmtpFailures {

	/** A reply code and an enhanced status code at the start of a reply. */
	private static final Pattern REPLY = Pattern.compile("^\\s*(\\d{3})(?:[ -]+([245])\\.(\\d{1,3})\\.(\\d{1,3}))?");

	/** The reply to a connection that Jakarta Mail quotes in "bad greeting" failures. */
	private static final Pattern GREETING = Pattern
		.compile("response: (\\d{3})(?:[ -]+([245])\\.(\\d{1,3})\\.(\\d{1,3}))?");

	/** What this class writes without a reply code: a phrase and an exception class. */
	private static final Pattern DESCRIBED = Pattern.compile("^([a-z ]+) \\(([A-Za-z0-9_.$]+)\\)$");

	private static final String IN_DOUBT = "in doubt: ";

	private static final String NO_CONNECTION = "no connection";

	private static final String LOST = "connection lost or no reply in time";

	private static final String LOGIN = "login refused";

	private static final String NOT_SENT = "not sent";

	private static final Set<String> PHRASES = Set.of(NO_CONNECTION, LOST, LOGIN, NOT_SENT);

	/** RFC 5321 (and RFC 4954, 7504) on the basic reply codes. */
	private static final Map<Integer, String> CODES = Map.ofEntries(
			Map.entry(421, "Service not available, closing transmission channel"),
			Map.entry(450, "Mailbox unavailable"), Map.entry(451, "Local error in processing"),
			Map.entry(452, "Insufficient system storage"), Map.entry(455, "Server unable to accommodate parameters"),
			Map.entry(500, "Syntax error, command unrecognized"),
			Map.entry(501, "Syntax error in parameters or arguments"), Map.entry(502, "Command not implemented"),
			Map.entry(503, "Bad sequence of commands"), Map.entry(504, "Command parameter not implemented"),
			Map.entry(521, "Host does not accept mail"), Map.entry(530, "Authentication required"),
			Map.entry(534, "Authentication mechanism is too weak"),
			Map.entry(535, "Authentication credentials invalid"), Map.entry(538, "Encryption required"),
			Map.entry(550, "Mailbox unavailable"), Map.entry(551, "User not local"),
			Map.entry(552, "Exceeded storage allocation"), Map.entry(553, "Mailbox name not allowed"),
			Map.entry(554, "Transaction failed"), Map.entry(555, "Parameters not recognized or not implemented"),
			Map.entry(556, "Domain does not accept mail"));

	/** RFC 3463 (and RFC 3886, 4954, 6531, 7372, 7505) on subject and detail. */
	private static final Map<String, String> STATUSES = Map.ofEntries(Map.entry("0.0", "Other undefined status"),
			Map.entry("1.0", "Other address status"), Map.entry("1.1", "Bad destination mailbox address"),
			Map.entry("1.2", "Bad destination system address"),
			Map.entry("1.3", "Bad destination mailbox address syntax"),
			Map.entry("1.4", "Destination mailbox address ambiguous"), Map.entry("1.5", "Destination address valid"),
			Map.entry("1.6", "Destination mailbox has moved"), Map.entry("1.7", "Bad sender's mailbox address syntax"),
			Map.entry("1.8", "Bad sender's system address"), Map.entry("1.10", "Recipient address has null MX"),
			Map.entry("2.0", "Other or undefined mailbox status"),
			Map.entry("2.1", "Mailbox disabled, not accepting messages"), Map.entry("2.2", "Mailbox full"),
			Map.entry("2.3", "Message length exceeds administrative limit"),
			Map.entry("2.4", "Mailing list expansion problem"),
			Map.entry("3.0", "Other or undefined mail system status"), Map.entry("3.1", "Mail system full"),
			Map.entry("3.2", "System not accepting network messages"),
			Map.entry("3.3", "System not capable of selected features"), Map.entry("3.4", "Message too big for system"),
			Map.entry("3.5", "System incorrectly configured"),
			Map.entry("4.0", "Other or undefined network or routing status"), Map.entry("4.1", "No answer from host"),
			Map.entry("4.2", "Bad connection"), Map.entry("4.3", "Directory server failure"),
			Map.entry("4.4", "Unable to route"), Map.entry("4.5", "Mail system congestion"),
			Map.entry("4.6", "Routing loop detected"), Map.entry("4.7", "Delivery time expired"),
			Map.entry("5.0", "Other or undefined protocol status"), Map.entry("5.1", "Invalid command"),
			Map.entry("5.2", "Syntax error"), Map.entry("5.3", "Too many recipients"),
			Map.entry("5.4", "Invalid command arguments"), Map.entry("5.5", "Wrong protocol version"),
			Map.entry("5.6", "Authentication exchange line is too long"),
			Map.entry("6.0", "Other or undefined media error"), Map.entry("6.1", "Media not supported"),
			Map.entry("6.2", "Conversion required and prohibited"),
			Map.entry("6.3", "Conversion required but not supported"),
			Map.entry("6.4", "Conversion with loss performed"), Map.entry("6.5", "Conversion failed"),
			Map.entry("6.6", "Non-ASCII addresses not permitted"),
			Map.entry("7.0", "Other or undefined security status"),
			Map.entry("7.1", "Delivery not authorized, message refused"),
			Map.entry("7.2", "Mailing list expansion prohibited"),
			Map.entry("7.3", "Security conversion required but not possible"),
			Map.entry("7.4", "Security features not supported"), Map.entry("7.5", "Cryptographic failure"),
			Map.entry("7.6", "Cryptographic algorithm not supported"), Map.entry("7.7", "Message integrity failure"),
			Map.entry("7.8", "Authentication credentials invalid"),
			Map.entry("7.9", "Authentication mechanism is too weak"), Map.entry("7.10", "Encryption needed"),
			Map.entry("7.11", "Encryption required for requested authentication mechanism"),
			Map.entry("7.13", "User account disabled"), Map.entry("7.20", "No passing DKIM signature found"),
			Map.entry("7.21", "No acceptable DKIM signature found"),
			Map.entry("7.22", "No valid author-matched DKIM signature found"),
			Map.entry("7.23", "SPF validation failed"), Map.entry("7.24", "SPF validation error"),
			Map.entry("7.25", "Reverse DNS validation failed"),
			Map.entry("7.26", "Multiple authentication checks failed"),
			Map.entry("7.27", "Sender address has null MX"));

	private SmtpFailures() {
	}

	/**
	 * Describes a failure to send mail: {@code 550 5.1.1 Bad destination mailbox address}
	 * for a server's refusal, {@code no connection (java.net.ConnectException)} for a
	 * failure without a reply.
	 * @param failure what Spring's or Jakarta Mail's sender threw
	 * @return the description, which holds no address
	 */
	public static String describe(Throwable failure) {
		MessagingException refusal = refusal(failure);
		if (refusal != null && returnCode(refusal) >= 200) {
			String described = coded(refusal.getMessage(), REPLY, returnCode(refusal));
			if (described != null) {
				return described;
			}
		}
		Throwable login = null;
		for (Throwable cause : chain(failure)) {
			String message = cause.getMessage();
			String described = null;
			if (cause instanceof AuthenticationFailedException || cause instanceof MailAuthenticationException) {
				login = (login != null) ? login : cause;
				described = coded(message, REPLY, 0);
			}
			else if (cause instanceof MessagingException && message != null && message.contains("bad greeting")) {
				described = coded(message, GREETING, 0);
			}
			if (described != null) {
				return described;
			}
		}
		if (login != null) {
			return LOGIN + " (" + login.getClass().getName() + ")";
		}
		Throwable network = find(failure, ConnectException.class);
		network = (network != null) ? network : find(failure, UnknownHostException.class);
		network = (network != null) ? network : find(failure, NoRouteToHostException.class);
		if (network != null) {
			return NO_CONNECTION + " (" + network.getClass().getName() + ")";
		}
		Throwable lost = find(failure, SocketTimeoutException.class);
		lost = (lost != null) ? lost : find(failure, EOFException.class);
		lost = (lost != null) ? lost : find(failure, SocketException.class);
		if (lost != null) {
			return LOST + " (" + lost.getClass().getName() + ")";
		}
		if (refusal != null) {
			// a reply exception without a reply: the connection ended instead
			return LOST + " (" + refusal.getClass().getName() + ")";
		}
		return NOT_SENT + " (" + deepest(failure).getClass().getName() + ")";
	}

	/**
	 * Describes a failure whose mail the server may have accepted.
	 * @param failure what the sender threw
	 * @return {@code in doubt: } and the description
	 */
	public static String inDoubt(Throwable failure) {
		return IN_DOUBT + describe(failure);
	}

	/**
	 * What may be shown of an error recorded before errors were described by this class
	 * (they held the server's reply and the exception's message): its reply code and
	 * enhanced status code with their standard names, or that the details are not kept. A
	 * description made by this class is given back unchanged.
	 * @param stored the recorded error
	 * @return what may be shown
	 */
	public static @Nullable String sanitise(@Nullable String stored) {
		if (stored == null) {
			return null;
		}
		String prefix = stored.startsWith(IN_DOUBT) ? IN_DOUBT : "";
		String text = stored.substring(prefix.length());
		String described = coded(text, REPLY, 0);
		if (described != null) {
			return prefix + described;
		}
		Matcher own = DESCRIBED.matcher(text);
		if (own.matches() && PHRASES.contains(own.group(1))) {
			return stored;
		}
		return prefix + "details not kept";
	}

	/**
	 * The reply code of the server's refusal of a mail, if there was one.
	 * @param failure what the sender threw
	 * @return the code, or 0
	 */
	public static int replyCode(Throwable failure) {
		MessagingException refusal = refusal(failure);
		return (refusal != null) ? Math.max(0, returnCode(refusal)) : 0;
	}

	/**
	 * Whether a server refused the recipient (a reply to {@code RCPT TO}).
	 * @param failure what the sender threw
	 * @return whether the refusal was of the recipient
	 */
	public static boolean recipientRefused(Throwable failure) {
		return find(failure, SMTPAddressFailedException.class) != null;
	}

	/**
	 * The first of a type in a failure's causes, the failed messages of Spring's
	 * {@link MailSendException} and the next exceptions of Jakarta Mail's.
	 * @param <T> the type
	 * @param failure the failure
	 * @param type the type
	 * @return the first found, or null
	 */
	public static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable cause : chain(failure)) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	private static @Nullable MessagingException refusal(Throwable failure) {
		MessagingException refusal = find(failure, SMTPAddressFailedException.class);
		refusal = (refusal != null) ? refusal : find(failure, SMTPSenderFailedException.class);
		return (refusal != null) ? refusal : find(failure, SMTPSendFailedException.class);
	}

	private static int returnCode(MessagingException refusal) {
		if (refusal instanceof SMTPAddressFailedException address) {
			return address.getReturnCode();
		}
		if (refusal instanceof SMTPSenderFailedException sender) {
			return sender.getReturnCode();
		}
		return ((SMTPSendFailedException) refusal).getReturnCode();
	}

	/**
	 * The reply code found by a pattern (or known already), with the enhanced status code
	 * that follows it and the names of both; null without a reply code.
	 */
	private static @Nullable String coded(@Nullable String text, Pattern pattern, int knownCode) {
		Matcher matcher = (text != null) ? pattern.matcher(text) : null;
		boolean found = matcher != null && matcher.find();
		int reply = (knownCode > 0) ? knownCode : found ? Integer.parseInt(matcher.group(1)) : 0;
		if (reply < 200 || reply > 599) {
			return null;
		}
		if (!found || Integer.parseInt(matcher.group(1)) != reply || matcher.group(2) == null
				|| matcher.group(2).charAt(0) != (char) ('0' + reply / 100)) {
			return reply + " " + name(reply);
		}
		int subject = Integer.parseInt(matcher.group(3));
		int detail = Integer.parseInt(matcher.group(4));
		String status = STATUSES.getOrDefault(subject + "." + detail, STATUSES.get(subject + ".0"));
		return reply + " " + matcher.group(2) + "." + subject + "." + detail + " "
				+ ((status != null) ? status : name(reply));
	}

	private static String name(int reply) {
		return CODES.getOrDefault(reply,
				(reply >= 500) ? "Permanent failure" : (reply >= 400) ? "Temporary failure" : "Unexpected reply");
	}

	private static Throwable deepest(Throwable failure) {
		List<Throwable> chain = chain(failure);
		return chain.get(chain.size() - 1);
	}

	/** The failure and its causes, each once, at most 32. */
	private static List<Throwable> chain(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = failure; cause != null && chain.size() < 32 && seen.add(cause); cause = next(cause)) {
			chain.add(cause);
		}
		return chain;
	}

	private static @Nullable Throwable next(Throwable cause) {
		if (cause instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
			return send.getFailedMessages().values().iterator().next();
		}
		if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
			return messaging.getNextException();
		}
		return cause.getCause();
	}

}
