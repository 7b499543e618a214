package eu.citiesgateway.registry.city;

import java.util.List;
import java.util.UUID;

/**
 * The public profile of a city, as other services see it in events. Holds no personal
 * data.
 *
 * @param cityId the city
 * @param name the city's name
 * @param country ISO 3166-1 alpha-2 code
 * @param side EU or NA, derived from the country
 * @param region region, state or province
 * @param population inhabitants
 * @param latitude WGS 84 latitude
 * @param longitude WGS 84 longitude
 * @param languages working languages, ISO 639-1
 * @param themes the clusters the city works on, one to four
 * @param topics free tags, trimmed, lower-case, without duplicates
 * @param offers what the city can share
 * @param seeks what the city wants to learn
 * @param website the city's website
 * @param status ACTIVE or WITHDRAWN
 */
public record CityProfile(UUID cityId, String name, String country, Side side, String region, long population,
		double latitude, double longitude, List<String> languages, List<String> themes, List<String> topics,
		List<String> offers, List<String> seeks, String website, Status status) {

}
