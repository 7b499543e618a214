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
		JsonNode event = EventJson.read(payload);
		String name = type.replaceFirst("^eu\\.citiesgateway\\.[a-z]+\\.", "").replaceFirst("\\.v\\d+$", "");
		switch (name) {
			case "CityJoined" -> cityJoined(event);
			case "CityProfileUpdated" -> city(required(event, "profile"));
			case "PairingConfirmed" -> pairingConfirmed(event);
			case "ActivityScheduled", "ActivityRescheduled" -> activityScheduled(event);
			case "ActivityCompleted" -> activityCompleted(event);
			case "ActivityCancelled" -> activityCancelled(event);
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
		city(profile);
		String id = required(profile, "cityId").asString();
		save(new DigestItem("city-joined:" + id, Kind.CITY_JOINED, EventJson.strings(profile, "themes"),
				Instant.parse(required(event, "joinedAt").asString()), Map.of("cityId", id, "name",
						required(profile, "name").asString(), "country", required(profile, "country").asString()),
				false));
	}

	private void city(JsonNode profile) {
		this.mongo.save(new KnownCity(UUID.fromString(required(profile, "cityId").asString()),
				required(profile, "name").asString(), required(profile, "country").asString()));
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
				Map.copyOf(facts), false));
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
		DigestItem scheduled = this.mongo.findById("activity-scheduled:" + required(event, "activityId").asString(),
				DigestItem.class);
		if (scheduled != null) {
			save(new DigestItem(scheduled.id(), scheduled.kind(), scheduled.clusters(), scheduled.occurredAt(),
					scheduled.facts(), true));
		}
	}

	private void save(DigestItem item) {
		this.mongo.save(item);
	}

}
