package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import eu.citiesgateway.platform.web.security.Caller;
import eu.citiesgateway.platform.web.security.Scopes;
import org.jspecify.annotations.Nullable;

/**
 * A city as the API shows it: the request fields plus {@code id}, {@code side},
 * {@code status} and {@code version}. The public view never has {@code contact}; the
 * staff view, for tokens with {@code registry:contacts}, has it.
 */
record CityView(UUID id, String name, String country, String region, Side side, long population, double latitude,
		double longitude, List<String> languages, List<String> themes, List<String> topics, List<String> offers,
		List<String> seeks, String website, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Contact contact,
		Status status, long version, Instant joinedAt, Instant updatedAt, Instant withdrawnAt, int organisations) {

	/**
	 * The view the caller may see: the staff view with {@code registry:contacts}, else
	 * the public one.
	 * @param city the city
	 * @return the view
	 */
	static CityView of(City city) {
		return Caller.hasScope(Scopes.REGISTRY_CONTACTS) ? staff(city) : publicly(city);
	}

	static CityView publicly(City city) {
		return view(city, null);
	}

	static CityView staff(City city) {
		return view(city, city.contact());
	}

	private static CityView view(City city, @Nullable Contact contact) {
		return new CityView(city.id(), city.name(), city.country(), city.region(), city.side(), city.population(),
				city.latitude(), city.longitude(), city.languages(), city.themes(), city.topics(), city.offers(),
				city.seeks(), city.website(), contact, city.status(), city.version(), city.joinedAt(), city.updatedAt(),
				city.withdrawnAt(), city.organisations().size());
	}

}
