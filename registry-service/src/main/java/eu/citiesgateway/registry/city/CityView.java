package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A city as the API shows it: the request fields plus {@code id}, {@code side},
 * {@code status} and {@code version}.
 */
record CityView(UUID id, String name, String country, String region, Side side, long population, double latitude,
		double longitude, List<String> languages, List<String> themes, List<String> topics, List<String> offers,
		List<String> seeks, String website, Contact contact, Status status, long version, Instant joinedAt,
		Instant updatedAt, Instant withdrawnAt, int organisations) {

	static CityView of(City city) {
		return new CityView(city.id(), city.name(), city.country(), city.region(), city.side(), city.population(),
				city.latitude(), city.longitude(), city.languages(), city.themes(), city.topics(), city.offers(),
				city.seeks(), city.website(), city.contact(), city.status(), city.version(), city.joinedAt(),
				city.updatedAt(), city.withdrawnAt(), city.organisations().size());
	}

}
