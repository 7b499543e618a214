package eu.citiesgateway.platform.events;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageHeaders;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Only the owner of a topic publishes to it.
 */
class TopicOwnersTests {

	final TopicOwners owners = new TopicOwners(
			Map.of("registry.cities.v1", "/registry-service", "matching.pairings.v1", "/matching-service"),
			Set.of("registry.cities.v1", "matching.pairings.v1"));

	@Test
	void anEventFromItsTopicsOwnerIsAccepted() {
		assertThatNoException()
			.isThrownBy(() -> this.owners.check(headers("registry.cities.v1", "/registry-service".getBytes())));
	}

	@Test
	void anEventFromAnotherServiceIsRefusedNamingTheOwner() {
		assertThatExceptionOfType(UntrustedEventException.class)
			.isThrownBy(() -> this.owners.check(headers("registry.cities.v1", "/matching-service")))
			.withMessage("Event on registry.cities.v1 with ce_source '/matching-service' refused: only "
					+ "/registry-service publishes to registry.cities.v1")
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.topic()).isEqualTo("registry.cities.v1"));
	}

	@Test
	void anEventWithoutSourceOrFromAnUnknownTopicOrWithoutTopicIsRefused() {
		assertThatExceptionOfType(UntrustedEventException.class)
			.isThrownBy(() -> this.owners.check(headers("registry.cities.v1", null)))
			.withMessageContaining("ce_source (none)");
		assertThatExceptionOfType(UntrustedEventException.class)
			.isThrownBy(() -> this.owners.check(headers("clusters.activities.v1", "/cluster-service")))
			.withMessageContaining("has no declared owner");
		assertThatExceptionOfType(UntrustedEventException.class)
			.isThrownBy(() -> this.owners.check(headers(null, "/registry-service")))
			.withMessageContaining("topic it was read from is unknown");
	}

	@Test
	void aForgedSourceIsShownShortAndPrintable() {
		assertThatExceptionOfType(UntrustedEventException.class)
			.isThrownBy(() -> this.owners.check(headers("registry.cities.v1", "/registry-service\r\nINFO forged line")))
			.withMessageContaining("'/registry-service??INFO forged line'");
		assertThatExceptionOfType(UntrustedEventException.class)
			.isThrownBy(() -> this.owners.check(headers("registry.cities.v1", "x".repeat(10_000))))
			.withMessageContaining("x".repeat(100) + "…'")
			.withMessageNotContaining("x".repeat(101));
	}

	@Test
	void aServiceConsumingATopicWithoutADeclaredOwnerDoesNotStart() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new TopicOwners(Map.of("registry.cities.v1", "/registry-service"),
					Set.of("registry.cities.v1", "clusters.activities.v1")))
			.withMessageContaining("platform.events.owners[clusters.activities.v1]");
	}

	private static MessageHeaders headers(String topic, Object source) {
		Map<String, Object> headers = new java.util.HashMap<>();
		if (topic != null) {
			headers.put(KafkaHeaders.RECEIVED_TOPIC, topic);
		}
		if (source != null) {
			headers.put(CloudEventMessages.SOURCE, source);
		}
		return new MessageHeaders(headers);
	}

}
