package eu.citiesgateway.cluster.pairing;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A confirmed pairing recorded in one cluster of a theme its two cities share.
 *
 * @param id {@code <clusterId>:<pairingId>}
 * @param clusterId the cluster
 * @param pairingId the pairing in matching-service
 * @param euCityId the EU city
 * @param naCityId the US or Canadian city
 * @param status CONFIRMED, COMPLETED or WITHDRAWN
 * @param confirmedAt when both sides accepted
 * @param closedAt when it was completed or withdrawn
 * @param outcome what came of a completed pairing
 */
@Document("pairings")
public record ClusterPairing(@Id String id, String clusterId, UUID pairingId, UUID euCityId, UUID naCityId,
		String status, Instant confirmedAt, @Nullable Instant closedAt, @Nullable String outcome) {

	ClusterPairing closed(String status, Instant at, @Nullable String outcome) {
		return new ClusterPairing(this.id, this.clusterId, this.pairingId, this.euCityId, this.naCityId, status,
				this.confirmedAt, at, outcome);
	}

}
