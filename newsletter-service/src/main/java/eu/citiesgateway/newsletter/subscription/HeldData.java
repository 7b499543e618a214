package eu.citiesgateway.newsletter.subscription;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Data about a subscriber that other parts of the service hold, so that a GDPR export
 * shows it and an erasure deletes it.
 */
public interface HeldData {

	/**
	 * The name of this data in an export.
	 * @return e.g. {@code deliveries}
	 */
	String name();

	/**
	 * What is held about a subscriber.
	 * @param subscriberId the subscriber
	 * @return the records, as plain values
	 */
	List<Map<String, Object>> export(UUID subscriberId);

	/**
	 * Deletes what is held about a subscriber.
	 * @param subscriberId the subscriber
	 */
	void erase(UUID subscriberId);

}
