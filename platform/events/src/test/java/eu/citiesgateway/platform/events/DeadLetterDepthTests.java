package eu.citiesgateway.platform.events;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The depth of the dead-letter topics when the broker cannot be reached: a scrape gets an
 * answer at once, and the read gives up after the timeout.
 */
class DeadLetterDepthTests {

	final ConsumerBindings bindings = ConsumerBindings
		.of(new MockEnvironment().withProperty("spring.cloud.stream.bindings.notes-in-0.destination", "test.notes.v1")
			.withProperty("spring.cloud.stream.bindings.notes-in-0.group", "kit-tests")
			.withProperty("spring.cloud.stream.kafka.default.consumer.enable-dlq", "true"));

	final KafkaClients unreachable = KafkaClients.of(Map.of("bootstrap.servers", "127.0.0.1:1"));

	@Test
	void anUnreachableBrokerNeverHoldsUpAScrapeAndTheReadGivesUpAfterTheTimeout() {
		MeterRegistry registry = new SimpleMeterRegistry();
		CountGauges gauges = new CountGauges(registry, Duration.ZERO);
		DeadLetterDepth depth = new DeadLetterDepth(this.unreachable, this.bindings, "kit-tests",
				Duration.ofSeconds(2));
		try {
			depth.register(gauges);

			long started = System.nanoTime();
			double value = registry.get("events.dead.letter.depth")
				.tag("topic", "error.test.notes.v1.kit-tests")
				.gauge()
				.value();

			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("far less than the broker timeout")
				.isLessThan(Duration.ofSeconds(1));
			assertThat(value).as("unknown until the broker answers").isNaN();
			long reading = System.nanoTime();
			assertThatIllegalStateException().isThrownBy(depth::count)
				.withMessageContaining("did not give the dead-letter topics' offsets");
			assertThat(Duration.ofNanos(System.nanoTime() - reading)).as("a few timeouts at most")
				.isLessThan(Duration.ofSeconds(10));
		}
		finally {
			gauges.destroy();
			depth.destroy();
		}
	}

	@Test
	void aServiceWithoutDeadLetterTopicsHasNoDepthGauge() {
		MeterRegistry registry = new SimpleMeterRegistry();
		CountGauges gauges = new CountGauges(registry, Duration.ZERO);
		new DeadLetterDepth(this.unreachable, ConsumerBindings.of(new MockEnvironment()), "registry-service",
				Duration.ofMillis(300))
			.register(gauges);

		assertThat(registry.find("events.dead.letter.depth").gauges()).isEmpty();
		gauges.destroy();
	}

}
