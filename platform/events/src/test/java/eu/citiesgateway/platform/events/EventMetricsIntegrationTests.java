package eu.citiesgateway.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.platform.test.EmbeddedInfrastructure;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.platform.test.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The kit's metrics exist before their first event, and the depth of a dead-letter topic
 * follows what is dead-lettered and replayed.
 */
@SpringBootTest
@EmbeddedInfrastructure
class EventMetricsIntegrationTests {

	static final String DEAD_LETTERS = "error.test.notes.v1.kit-tests";

	static final String NOTE = "eu.citiesgateway.test.NoteTaken.v1";

	@Autowired
	MeterRegistry meters;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	DeadLetterDepth deadLetterDepth;

	@Test
	void theCountersOfEveryTypeItsTopicsContractsDeclareAreRegistered() {
		for (String type : List.of("eu.citiesgateway.kit.ParcelPosted.v1",
				"eu.citiesgateway.kit.ParcelRelabelled.v1")) {
			assertThat(this.meters.find("events.published").tag("type", type).counter()).as(type).isNotNull();
		}
		for (String counter : List.of("events.consumed", "events.duplicates", "events.failed")) {
			assertThat(this.meters.find(counter).tag("type", NOTE).counter()).as(counter).isNotNull();
		}
		assertThat(this.meters.find("events.published").tag("type", NOTE).counter()).as("consumed, not published")
			.isNull();
		assertThat(this.meters.find("events.rejected").tag("topic", "test.notes.v1").counter()).isNotNull();
	}

	@Test
	void theDepthOfADeadLetterTopicCountsWhatNoReplayHasReachedYet() {
		assertThat(this.meters.find("events.dead.letter.depth").gauges())
			.extracting((gauge) -> gauge.getId().getTag("topic"))
			.containsExactlyInAnyOrder(DEAD_LETTERS, "error.test.notes.v1.kit-tests-copies");
		long before = this.deadLetterDepth.count().get(Tags.of("topic", DEAD_LETTERS));
		String poison = "{\"note\":\"poison-" + UUID.randomUUID() + "\"}";

		sendNote(poison);

		assertThat(TopicRecords.await(DEAD_LETTERS, (r) -> poison.equals(r.value()), 1, Duration.ZERO)).hasSize(1);
		await().untilAsserted(() -> assertThat(depth(DEAD_LETTERS)).isEqualTo(before + 1.0));

		KitTestApplication.cured.add(poison);
		WebEndpointResponse<Map<String, Object>> replay = this.deadLetters.replay(DEAD_LETTERS);

		assertThat(replay.getStatus()).isEqualTo(200);
		int failedAgain = (Integer) replay.getBody().get("failed");
		await().untilAsserted(
				() -> assertThat(depth(DEAD_LETTERS)).as("only what failed again, back at the end of the topic")
					.isEqualTo((double) failedAgain));
	}

	private double depth(String topic) {
		return this.meters.get("events.dead.letter.depth").tag("topic", topic).gauge().value();
	}

	private static void sendNote(String body) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				SharedInfrastructure.kafkaBrokers(), ProducerConfig.ACKS_CONFIG, "all");
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> record = new ProducerRecord<>("test.notes.v1", "note", body);
			record.headers()
				.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8))
				.add("ce_type", NOTE.getBytes(StandardCharsets.UTF_8))
				.add("ce_source", "/tests".getBytes(StandardCharsets.UTF_8))
				.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8))
				.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
			producer.send(record).get();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
