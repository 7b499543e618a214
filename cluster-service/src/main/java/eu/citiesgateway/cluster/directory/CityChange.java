package eu.citiesgateway.cluster.directory;

import java.util.List;
import java.util.UUID;

/**
 * What a registry event changed about a city, for its memberships.
 *
 * @param cityId the city
 * @param themes the clusters it works on now
 * @param active false when it withdrew
 */
public record CityChange(UUID cityId, List<String> themes, boolean active) {

}
