package eu.citiesgateway.newsletter;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the newsletter reaches and protects its subscribers.
 *
 * @param publicUrl the address at which subscribers reach the hosted pages; links in
 * mails start with it
 * @param from the sender of every mail
 * @param addressKey the secret key of the HMAC that turns an address into the hash stored
 * in the suppression list and used for look-ups; set a long random value in production
 * @param confirmationValidity how long a confirmation link works
 * @param linkValidity how long the preferences and unsubscribe links of a mail work
 * @param confirmationsPerAddress confirmation requests one address may make per hour
 * @param requestsPerClient subscription requests one client (IP address) may make per
 * hour
 * @param delivery how issues are sent
 */
@ConfigurationProperties("newsletter")
public record NewsletterProperties(@DefaultValue("http://localhost:8084") URI publicUrl,
		@DefaultValue("EU Cities Gateway <newsletter@citiesgateway.eu>") String from,
		@DefaultValue("local-development-key-change-me") String addressKey,
		@DefaultValue("P2D") Duration confirmationValidity, @DefaultValue("P180D") Duration linkValidity,
		@DefaultValue("3") int confirmationsPerAddress, @DefaultValue("20") int requestsPerClient,
		@DefaultValue Delivery delivery) {

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
