package eu.citiesgateway.newsletter;

import java.util.function.Consumer;

import eu.citiesgateway.newsletter.digest.Digest;
import eu.citiesgateway.platform.events.CloudEventMessages;
import eu.citiesgateway.platform.events.Inbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumers of the other services' topics: each event once, into the digest that
 * issues are drafted from.
 */
@Configuration(proxyBeanMethods = false)
class PlatformEvents {

	@Bean
	Consumer<Message<byte[]>> registryCities(Inbox inbox, Digest digest) {
		return inbox.once("registryCities", (message) -> apply(digest, message));
	}

	@Bean
	Consumer<Message<byte[]>> matchingPairings(Inbox inbox, Digest digest) {
		return inbox.once("matchingPairings", (message) -> apply(digest, message));
	}

	@Bean
	Consumer<Message<byte[]>> clusterActivities(Inbox inbox, Digest digest) {
		return inbox.once("clusterActivities", (message) -> apply(digest, message));
	}

	private static void apply(Digest digest, Message<byte[]> message) {
		digest.apply(CloudEventMessages.header(message.getHeaders(), CloudEventMessages.TYPE), message.getPayload());
	}

}
