package eu.citiesgateway.newsletter.issue;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code issues} collection.
 */
public interface Issues extends MongoRepository<Issue, UUID> {

	Optional<Issue> findFirstByOrderByCoversToDesc();

	java.util.List<Issue> findByStatusAndDeliveredAtIsNull(Issue.Status status);

}
