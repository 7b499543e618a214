package eu.citiesgateway.platform.events;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
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

	/**
	 * The variables {@code infra/k8s/platform-config.yaml} sets, bound as Spring Boot
	 * binds the environment of a process: a misspelt name would leave the single-broker
	 * defaults in place without a word.
	 */
	@Test
	void theKubernetesTopicSettingsBindFromTheEnvironment() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("PLATFORM_EVENTS_TOPICS_REPLICATIONFACTOR", "3", "PLATFORM_EVENTS_TOPICS_MININSYNCREPLICAS",
							"2")));

		EventKitProperties.Topics topics = Binder.get(environment)
			.bind("platform.events.topics", EventKitProperties.Topics.class)
			.get();

		assertThat(topics).isEqualTo(new EventKitProperties.Topics(3, (short) 3, 2));
	}

}
