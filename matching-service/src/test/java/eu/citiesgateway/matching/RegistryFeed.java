package eu.citiesgateway.matching;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.platform.test.EventFeed;

/**
 * Plays the registry: sends CloudEvents to {@code registry.cities.v1} exactly as
 * registry-service does, each checked against the registry's schema first (the consumer
 * side of the contract).
 */
public class RegistryFeed implements AutoCloseable {

	static final String TOPIC = "registry.cities.v1";

	private final EventFeed feed = new EventFeed();

	/**
	 * A city's public profile, as the registry publishes it.
	 */
	public record City(UUID cityId, String name, String country, String side, String region, long population,
			double latitude, double longitude, List<String> languages, List<String> themes, List<String> topics,
			List<String> offers, List<String> seeks, String website, String status) {

		public static City eu(String name, String country, long population, List<String> languages, List<String> themes,
				List<String> offers, List<String> seeks) {
			return new City(UUID.randomUUID(), name, country, "EU", null, population, 45, 5, languages, themes,
					List.of("urban heat"), offers, seeks, null, "ACTIVE");
		}

		public static City na(String name, String country, long population, List<String> languages, List<String> themes,
				List<String> offers, List<String> seeks) {
			return new City(UUID.randomUUID(), name, country, "NA", null, population, 45, -75, languages, themes,
					List.of("urban heat"), offers, seeks, null, "ACTIVE");
		}

	}

	/**
	 * Sends {@code CityJoined}.
	 * @param city the city
	 * @return the ce_id sent
	 */
	public String joined(City city) {
		return send("CityJoined", city.cityId(),
				Map.of("cityId", city.cityId(), "profile", city, "joinedAt", Instant.now().toString()));
	}

	/**
	 * Sends {@code CityWithdrawn}.
	 * @param city the city
	 * @return the ce_id sent
	 */
	public String withdrawn(City city) {
		return send("CityWithdrawn", city.cityId(),
				Map.of("cityId", city.cityId(), "withdrawnAt", Instant.now().toString()));
	}

	/**
	 * Sends an event again with the same ce_id, as a redelivery would.
	 * @param name the event name
	 * @param cityId the key
	 * @param event the payload
	 * @param ceId the ce_id
	 * @return the ce_id
	 */
	public String send(String name, UUID cityId, Object event, String ceId) {
		return this.feed.send(TOPIC, "eu.citiesgateway.registry." + name + ".v1", cityId, event, ceId);
	}

	/**
	 * Sends a value as is, without checking it against the schema: for a v1 event that
	 * gained a field, or for a message that is not a valid event at all.
	 * @param type the CloudEvents type
	 * @param cityId the key
	 * @param json the value
	 * @param ceId the ce_id
	 * @return the ce_id
	 */
	public String sendRaw(String type, UUID cityId, String json, String ceId) {
		return this.feed.sendRaw(TOPIC, type, cityId, json, ceId);
	}

	private String send(String name, UUID cityId, Object event) {
		return send(name, cityId, event, UUID.randomUUID().toString());
	}

	@Override
	public void close() {
		this.feed.close();
	}

}
