package eu.citiesgateway.matching.candidate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A city as matching knows it: the public profile from the registry's events. Contact
 * data never reaches this service.
 *
 * @param cityId the registry's id of the city
 * @param name the city's name
 * @param country ISO 3166-1 alpha-2
 * @param side EU or NA
 * @param region region, state or province, if known
 * @param population inhabitants
 * @param languages working languages, ISO 639-1
 * @param themes the clusters the city works on
 * @param topics free tags
 * @param offers what the city can share
 * @param seeks what the city wants to learn
 * @param active false once the city withdrew
 * @param updatedAt when the registry last changed the profile
 */
@Document("candidates")
public record Candidate(@Id UUID cityId, String name, String country, Side side, @Nullable String region,
		long population, List<String> languages, List<String> themes, List<String> topics, List<String> offers,
		List<String> seeks, boolean active, Instant updatedAt) {

	/** Which side of the Atlantic a city is on. */
	public enum Side {

		/** A city of an EU member state. */
		EU,
		/** A city of the United States or Canada. */
		NA

	}

	public boolean canadian() {
		return "CA".equals(this.country);
	}

	Candidate withdrawn(Instant at) {
		return new Candidate(this.cityId, this.name, this.country, this.side, this.region, this.population,
				this.languages, this.themes, this.topics, this.offers, this.seeks, false, at);
	}

}
