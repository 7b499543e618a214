package eu.citiesgateway.newsletter.digest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.platform.events.EventJson;
import eu.citiesgateway.newsletter.digest.DigestItem.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import static eu.citiesgateway.platform.events.EventJson.required;

/**
 * The material for issues, kept from the platform's events: cities that joined, pairings
 * confirmed, activities scheduled and completed, pilot projects launched. Each item is
 * written whole under a natural id, so applying an event twice changes nothing.
 */
@Component
public class Digest {

	private static final Logger logger = LoggerFactory.getLogger(Digest.class);

	private static final String REGISTRY = "eu.citiesgateway.registry.";

	private static final String MATCHING = "eu.citiesgateway.matching.";

	private static final String CLUSTERS = "eu.citiesgateway.cluster.";

	private final MongoTemplate mongo;

	Digest(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Applies one platform event.
	 * @param type the CloudEvents type
	 * @param payload the event JSON
	 */
	public void apply(String type, byte[] payload) {
		// the exact types and versions this reader knows: another version is another
		// contract
		switch (type) {
			case REGISTRY + "CityJoined.v1" -> cityJoined(EventJson.read(payload));
			case REGISTRY + "CityProfileUpdated.v1" -> {
				JsonNode event = EventJson.read(payload);
				city(required(event, "profile"), EventJson.instant(event, "updatedAt"));
			}
			case MATCHING + "PairingConfirmed.v1" -> pairingConfirmed(EventJson.read(payload));
			case CLUSTERS + "ActivityScheduled.v1", CLUSTERS + "ActivityRescheduled.v1" ->
				activityScheduled(EventJson.read(payload));
			case CLUSTERS + "ActivityCompleted.v1" -> activityCompleted(EventJson.read(payload));
			case CLUSTERS + "ActivityCancelled.v1" -> activityCancelled(EventJson.read(payload));
			default -> logger.debug("Ignoring {}: not material for issues", type);
		}
	}

	/**
	 * The items that happened in a period, oldest first, without cancelled activities.
	 * @param from the start, inclusive
	 * @param to the end, exclusive
	 * @return the items
	 */
	public List<DigestItem> between(Instant from, Instant to) {
		return this.mongo.find(Query.query(Criteria.where("occurredAt").gte(from).lt(to).and("cancelled").is(false))
			.with(Sort.by("occurredAt", "_id")), DigestItem.class);
	}

	/**
	 * The names of cities, by id.
	 * @param ids the ids
	 * @return name and country of those known
	 */
	public Map<UUID, String[]> cities(List<UUID> ids) {
		Map<UUID, String[]> names = new HashMap<>();
		for (KnownCity city : this.mongo.find(Query.query(Criteria.where("_id").in(ids)), KnownCity.class)) {
			names.put(city.id(), new String[] { city.name(), city.country() });
		}
		return names;
	}

	private void cityJoined(JsonNode event) {
		JsonNode profile = required(event, "profile");
		city(profile, EventJson.instant(event, "joinedAt"));
		String id = required(profile, "cityId").asString();
		save(new DigestItem("city-joined:" + id, Kind.CITY_JOINED, EventJson.strings(profile, "themes"),
				Instant.parse(required(event, "joinedAt").asString()), Map.of("cityId", id, "name",
						required(profile, "name").asString(), "country", required(profile, "country").asString()),
				false));
	}

	/** The city's name and country as of the event, unless a later event gave them. */
	private void city(JsonNode profile, Instant at) {
		UUID id = UUID.fromString(required(profile, "cityId").asString());
		KnownCity known = this.mongo.findById(id, KnownCity.class);
		if (known == null || known.updatedAt() == null || !known.updatedAt().isAfter(at)) {
			this.mongo.save(new KnownCity(id, required(profile, "name").asString(),
					required(profile, "country").asString(), at));
		}
	}

	private void pairingConfirmed(JsonNode event) {
		String id = required(event, "pairingId").asString();
		save(new DigestItem("pairing-confirmed:" + id, Kind.PAIRING_CONFIRMED, EventJson.strings(event, "sharedThemes"),
				Instant.parse(required(event, "confirmedAt").asString()), Map.of("euCityId",
						required(event, "euCityId").asString(), "naCityId", required(event, "naCityId").asString()),
				false));
	}

	private void activityScheduled(JsonNode event) {
		String id = required(event, "activityId").asString();
		String type = required(event, "type").asString();
		Kind kind = type.equals("pilot-project") ? Kind.PILOT_LAUNCHED : Kind.ACTIVITY_SCHEDULED;
		DigestItem earlier = this.mongo.findById("activity-scheduled:" + id, DigestItem.class);
		Instant at = (earlier != null) ? earlier.occurredAt()
				: Instant.parse(required(event, event.has("scheduledAt") ? "scheduledAt" : "rescheduledAt").asString());
		// a cancellation is final: a scheduling read again, or late, does not undo it
		boolean cancelled = earlier != null && earlier.cancelled();
		Map<String, String> facts = new HashMap<>();
		facts.put("activityId", id);
		facts.put("type", type);
		facts.put("title", required(event, "title").asString());
		facts.put("startsAt", required(event, "startsAt").asString());
		facts.put("endsAt", required(event, "endsAt").asString());
		facts.put("online", Boolean.toString(event.path("online").asBoolean(false)));
		if (event.hasNonNull("location")) {
			facts.put("location", event.get("location").asString());
		}
		save(new DigestItem("activity-scheduled:" + id, kind, List.of(required(event, "clusterId").asString()), at,
				Map.copyOf(facts), cancelled));
	}

	private void activityCompleted(JsonNode event) {
		String id = required(event, "activityId").asString();
		save(new DigestItem("activity-completed:" + id, Kind.ACTIVITY_COMPLETED,
				List.of(required(event, "clusterId").asString()),
				Instant.parse(required(event, "completedAt").asString()),
				Map.of("activityId", id, "type", required(event, "type").asString(), "title",
						required(event, "title").asString(), "outcome",
						EventJson.strings(event, "outcomes").stream().findFirst().orElse("")),
				false));
	}

	private void activityCancelled(JsonNode event) {
		String id = required(event, "activityId").asString();
		DigestItem scheduled = this.mongo.findById("activity-scheduled:" + id, DigestItem.class);
		if (scheduled != null) {
			save(new DigestItem(scheduled.id(), scheduled.kind(), scheduled.clusters(), scheduled.occurredAt(),
					scheduled.facts(), true));
		}
		else {
			// cancelled before its scheduling arrived (a late or replayed event): the
			// scheduling, when it comes, stays cancelled
			String type = required(event, "type").asString();
			save(new DigestItem("activity-scheduled:" + id,
					type.equals("pilot-project") ? Kind.PILOT_LAUNCHED : Kind.ACTIVITY_SCHEDULED,
					List.of(required(event, "clusterId").asString()), EventJson.instant(event, "cancelledAt"),
					Map.of("activityId", id, "type", type, "title", required(event, "title").asString()), true));
		}
	}

	private void save(DigestItem item) {
		this.mongo.save(item);
	}

}
