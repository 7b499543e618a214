package eu.citiesgateway.newsletter.subscription;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import eu.citiesgateway.newsletter.NewsletterProperties;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * E-mail addresses: what counts as one, the mailbox it reaches, and the keyed hashes
 * under which the service remembers an address it must not keep in the clear (the
 * suppression list) and finds a subscriber. Several keys may be configured, each under an
 * id: new hashes are made with the current one, look-ups try them all.
 */
@Component
public class Addresses {

	/** RFC 5321's limit on a forward path. */
	static final int MAX_LENGTH = 254;

	/** The shortest key accepted: as long as the HMAC-SHA256 output. */
	static final int MIN_KEY_BYTES = 32;

	/** Key values published in this repository or its history: not secret. */
	static final Set<String> PUBLIC_KEYS = Set.of("local-development-key-change-me",
			"local-development-key-not-secret-0123456789abcdef", "compose-only-key-change-me",
			"replace-with-a-long-random-secret");

	static final String NOT_AN_ADDRESS = "must be one e-mail address like name@example.org";

	static final String INVISIBLE = "must not contain invisible or bidirectional formatting characters";

	static final String LITERAL = "must name a domain, not an address literal in brackets";

	static final String QUOTED = "must not have a quoted local part";

	private static final Pattern KEY_ID = Pattern.compile("[a-z0-9]{1,20}");

	private final String current;

	/** By id, the current key first. */
	private final Map<String, SecretKeySpec> keys;

	@Autowired
	Addresses(NewsletterProperties properties, Environment environment) {
		this(properties.addressKeys(), environment.matchesProfiles("local"),
				environment.containsProperty("newsletter.address-key"));
	}

	Addresses(NewsletterProperties.AddressKeys settings, boolean local, boolean oldSetting) {
		String hint = oldSetting ? " (newsletter.address-key, NEWSLETTER_ADDRESS_KEY, is no longer read: "
				+ "put its value under newsletter.address-keys.keys.<id>)" : "";
		if (settings.keys().isEmpty()) {
			throw new AddressKeyException("no key is configured" + hint);
		}
		String current = settings.current();
		if (current == null || current.isBlank()) {
			if (settings.keys().size() > 1) {
				throw new AddressKeyException("newsletter.address-keys.current must name one of the keys "
						+ settings.keys().keySet() + " when there are several");
			}
			current = settings.keys().keySet().iterator().next();
		}
		if (!settings.keys().containsKey(current)) {
			throw new AddressKeyException(
					"the current key '" + current + "' is not among the keys " + settings.keys().keySet() + hint);
		}
		String currentId = current;
		Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
		keys.put(current, null);
		settings.keys().forEach((id, secret) -> {
			if (!KEY_ID.matcher(id).matches()) {
				throw new AddressKeyException(
						"the key id '" + id + "' is not 1 to 20 lower-case letters and digits" + hint);
			}
			byte[] bytes = (secret != null) ? secret.getBytes(StandardCharsets.UTF_8) : new byte[0];
			// an earlier key only reads the hashes made with it, which were as weak
			// before
			boolean strict = !local && id.equals(currentId);
			if (strict && secret != null && PUBLIC_KEYS.contains(secret)) {
				throw new AddressKeyException("the key '" + id + "' is a value published with the source code, "
						+ "which only the local profile may use");
			}
			if (strict && bytes.length < MIN_KEY_BYTES) {
				throw new AddressKeyException("the key '" + id + "' has " + bytes.length + " bytes; at least "
						+ MIN_KEY_BYTES + " are needed");
			}
			if (bytes.length == 0) {
				throw new AddressKeyException("the key '" + id + "' is empty");
			}
			keys.put(id, new SecretKeySpec(bytes, "HmacSHA256"));
		});
		this.current = current;
		this.keys = keys;
	}

	/**
	 * The normal form of an address: trimmed, composed (NFC) and in lower case.
	 * @param text what was entered
	 * @return the address, or empty if it is not one plain address
	 */
	public static Optional<String> normalise(@Nullable String text) {
		return Optional.ofNullable(parse(text).address());
	}

