package eu.citiesgateway.cluster.directory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Keeps the known cities and organisations up to date from {@code registry.cities.v1}.
 * Applying an event twice, or an event older than what is stored, changes nothing.
 */
@Component
public class Directory {

	static final String PREFIX = "eu.citiesgateway.registry.";

	private static final Logger logger = LoggerFactory.getLogger(Directory.class);

	/** A tolerant reader: events may gain fields within v1. */
	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final KnownCities cities;

	private final KnownOrganisations organisations;

	Directory(KnownCities cities, KnownOrganisations organisations) {
		this.cities = cities;
		this.organisations = organisations;
	}

	/**
	 * Applies one registry event.
	 * @param type the CloudEvents type
	 * @param payload the event JSON
	 * @return what changed about a city's themes or presence, if anything did
	 * @throws IllegalArgumentException if the event is not valid JSON of its type
	 */
	public Optional<CityChange> apply(String type, byte[] payload) {
		JsonNode event = json.readTree(payload);
		switch (type) {
			case PREFIX + "CityJoined.v1" -> {
				return store(required(event, "profile"), instant(event, "joinedAt"));
			}
			case PREFIX + "CityProfileUpdated.v1" -> {
				return store(required(event, "profile"), instant(event, "updatedAt"));
			}
			case PREFIX + "CityWithdrawn.v1" -> {
				return withdraw(UUID.fromString(required(event, "cityId").asString()), instant(event, "withdrawnAt"));
			}
			case PREFIX + "OrganisationRegistered.v1" -> {
				this.organisations
					.save(new KnownOrganisation(UUID.fromString(required(event, "organisationId").asString()),
							UUID.fromString(required(event, "cityId").asString()), required(event, "name").asString(),
							required(event, "type").asString(), instant(event, "registeredAt")));
				return Optional.empty();
			}
			default -> {
				logger.debug("Ignoring {}: clusters do not use it", type);
				return Optional.empty();
			}
		}
	}

	private Optional<CityChange> store(JsonNode profile, Instant at) {
		UUID id = UUID.fromString(required(profile, "cityId").asString());
		Optional<KnownCity> existing = this.cities.findById(id);
		if (existing.isPresent() && existing.get().updatedAt().isAfter(at)) {
			return Optional.empty();
		}
		List<String> themes = new ArrayList<>();
		JsonNode list = required(profile, "themes");
		if (!list.isArray()) {
			throw new IllegalArgumentException("themes is not a list");
		}
		list.values().forEach((theme) -> themes.add(theme.asString()));
		boolean active = !"WITHDRAWN".equals(profile.path("status").asString(""))
				&& existing.map(KnownCity::active).orElse(true);
		KnownCity city = new KnownCity(id, required(profile, "name").asString(),
				required(profile, "country").asString(), required(profile, "side").asString(), List.copyOf(themes),
				active, at);
		this.cities.save(city);
		return Optional.of(new CityChange(id, city.themes(), city.active()));
	}

	private Optional<CityChange> withdraw(UUID id, Instant at) {
		Optional<KnownCity> existing = this.cities.findById(id);
		if (existing.isPresent() && !existing.get().updatedAt().isAfter(at)) {
			KnownCity city = existing.get();
			this.cities.save(new KnownCity(id, city.name(), city.country(), city.side(), city.themes(), false, at));
		}
		return Optional.of(new CityChange(id, List.of(), false));
	}

	private static Instant instant(JsonNode event, String field) {
		return Instant.parse(required(event, field).asString());
	}

	private static JsonNode required(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new IllegalArgumentException("Event without " + field);
		}
		return value;
	}

}
