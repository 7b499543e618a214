package eu.citiesgateway.cluster;

import java.util.function.Consumer;

import eu.citiesgateway.cluster.directory.Directory;
import eu.citiesgateway.cluster.membership.Members;
import eu.citiesgateway.cluster.pairing.PairingProjection;
import eu.citiesgateway.platform.events.Inbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumers of the other services' topics, each event once: the registry's cities
 * make memberships, matching's confirmed pairings are recorded in the clusters.
 */
@Configuration(proxyBeanMethods = false)
class PlatformEvents {

	@Bean
	Consumer<Message<byte[]>> registryCities(Inbox inbox, Directory directory, Members members) {
		return inbox.onceByType("registryCities",
				(type, payload) -> directory.apply(type, payload).ifPresent(members::reconcile));
	}

	@Bean
	Consumer<Message<byte[]>> matchingPairings(Inbox inbox, PairingProjection pairings) {
		return inbox.onceByType("matchingPairings", pairings::apply);
	}

}