	/**
	 * Checks what was entered as an address and puts it in its normal form. Refused, with
	 * the reason: anything but one plain address (a display name, a list, comments), a
	 * control, invisible or bidirectional formatting character, a quoted local part, an
	 * address literal ({@code name@[192.0.2.1]}) and a domain without a dot.
	 * @param text what was entered
	 * @return the address in its normal form, or why it is refused
	 */
	public static Parsed parse(@Nullable String text) {
		if (text == null) {
			return Parsed.refused(NOT_AN_ADDRESS);
		}
		String address = Normalizer.normalize(text.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
		if (address.isEmpty() || address.length() > MAX_LENGTH || address.chars().anyMatch(Character::isISOControl)) {
			return Parsed.refused(NOT_AN_ADDRESS);
		}
		if (address.codePoints().anyMatch((c) -> c != ' ' && invisible(c))) {
			return Parsed.refused(INVISIBLE);
		}
		if (address.indexOf('"') >= 0 || address.indexOf('\\') >= 0) {
			return Parsed.refused(QUOTED);
		}
		String domain = address.substring(address.lastIndexOf('@') + 1);
		if (domain.startsWith("[")) {
			return Parsed.refused(LITERAL);
		}
		try {
			InternetAddress parsed = new InternetAddress(address, true);
			if (!parsed.getAddress().equals(address) || parsed.getPersonal() != null || !domain.contains(".")
					|| domain.startsWith(".") || domain.endsWith(".")) {
				return Parsed.refused(NOT_AN_ADDRESS);
			}
			return new Parsed(address, null);
		}
		catch (AddressException ex) {
			return Parsed.refused(NOT_AN_ADDRESS);
		}
	}

	/**
	 * Whether a character shows nothing or changes the order of what is shown: format
	 * characters (zero-width spaces and joiners, bidirectional marks, overrides and
	 * isolates, soft hyphens), separators other than the space, private and unassigned
	 * code points, and the fillers and selectors that render as nothing.
	 */
	static boolean invisible(int c) {
		return switch (Character.getType(c)) {
			case Character.FORMAT, Character.CONTROL, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
					Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED ->
				true;
			default -> c == 0x034F || c == 0x115F || c == 0x1160 || c == 0x17B4 || c == 0x17B5 || c == 0x2800
					|| c == 0x3164 || c == 0xFFA0 || (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
		};
	}

	/**
	 * The mailbox an address reaches, for the rate limits only (mail goes to the address
	 * as entered): a sub-address ({@code name+tag@example.org}) reaches
	 * {@code name@example.org}, and Gmail ignores the dots of a local part.
	 * @param address a normalised address
	 * @return the mailbox's address
	 */
	static String mailbox(String address) {
		int at = address.lastIndexOf('@');
		String local = address.substring(0, at);
		String domain = address.substring(at + 1);
		int plus = local.indexOf('+');
		if (plus > 0) {
			local = local.substring(0, plus);
		}
		if (domain.equals("gmail.com") || domain.equals("googlemail.com")) {
			local = local.replace(".", "");
			domain = "gmail.com";
		}
		return local + "@" + domain;
	}

	/**
	 * The id of the key that hashes new addresses.
	 * @return the id
	 */
	public String currentKeyId() {
		return this.current;
	}

	/**
	 * The ids of every configured key, the current one first.
	 * @return the ids
	 */
	public Set<String> keyIds() {
		return this.keys.keySet();
	}

	/**
	 * The keyed hash of a normalised address with the current key.
	 * @param address a normalised address
	 * @return HMAC-SHA256 in hex
	 */
	public String hash(String address) {
		return hash(this.current, address);
	}

	/**
	 * The keyed hash of a normalised address with one of the keys.
	 * @param keyId the key's id
	 * @param address a normalised address
	 * @return HMAC-SHA256 in hex
	 */
	public String hash(String keyId, String address) {
		SecretKeySpec key = this.keys.get(keyId);
		if (key == null) {
			throw new IllegalArgumentException("No address key '" + keyId + "'");
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The hashes of an address with every key, to find what was stored under any of them.
	 * @param address a normalised address
	 * @return one hash per key, the current key's first
	 */
	public List<String> hashes(String address) {
		List<String> hashes = new ArrayList<>();
		this.keys.keySet().forEach((id) -> hashes.add(hash(id, address)));
		return hashes;
	}

	/**
	 * What was entered as an address, checked.
	 *
	 * @param address the address in its normal form, when it is one
	 * @param problem why it is refused, when it is
	 */
	public record Parsed(@Nullable String address, @Nullable String problem) {

		static Parsed refused(String problem) {
			return new Parsed(null, problem);
		}

	}

}
