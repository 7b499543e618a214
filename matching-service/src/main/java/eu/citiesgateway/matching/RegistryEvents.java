package eu.citiesgateway.matching;

import java.util.function.Consumer;

import eu.citiesgateway.matching.candidate.CityProjection;
import eu.citiesgateway.matching.pairing.Decisions;
import eu.citiesgateway.platform.events.Inbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * The consumer of {@code registry.cities.v1}: each event once, into the candidate pool; a
 * withdrawn city's pairings end with it.
 */
@Configuration(proxyBeanMethods = false)
class RegistryEvents {

	@Bean
	Consumer<Message<byte[]>> registryCities(Inbox inbox, CityProjection projection, Decisions decisions) {
		return inbox.onceByType("registryCities",
				(type, payload) -> projection.apply(type, payload).ifPresent(decisions::withdrawCity));
	}

}
