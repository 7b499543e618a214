package eu.citiesgateway.registry.city;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * A city's profile as callers send it, to register a city (JSON or a CSV row) or, merged
 * with the stored profile, to change one. The field names are the public contract.
 *
 * @param name the city's name
 * @param country ISO 3166-1 alpha-2 code of an EU member state, US or CA
 * @param region region, state or province
 * @param population inhabitants
 * @param latitude WGS 84 latitude
 * @param longitude WGS 84 longitude
 * @param languages working languages, ISO 639-1
 * @param themes one to four of the programme's themes
 * @param topics free tags
 * @param offers what the city can share
 * @param seeks what the city wants to learn
 * @param website an http(s) address
 * @param contact the contact person
 */
public record CityRequest(@NotBlank @Size(max = 200) String name, @NotBlank String country,
		@Size(max = 200) String region, @NotNull @Positive @Max(100_000_000) Long population,
		@NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
		@NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
		@NotEmpty @Size(max = 10) List<@NotNull @Pattern(regexp = "[a-z]{2}",
				message = "must be an ISO 639-1 code such as 'en'") String> languages,
		@NotEmpty @Size(max = 4) List<@NotNull String> themes,
		@Size(max = 30) List<@NotBlank @Size(max = 60) String> topics,
		@Size(max = 30) List<@NotBlank @Size(max = 200) String> offers,
		@Size(max = 30) List<@NotBlank @Size(max = 200) String> seeks, @Size(max = 500) String website,
		@Valid Contact contact) {

	static CityRequest of(City city) {
		return new CityRequest(city.name(), city.country(), city.region(), city.population(), city.latitude(),
				city.longitude(), city.languages(), city.themes(), city.topics(), city.offers(), city.seeks(),
				city.website(), city.contact());
	}

}
