package eu.citiesgateway.cluster.pairing;

import java.time.Instant;
import java.util.UUID;

import eu.citiesgateway.platform.events.EventJson;
import eu.citiesgateway.cluster.ClusterCatalog;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import static eu.citiesgateway.platform.events.EventJson.required;

/**
 * Records confirmed pairings in the clusters of their shared themes, from
 * {@code matching.pairings.v1}, and follows them until they close. Naturally idempotent:
 * each record is written whole, by id.
 */
@Component
public class PairingProjection {

	static final String PREFIX = "eu.citiesgateway.matching.";

	private static final Logger logger = LoggerFactory.getLogger(PairingProjection.class);

	private final ClusterPairings pairings;

	private final MongoTemplate mongo;

	PairingProjection(ClusterPairings pairings, MongoTemplate mongo) {
		this.pairings = pairings;
		this.mongo = mongo;
	}

	/**
	 * A pairing that closed (completed or withdrawn), whatever the clusters know of it.
	 *
	 * @param pairingId the pairing
	 * @param status COMPLETED or WITHDRAWN
	 * @param at when
	 * @param outcome what came of a completed pairing
	 */
	@Document("closed_pairings")
	record ClosedPairing(@Id UUID pairingId, String status, Instant at, @Nullable String outcome) {
	}

	/**
	 * Applies one matching event.
	 * @param type the CloudEvents type
	 * @param payload the event JSON
	 */
	public void apply(String type, byte[] payload) {
		JsonNode event = EventJson.read(payload);
		switch (type) {
			case PREFIX + "PairingConfirmed.v1" -> confirmed(event);
			case PREFIX + "PairingCompleted.v1" ->
				closed(event, "COMPLETED", "completedAt", event.path("outcome").asString(null));
			case PREFIX + "PairingWithdrawn.v1" -> closed(event, "WITHDRAWN", "withdrawnAt", null);
			default -> logger.debug("Ignoring {}: clusters record confirmed pairings only", type);
		}
	}

	private void confirmed(JsonNode event) {
		UUID pairingId = EventJson.uuid(event, "pairingId");
		for (String clusterId : EventJson.strings(event, "sharedThemes")) {
			if (ClusterCatalog.find(clusterId).isEmpty()) {
				logger.warn("Pairing {} shares an unknown theme {}; not recorded there", pairingId, clusterId);
				continue;
			}
			String id = clusterId + ":" + pairingId;
			if (!this.pairings.existsById(id)) {
				ClusterPairing pairing = new ClusterPairing(id, clusterId, pairingId, EventJson.uuid(event, "euCityId"),
						EventJson.uuid(event, "naCityId"), "CONFIRMED",
						Instant.parse(required(event, "confirmedAt").asString()), null, null);
				// a confirmation replayed from the dead-letter topic after the pairing
				// closed
				ClosedPairing closed = this.mongo.findById(pairingId, ClosedPairing.class);
				this.pairings
					.save((closed != null) ? pairing.closed(closed.status(), closed.at(), closed.outcome()) : pairing);
			}
		}
	}

	private void closed(JsonNode event, String status, String timeField, @Nullable String outcome) {
		Instant at = Instant.parse(required(event, timeField).asString());
		UUID pairingId = EventJson.uuid(event, "pairingId");
		// remembered for a confirmation that arrives later, replayed from the dead-letter
		// topic
		this.mongo.save(new ClosedPairing(pairingId, status, at, outcome));
		for (ClusterPairing pairing : this.pairings.findByPairingId(pairingId)) {
			if ("CONFIRMED".equals(pairing.status())) {
				this.pairings.save(pairing.closed(status, at, outcome));
			}
		}
	}

}
