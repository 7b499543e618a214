package eu.citiesgateway.newsletter.subscription;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code subscribers} collection.
 */
public interface Subscribers extends MongoRepository<Subscriber, UUID> {

	Optional<Subscriber> findByAddressHash(String addressHash);

}
