package eu.citiesgateway.newsletter;

import java.util.function.Consumer;

import eu.citiesgateway.newsletter.digest.Digest;
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
		return inbox.onceByType("registryCities", digest::apply);
	}

	@Bean
	Consumer<Message<byte[]>> matchingPairings(Inbox inbox, Digest digest) {
		return inbox.onceByType("matchingPairings", digest::apply);
	}

	@Bean
	Consumer<Message<byte[]>> clusterActivities(Inbox inbox, Digest digest) {
		return inbox.onceByType("clusterActivities", digest::apply);
	}

}
