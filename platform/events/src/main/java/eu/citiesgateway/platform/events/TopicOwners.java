package eu.citiesgateway.platform.events;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;

/**
 * Who may publish to each topic a service consumes: the topic's owner, named by the
 * CloudEvents {@code source} of its events ({@code platform.events.owners}). Any client
 * that can write to a topic could otherwise forge an event every consumer believes; the
 * inbox lets through only events whose {@code ce_source} is the owner of the topic they
 * were read from.
 * <p>
 * The source is a claim the producer makes. What makes it hold is the broker: where
 * clients authenticate, each service has a principal of its own and only the owner's
 * principal may write to a topic (an ACL), so only the owner can put its source on it.
 */
public final class TopicOwners {

	private static final int SHOWN = 100;

	private final Map<String, String> owners;

	/**
	 * Creates the owners of the topics a service consumes.
	 * @param owners per topic, the source of its owner, e.g. {@code /registry-service}
	 * @param consumed the topics the service consumes, each of which must have an owner
	 * @throws IllegalStateException if a consumed topic has no owner
	 */
	public TopicOwners(Map<String, String> owners, Set<String> consumed) {
		Set<String> missing = new TreeSet<>(consumed);
		missing.removeAll(owners.keySet());
		if (!missing.isEmpty()) {
			String topic = missing.iterator().next();
			throw new IllegalStateException("The owner of every topic consumed must be declared, so that only its "
					+ "events are accepted: set platform.events.owners[" + topic + "] (and likewise for " + missing
					+ ") to the CloudEvents source of the service that publishes it, e.g. /registry-service");
		}
		this.owners = Map.copyOf(owners);
	}

	/**
	 * Checks that an inbound message comes from the owner of the topic it was read from.
	 * @param headers the message headers, with the topic in
	 * {@link KafkaHeaders#RECEIVED_TOPIC} and the source in {@code ce_source}
	 * @throws UntrustedEventException if it does not
	 */
	void check(MessageHeaders headers) {
		String topic = CloudEventMessages.header(headers, KafkaHeaders.RECEIVED_TOPIC);
		String source = CloudEventMessages.header(headers, CloudEventMessages.SOURCE);
		if (topic == null) {
			throw new UntrustedEventException("unknown", "Event with ce_source " + Printable.of(source, SHOWN)
					+ " refused: the topic it was read from is unknown, so its owner cannot be checked");
		}
		String owner = this.owners.get(topic);
		if (owner == null) {
			throw new UntrustedEventException(topic,
					"Event on " + Printable.of(topic, SHOWN) + " with ce_source " + Printable.of(source, SHOWN)
							+ " refused: the topic has no declared owner (platform.events.owners)");
		}
		if (!owner.equals(source)) {
			throw new UntrustedEventException(topic, "Event on " + topic + " with ce_source "
					+ Printable.of(source, SHOWN) + " refused: only " + owner + " publishes to " + topic);
		}
	}

	/**
	 * The owner of a topic.
	 * @param topic the topic
	 * @return its owner's source, or {@code null} if it has none
	 */
	public @Nullable String ownerOf(String topic) {
		return this.owners.get(topic);
	}

}
