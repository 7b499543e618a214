package eu.citiesgateway.newsletter.subscription;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code suppressions} collection: addresses never to mail again unless their owner
 * subscribes and confirms anew.
 */
public interface Suppressions extends MongoRepository<Suppression, String> {

}
