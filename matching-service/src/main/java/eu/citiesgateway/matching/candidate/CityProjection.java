package eu.citiesgateway.matching.candidate;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import eu.citiesgateway.platform.events.EventJson;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import static eu.citiesgateway.platform.events.EventJson.required;

/**
 * Keeps the {@link Candidates} up to date from the registry's events on
 * {@code registry.cities.v1}. Applying an event twice, or an event older than what is
 * stored (a replay), changes nothing. A withdrawal is final, as in the registry: it is
 * kept even when it arrives before the city's joining (a dead-lettered event replayed
 * late), and no profile read afterwards makes the city a candidate again.
 */
@Component
public class CityProjection {

	static final String JOINED = "eu.citiesgateway.registry.CityJoined.v1";

	static final String UPDATED = "eu.citiesgateway.registry.CityProfileUpdated.v1";

	static final String WITHDRAWN = "eu.citiesgateway.registry.CityWithdrawn.v1";

	private static final Logger logger = LoggerFactory.getLogger(CityProjection.class);

	/** The ids of the cities whose withdrawal was read, with its time. */
	static final String WITHDRAWN_CITIES = "withdrawn_cities";

	private final Candidates candidates;

	private final MongoTemplate mongo;

	CityProjection(Candidates candidates, MongoTemplate mongo) {
		this.candidates = candidates;
		this.mongo = mongo;
	}

	/**
	 * Applies one registry event.
	 * @param type the CloudEvents type
	 * @param payload the event JSON
	 * @return the city, when the event withdrew it from the pool
	 * @throws IllegalArgumentException if the event is not valid JSON of its type
	 */
	public Optional<UUID> apply(String type, byte[] payload) {
		JsonNode event = EventJson.read(payload);
		switch (type) {
			case JOINED -> store(profile(event), EventJson.instant(event, "joinedAt"));
			case UPDATED -> store(profile(event), EventJson.instant(event, "updatedAt"));
			case WITHDRAWN -> {
				return withdraw(UUID.fromString(required(event, "cityId").asString()),
						EventJson.instant(event, "withdrawnAt"));
			}
			default -> logger.debug("Ignoring {}: matching does not use it", type);
		}
		return Optional.empty();
	}

	private void store(CityProfile profile, Instant at) {
		Optional<Candidate> existing = this.candidates.findById(profile.cityId());
		if (existing.isPresent() && existing.get().updatedAt().isAfter(at)) {
			return;
		}
		boolean active = !"WITHDRAWN".equals(profile.status()) && existing.map(Candidate::active).orElse(true)
				&& !this.mongo.exists(Query.query(Criteria.where("_id").is(profile.cityId())), WITHDRAWN_CITIES);
		this.candidates.save(new Candidate(profile.cityId(), profile.name(), profile.country(), profile.side(),
				profile.region(), profile.population(), list(profile.languages()), list(profile.themes()),
				list(profile.topics()), list(profile.offers()), list(profile.seeks()), active, at));
	}

	private Optional<UUID> withdraw(UUID cityId, Instant at) {
		this.mongo.save(new Document("_id", cityId).append("withdrawnAt", Date.from(at)), WITHDRAWN_CITIES);
		this.candidates.findById(cityId)
			.filter(Candidate::active)
			.ifPresent((candidate) -> this.candidates
				.save(candidate.withdrawn(candidate.updatedAt().isAfter(at) ? candidate.updatedAt() : at)));
		return Optional.of(cityId);
	}

	private static CityProfile profile(JsonNode event) {
		return EventJson.convert(required(event, "profile"), CityProfile.class);
	}

	private static List<String> list(@Nullable List<String> values) {
		return (values != null) ? List.copyOf(values) : List.of();
	}

}
