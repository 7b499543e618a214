package eu.citiesgateway.platform.events;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the event kit.
 *
 * @param service the service's short name inside CloudEvents types, e.g. {@code registry}
 * @param relay how the outbox relay works
 * @param inbox how idempotent consumers remember processed events
 */
@ConfigurationProperties("platform.events")
public record EventKitProperties(String service, @DefaultValue Relay relay, @DefaultValue Inbox inbox) {

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

}
