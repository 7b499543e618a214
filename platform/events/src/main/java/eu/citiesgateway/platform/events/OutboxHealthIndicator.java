package eu.citiesgateway.platform.events;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The outbox relay's health ({@code outbox} in {@code /actuator/health}): DOWN when the
 * relay thread of a started service has died, so events would pile up; the backlog of
 * each collection as last measured (every sweep interval) in the details.
 */
public class OutboxHealthIndicator extends AbstractHealthIndicator {

	private final OutboxRelay relay;

	public OutboxHealthIndicator(OutboxRelay relay) {
		super("Outbox health check failed");
		this.relay = relay;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		if (this.relay.isRunning() && !this.relay.isPublishing()) {
			builder.down().withDetail("relay", "the relay thread died; restart the service");
		}
		else {
			builder.up().withDetail("relay", this.relay.isRunning() ? "publishing" : "stopped");
		}
		builder.withDetail("collections", this.relay.backlog());
	}

}
