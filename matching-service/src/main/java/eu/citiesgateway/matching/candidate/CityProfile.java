package eu.citiesgateway.matching.candidate;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The part of the registry's public city profile that matching reads. Unknown fields are
 * ignored: a {@code v1} event may gain fields.
 *
 * @param cityId the city
 * @param name its name
 * @param country ISO 3166-1 alpha-2
 * @param side EU or NA
 * @param region region, state or province
 * @param population inhabitants
 * @param languages working languages
 * @param themes clusters the city works on
 * @param topics free tags
 * @param offers what it can share
 * @param seeks what it wants to learn
 * @param status ACTIVE or WITHDRAWN
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record CityProfile(UUID cityId, String name, String country, Candidate.Side side, @Nullable String region,
		long population, @Nullable List<String> languages, @Nullable List<String> themes, @Nullable List<String> topics,
		@Nullable List<String> offers, @Nullable List<String> seeks, @Nullable String status) {

}
