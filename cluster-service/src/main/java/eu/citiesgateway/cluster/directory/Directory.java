package eu.citiesgateway.cluster.directory;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import eu.citiesgateway.platform.events.EventJson;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import static eu.citiesgateway.platform.events.EventJson.required;

/**
 * Keeps the known cities and organisations up to date from {@code registry.cities.v1}.
 * Applying an event twice, or an event older than what is stored, changes nothing. A
 * withdrawal is final, as in the registry: it is kept even when it arrives before the
 * city's joining (a dead-lettered event replayed late), and no profile read afterwards
 * makes the city active again.
 */
@Component
public class Directory {

	static final String PREFIX = "eu.citiesgateway.registry.";

	private static final Logger logger = LoggerFactory.getLogger(Directory.class);

	private final KnownCities cities;

	/** The ids of the cities whose withdrawal was read, with its time. */
	static final String WITHDRAWN_CITIES = "withdrawn_cities";

	private final KnownOrganisations organisations;

	private final MongoTemplate mongo;

	Directory(KnownCities cities, KnownOrganisations organisations, MongoTemplate mongo) {
		this.cities = cities;
		this.organisations = organisations;
		this.mongo = mongo;
	}

	/**
	 * Applies one registry event.
	 * @param type the CloudEvents type
	 * @param payload the event JSON
	 * @return what changed about a city's themes or presence, if anything did
	 * @throws IllegalArgumentException if the event is not valid JSON of its type
	 */
	public Optional<CityChange> apply(String type, byte[] payload) {
		JsonNode event = EventJson.read(payload);
		switch (type) {
			case PREFIX + "CityJoined.v1" -> {
				return store(required(event, "profile"), EventJson.instant(event, "joinedAt"));
			}
			case PREFIX + "CityProfileUpdated.v1" -> {
				return store(required(event, "profile"), EventJson.instant(event, "updatedAt"));
			}
			case PREFIX + "CityWithdrawn.v1" -> {
				return withdraw(UUID.fromString(required(event, "cityId").asString()),
						EventJson.instant(event, "withdrawnAt"));
			}
			case PREFIX + "OrganisationRegistered.v1" -> {
				this.organisations
					.save(new KnownOrganisation(UUID.fromString(required(event, "organisationId").asString()),
							UUID.fromString(required(event, "cityId").asString()), required(event, "name").asString(),
							required(event, "type").asString(), EventJson.instant(event, "registeredAt")));
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
		List<String> themes = EventJson.strings(profile, "themes");
		boolean active = !"WITHDRAWN".equals(profile.path("status").asString(""))
				&& existing.map(KnownCity::active).orElse(true)
				&& !this.mongo.exists(Query.query(Criteria.where("_id").is(id)), WITHDRAWN_CITIES);
		KnownCity city = new KnownCity(id, required(profile, "name").asString(),
				required(profile, "country").asString(), required(profile, "side").asString(), List.copyOf(themes),
				active, at);
		this.cities.save(city);
		return Optional.of(new CityChange(id, city.themes(), city.active()));
	}

	private Optional<CityChange> withdraw(UUID id, Instant at) {
		this.mongo.save(new Document("_id", id).append("withdrawnAt", Date.from(at)), WITHDRAWN_CITIES);
		this.cities.findById(id)
			.filter(KnownCity::active)
			.ifPresent((city) -> this.cities.save(new KnownCity(id, city.name(), city.country(), city.side(),
					city.themes(), false, city.updatedAt().isAfter(at) ? city.updatedAt() : at)));
		return Optional.of(new CityChange(id, List.of(), false));
	}

}
