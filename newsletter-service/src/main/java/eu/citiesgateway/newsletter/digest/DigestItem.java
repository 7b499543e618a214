package eu.citiesgateway.newsletter.digest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Something that happened on the platform and may go into an issue. Its id is natural
 * ({@code <kind>:<aggregate id>}), so a redelivered event rewrites the same item.
 *
 * @param id {@code <kind>:<aggregate id>}
 * @param kind what happened
 * @param clusters the clusters it belongs under
 * @param occurredAt when
 * @param facts what an issue says about it: names, titles, dates (public data only)
 * @param cancelled whether a scheduled activity was called off since
 */
@Document("digest")
public record DigestItem(@Id String id, Kind kind, List<String> clusters, Instant occurredAt, Map<String, String> facts,
		boolean cancelled) {

	/** What happened. */
	public enum Kind {

		/** A city joined the programme. */
		CITY_JOINED,
		/** Two cities confirmed a pairing. */
		PAIRING_CONFIRMED,
		/** A cluster scheduled a study visit or a thematic hub session. */
		ACTIVITY_SCHEDULED,
		/** A joint pilot project was launched (scheduled). */
		PILOT_LAUNCHED,
		/** An activity took place. */
		ACTIVITY_COMPLETED

	}

}
