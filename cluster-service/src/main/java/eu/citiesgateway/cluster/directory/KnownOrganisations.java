package eu.citiesgateway.cluster.directory;

import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code organisations} collection.
 */
public interface KnownOrganisations extends MongoRepository<KnownOrganisation, UUID> {

}
