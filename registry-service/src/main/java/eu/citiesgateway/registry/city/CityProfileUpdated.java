package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A city's public profile changed.
 *
 * @param cityId the city, also the Kafka key
 * @param profile the new public profile
 * @param changedFields the names of the profile fields that changed
 * @param updatedAt when it changed
 */
public record CityProfileUpdated(UUID cityId, CityProfile profile, List<String> changedFields, Instant updatedAt) {

}
