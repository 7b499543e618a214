package eu.citiesgateway.newsletter.subscription;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The {@code subscribers} collection.
 */
public interface Subscribers extends MongoRepository<Subscriber, UUID> {

	Optional<Subscriber> findByAddressHash(String addressHash);

	List<Subscriber> findByAddressHashIn(Collection<String> addressHashes);

	/**
	 * The subscription of an address, whichever key its hash was made with.
	 * @param addressHashes the address's hashes with every key
	 * @return the subscriber, if any
	 */
	default Optional<Subscriber> findByAnyHash(Collection<String> addressHashes) {
		return findByAddressHashIn(addressHashes).stream().findFirst();
	}

}
