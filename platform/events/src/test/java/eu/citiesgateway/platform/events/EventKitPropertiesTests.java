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

	@Test
	void topicSettingsThatNoAcksAllProducerCouldWriteToAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new EventKitProperties.Topics(3, (short) 1, 2))
			.withMessageContaining("min-insync-replicas (2) must not exceed")
			.withMessageContaining("replication-factor (1)");
		assertThatIllegalArgumentException().isThrownBy(() -> new EventKitProperties.Topics(0, (short) 1, 1))
			.withMessageContaining("platform.events.topics.partitions (0)");
	}

	@Test
	void theTopicDefaultsSuitASingleBrokerAndProductionValuesAreAccepted() {
		assertThatNoException().isThrownBy(() -> new EventKitProperties.Topics(3, (short) 1, 1));
		assertThatNoException().isThrownBy(() -> new EventKitProperties.Topics(6, (short) 3, 2));
	}

}
