package eu.citiesgateway.newsletter;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the newsletter reaches and protects its subscribers.
 *
 * @param publicUrl the address at which subscribers reach the hosted pages; links in
 * mails start with it
 * @param from the sender of every mail
 * @param addressKeys the secret keys of the HMAC that turns an address into the hash
 * stored in the suppression list and used for look-ups, each under an id
 * @param confirmationValidity how long a confirmation link works
 * @param linkValidity how long the preferences and unsubscribe links of a mail work
 * @param confirmationsPerAddress confirmation requests one address may make per hour
 * @param requestsPerClient subscription requests one client (IP address) may make per
 * hour
 * @param trustedProxies the reverse proxies whose {@code X-Forwarded-For} names the
 * client, as IP addresses or CIDR ranges ({@code 10.0.0.0/8}); none by default, so that a
 * client cannot choose the address it is counted under
 * @param delivery how issues are sent
 */
@ConfigurationProperties("newsletter")
public record NewsletterProperties(@DefaultValue("http://localhost:8084") URI publicUrl,
		@DefaultValue("EU Cities Gateway <newsletter@citiesgateway.eu>") String from,
		@DefaultValue AddressKeys addressKeys, @DefaultValue("P2D") Duration confirmationValidity,
		@DefaultValue("P180D") Duration linkValidity, @DefaultValue("3") int confirmationsPerAddress,
		@DefaultValue("20") int requestsPerClient, @DefaultValue List<String> trustedProxies,
		@DefaultValue Delivery delivery) {

	/**
	 * The keys of the address hashes. Every stored hash records the id of its key; new
	 * hashes are made with the current key and look-ups try every key, so a new key can
	 * be added and made current without forgetting the suppressed addresses hashed with
	 * the earlier ones.
	 *
	 * @param current the id of the key that hashes new addresses; may be left out when
	 * there is one key
	 * @param keys the secrets by id (lower-case letters and digits): the current one and
	 * every earlier one whose hashes are still stored, each at least 32 bytes
	 */
	public record AddressKeys(@Nullable String current, @DefaultValue Map<String, String> keys) {

	}

	/**
	 * How issues are sent.
	 *
	 * @param perSecond mails per second at most; 0 for no limit
	 * @param perDay mails per day at most; 0 for no limit
	 * @param attempts SMTP transactions a mail may take before it counts as failed, for
	 * temporary failures (4xx)
	 * @param backOff the wait before the first retry; it doubles with each
	 * @param bounceLimit permanent failures (5xx) after which an address is suppressed
	 * @param batchSize deliveries handled per look-up
	 * @param pollInterval how often published issues are checked for mail to send
	 * @param connections SMTP connections used at once
	 * @param mailsPerConnection mails sent over one SMTP connection before it is closed
	 */
	public record Delivery(@DefaultValue("50") int perSecond, @DefaultValue("0") int perDay,
			@DefaultValue("5") int attempts, @DefaultValue("PT1M") Duration backOff, @DefaultValue("1") int bounceLimit,
			@DefaultValue("200") int batchSize, @DefaultValue("PT2S") Duration pollInterval,
			@DefaultValue("4") int connections, @DefaultValue("25") int mailsPerConnection) {

	}

}
