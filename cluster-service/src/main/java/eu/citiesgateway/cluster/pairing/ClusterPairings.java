package eu.citiesgateway.cluster.pairing;

import java.util.List;
import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code pairings} collection: the confirmed pairings of each cluster.
 */
public interface ClusterPairings extends MongoRepository<ClusterPairing, String> {

	List<ClusterPairing> findByClusterId(String clusterId);

	List<ClusterPairing> findByPairingId(UUID pairingId);

}
