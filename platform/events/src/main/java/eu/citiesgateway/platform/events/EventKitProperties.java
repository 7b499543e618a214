package eu.citiesgateway.platform.events;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event kit.
 *
 * @param service the service's short name inside CloudEvents types, e.g. {@code registry}
 * @param relay how the outbox relay works
 * @param inbox how idempotent consumers remember processed events
 * @param topics how the topics the service declares are made
 * @param owners the owner of every topic the service consumes, as the CloudEvents
 * {@code source} its events carry, e.g. {@code registry.cities.v1} →
 * {@code /registry-service}: an event with any other source is dead-lettered unprocessed
 * @param replay how a dead-letter replay runs
 */
@ConfigurationProperties("platform.events")
public record EventKitProperties(String service, @DefaultValue Relay relay, @DefaultValue Inbox inbox,
		@DefaultValue Topics topics, Map<String, String> owners, @DefaultValue Replay replay) {

	public EventKitProperties {
		owners = (owners != null) ? Map.copyOf(owners) : Map.of();
	}

	/**
	 * The outbox relay.
	 *
	 * @param batchSize documents claimed and sent together
	 * @param sweepInterval time between two sweeps of all outboxes
	 * @param lease how long the relay lease of a collection holds without renewal; after
	 * that another instance takes over the publishing
	 * @param ackTimeout how long to wait for the broker to acknowledge a send
	 */
	public record Relay(@DefaultValue("500") int batchSize, @DefaultValue("2s") Duration sweepInterval,
			@DefaultValue("60s") Duration lease, @DefaultValue("30s") Duration ackTimeout) {

		public Relay {
			// a batch may wait ack-timeout for the broker before the lease is renewed: a
			// shorter lease would let another instance take over while it still sends
			if (lease.compareTo(ackTimeout.multipliedBy(2)) < 0) {
				throw new IllegalArgumentException("platform.events.relay.lease (" + lease
						+ ") must be at least twice platform.events.relay.ack-timeout (" + ackTimeout + ")");
			}
		}

	}

	/**
	 * The memory of processed events.
	 *
	 * @param retention how long a processed event id is remembered; far longer than any
	 * redelivery
	 */
	public record Inbox(@DefaultValue("30d") Duration retention) {
	}

	/**
	 * The topics a service declares at start-up: those it publishes to and its
	 * dead-letter topics. A topic that exists already is left as it is. The defaults suit
	 * a single broker; a production cluster wants a replication factor of 3 and
	 * {@code min.insync.replicas} 2.
	 *
	 * @param partitions partitions of a new topic; a dead-letter topic gets at least as
	 * many as the topic it holds the failures of
	 * @param replicationFactor replicas of each partition of a new topic
	 * @param minInsyncReplicas replicas that must have a record before the broker
	 * acknowledges it to an {@code acks=all} producer
	 */
	public record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor,
			@DefaultValue("1") int minInsyncReplicas) {

		public Topics {
			if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1) {
				throw new IllegalArgumentException("platform.events.topics.partitions (" + partitions
						+ "), replication-factor (" + replicationFactor + ") and min-insync-replicas ("
						+ minInsyncReplicas + ") must be at least 1");
			}
			// acks=all producers could never write to such a topic
			if (minInsyncReplicas > replicationFactor) {
				throw new IllegalArgumentException("platform.events.topics.min-insync-replicas (" + minInsyncReplicas
						+ ") must not exceed platform.events.topics.replication-factor (" + replicationFactor + ")");
			}
		}

	}

	/**
	 * The dead-letter replay.
	 *
	 * @param lease how long the claim of a replay on its topic holds without renewal; the
	 * replay renews it as it goes, and another replay of the topic is refused meanwhile,
	 * on any instance
	 */
	public record Replay(@DefaultValue("60s") Duration lease) {
	}

}
