package eu.citiesgateway.matching.candidate;

import java.util.List;
import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code candidates} collection: matching's projection of the registry's cities.
 */
public interface Candidates extends MongoRepository<Candidate, UUID> {

	List<Candidate> findByActiveTrue();

}
