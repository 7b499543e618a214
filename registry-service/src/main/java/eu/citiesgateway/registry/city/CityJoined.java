package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.UUID;

/**
 * A city joined the programme and is open to pairing.
 *
 * @param cityId the city, also the Kafka key
 * @param profile its public profile
 * @param joinedAt when it was registered
 */
public record CityJoined(UUID cityId, CityProfile profile, Instant joinedAt) {

}
