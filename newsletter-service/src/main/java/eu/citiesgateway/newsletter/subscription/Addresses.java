package eu.citiesgateway.newsletter.subscription;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import eu.citiesgateway.newsletter.NewsletterProperties;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * E-mail addresses: what counts as one, and the keyed hash under which the service
 * remembers an address it must not keep in the clear (the suppression list) and finds a
 * subscriber.
 */
@Component
public class Addresses {

	/** RFC 5321's limit on a forward path. */
	static final int MAX_LENGTH = 254;

	private final SecretKeySpec key;

	Addresses(NewsletterProperties properties) {
		this.key = new SecretKeySpec(properties.addressKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/**
	 * The normal form of an address: trimmed and in lower case.
	 * @param text what was entered
	 * @return the address, or empty if it is not one plain address
	 */
	public static Optional<String> normalise(@Nullable String text) {
		if (text == null) {
			return Optional.empty();
		}
		String address = text.strip().toLowerCase(Locale.ROOT);
		if (address.isEmpty() || address.length() > MAX_LENGTH || address.chars().anyMatch(Character::isISOControl)) {
			return Optional.empty();
		}
		try {
			InternetAddress parsed = new InternetAddress(address, true);
			String domain = address.substring(address.lastIndexOf('@') + 1);
			if (!parsed.getAddress().equals(address) || parsed.getPersonal() != null || !domain.contains(".")
					|| domain.startsWith(".") || domain.endsWith(".")) {
				return Optional.empty();
			}
			return Optional.of(address);
		}
		catch (AddressException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The keyed hash of a normalised address.
	 * @param address a normalised address
	 * @return HMAC-SHA256 in hex
	 */
	public String hash(String address) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
