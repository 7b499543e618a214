package eu.citiesgateway.matching.pairing;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;
import org.springframework.data.mongodb.repository.Query;

/**
 * The {@code pairings} collection. Pairings are never deleted: the declined ones are the
 * memory of pairs never to propose again.
 */
public interface Pairings extends MongoRepository<Pairing, UUID> {

	List<Pairing> findByStatusIn(Collection<Status> statuses);

	List<Pairing> findByRefillPendingTrue();

	List<Pairing> findByStatusAndExpiresAtLessThanEqual(Status status, Instant time);

	List<Pairing> findByRoundId(UUID roundId);

	@Query("{ '$or': [ { 'euCityId': ?0 }, { 'naCityId': ?0 } ], 'status': { '$in': ?1 } }")
	List<Pairing> findByCityAndStatusIn(UUID cityId, Collection<Status> statuses);

}
