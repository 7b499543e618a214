package eu.citiesgateway.platform.events;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The relay's settings are checked when they are bound.
 */
class EventKitPropertiesTests {

	@Test
	void aLeaseShorterThanTwiceTheAcknowledgementTimeoutIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EventKitProperties.Relay(500, Duration.ofSeconds(2), Duration.ofSeconds(45),
					Duration.ofSeconds(30)))
			.withMessageContaining("platform.events.relay.lease")
			.withMessageContaining("ack-timeout");
	}

	@Test
	void theDefaultsAndALeaseOfTwiceTheTimeoutAreAccepted() {
		assertThatNoException().isThrownBy(() -> new EventKitProperties.Relay(500, Duration.ofSeconds(2),
				Duration.ofSeconds(60), Duration.ofSeconds(30)));
	}

}
