package eu.citiesgateway.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;

import static org.awaitility.Awaitility.await;

/**
 * Sets the scene of a test through the other services' events: cities joining with their
 * themes, organisations registering, pairings confirmed.
 */
final class Programme {

	static final String REGISTRY = "registry.cities.v1";

	static final String MATCHING = "matching.pairings.v1";

	private final EventFeed feed;

	private final Http http;

	Programme(EventFeed feed, Http http) {
		this.feed = feed;
		this.http = http;
	}

	record City(UUID id, String name, String country, String side, List<String> themes) {
	}

	City joined(String name, String country, String... themes) {
		return joined(city(name, country, themes));
	}

	/** A city not yet announced. */
	static City city(String name, String country, String... themes) {
		return new City(UUID.randomUUID(), name, country, country.equals("US") || country.equals("CA") ? "NA" : "EU",
				List.of(themes));
	}

	City joined(City city) {
		this.feed.send(REGISTRY, "eu.citiesgateway.registry.CityJoined.v1", city.id(),
				Map.of("cityId", city.id(), "profile", profile(city), "joinedAt", Instant.now().toString()));
		return city;
	}

	City updated(City city, String... themes) {
		City changed = new City(city.id(), city.name(), city.country(), city.side(), List.of(themes));
		this.feed.send(REGISTRY, "eu.citiesgateway.registry.CityProfileUpdated.v1", city.id(),
				Map.of("cityId", city.id(), "profile", profile(changed), "changedFields", List.of("themes"),
						"updatedAt", Instant.now().toString()));
		return changed;
	}

	void withdrawn(City city) {
		this.feed.send(REGISTRY, "eu.citiesgateway.registry.CityWithdrawn.v1", city.id(),
				Map.of("cityId", city.id(), "withdrawnAt", Instant.now().toString()));
	}

	UUID organisation(City city, String name) {
		UUID id = UUID.randomUUID();
		this.feed.send(REGISTRY, "eu.citiesgateway.registry.OrganisationRegistered.v1", city.id(),
				Map.of("cityId", city.id(), "organisationId", id, "name", name, "type", "knowledge-partner",
						"registeredAt", Instant.now().toString()));
		return id;
	}

	UUID confirmed(City eu, City na, String... sharedThemes) {
		UUID pairing = UUID.randomUUID();
		this.feed.send(MATCHING, "eu.citiesgateway.matching.PairingConfirmed.v1", pairing,
				Map.of("pairingId", pairing, "euCityId", eu.id(), "naCityId", na.id(), "sharedThemes",
						List.of(sharedThemes), "confirmedAt", Instant.now().toString()));
		return pairing;
	}

	void completed(UUID pairing, City eu, City na) {
		this.feed.send(MATCHING, "eu.citiesgateway.matching.PairingCompleted.v1", pairing,
				Map.of("pairingId", pairing, "euCityId", eu.id(), "naCityId", na.id(), "outcome",
						"A joint pilot on reuse centres", "completedAt", Instant.now().toString()));
	}

	/** Waits until the cities are members of a cluster. */
	void awaitMembers(String cluster, City... cities) {
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			String body = this.http.get("/api/clusters/" + cluster).body();
			for (City city : cities) {
				if (!body.contains(city.id().toString())) {
					return false;
				}
			}
			return true;
		});
	}

	private static Map<String, Object> profile(City city) {
		return Map.ofEntries(Map.entry("cityId", city.id()), Map.entry("name", city.name()),
				Map.entry("country", city.country()), Map.entry("side", city.side()), Map.entry("population", 500_000),
				Map.entry("latitude", 45.0), Map.entry("longitude", 5.0), Map.entry("languages", List.of("en")),
				Map.entry("themes", city.themes()), Map.entry("topics", List.of()), Map.entry("offers", List.of()),
				Map.entry("seeks", List.of()), Map.entry("status", "ACTIVE"));
	}

}
