package eu.citiesgateway.cluster.activity;

import java.util.List;
import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code activities} collection.
 */
public interface Activities extends MongoRepository<Activity, UUID> {

	List<Activity> findByClusterId(String clusterId);

}
