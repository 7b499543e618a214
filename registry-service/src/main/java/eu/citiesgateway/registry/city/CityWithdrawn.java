package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.UUID;

/**
 * A city left the programme: it is no longer open to pairing or activities.
 *
 * @param cityId the city, also the Kafka key
 * @param withdrawnAt when it left
 */
public record CityWithdrawn(UUID cityId, Instant withdrawnAt) {

}
