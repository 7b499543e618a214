package eu.citiesgateway.matching.round;

import java.util.List;
import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code rounds} collection.
 */
interface Rounds extends MongoRepository<Round, UUID> {

	List<Round> findByState(Round.State state);

}
