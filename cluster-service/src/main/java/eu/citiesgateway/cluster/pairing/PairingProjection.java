package eu.citiesgateway.cluster.pairing;

import java.time.Instant;
import java.util.UUID;

import eu.citiesgateway.cluster.ClusterCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Records confirmed pairings in the clusters of their shared themes, from
 * {@code matching.pairings.v1}, and follows them until they close. Naturally idempotent:
 * each record is written whole, by id.
 */
@Component
public class PairingProjection {

	static final String PREFIX = "eu.citiesgateway.matching.";

	private static final Logger logger = LoggerFactory.getLogger(PairingProjection.class);

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final ClusterPairings pairings;

	PairingProjection(ClusterPairings pairings) {
		this.pairings = pairings;
	}

	/**
	 * Applies one matching event.
	 * @param type the CloudEvents type
	 * @param payload the event JSON
	 */
	public void apply(String type, byte[] payload) {
		JsonNode event = json.readTree(payload);
		switch (type) {
			case PREFIX + "PairingConfirmed.v1" -> confirmed(event);
			case PREFIX + "PairingCompleted.v1" ->
				closed(event, "COMPLETED", "completedAt", event.path("outcome").asString(null));
			case PREFIX + "PairingWithdrawn.v1" -> closed(event, "WITHDRAWN", "withdrawnAt", null);
			default -> logger.debug("Ignoring {}: clusters record confirmed pairings only", type);
		}
	}

	private void confirmed(JsonNode event) {
		UUID pairingId = uuid(event, "pairingId");
		JsonNode themes = required(event, "sharedThemes");
		if (!themes.isArray()) {
			throw new IllegalArgumentException("sharedThemes is not a list");
		}
		for (JsonNode theme : themes.values()) {
			String clusterId = theme.asString();
			if (ClusterCatalog.find(clusterId).isEmpty()) {
				logger.warn("Pairing {} shares an unknown theme {}; not recorded there", pairingId, clusterId);
				continue;
			}
			String id = clusterId + ":" + pairingId;
			if (!this.pairings.existsById(id)) {
				this.pairings
					.save(new ClusterPairing(id, clusterId, pairingId, uuid(event, "euCityId"), uuid(event, "naCityId"),
							"CONFIRMED", Instant.parse(required(event, "confirmedAt").asString()), null, null));
			}
		}
	}

	private void closed(JsonNode event, String status, String timeField, String outcome) {
		Instant at = Instant.parse(required(event, timeField).asString());
		for (ClusterPairing pairing : this.pairings.findByPairingId(uuid(event, "pairingId"))) {
			if ("CONFIRMED".equals(pairing.status())) {
				this.pairings.save(pairing.closed(status, at, outcome));
			}
		}
	}

	private static UUID uuid(JsonNode event, String field) {
		return UUID.fromString(required(event, field).asString());
	}

	private static JsonNode required(JsonNode event, String field) {
		JsonNode value = event.get(field);
		if (value == null || value.isNull()) {
			throw new IllegalArgumentException("Event without " + field);
		}
		return value;
	}

}
