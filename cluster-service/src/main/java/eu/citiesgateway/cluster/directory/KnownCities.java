package eu.citiesgateway.cluster.directory;

import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code cities} collection.
 */
public interface KnownCities extends MongoRepository<KnownCity, UUID> {

}
