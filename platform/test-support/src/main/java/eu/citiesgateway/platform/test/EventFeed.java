package eu.citiesgateway.platform.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays another service in a test: sends CloudEvents in Kafka binary mode to the shared
 * broker exactly as the event kit publishes them, each checked against its JSON Schema
 * first, so that a consumer is tested with what the contract allows.
 */
public class EventFeed implements AutoCloseable {

	private final KafkaProducer<String, String> producer = new KafkaProducer<>(
			Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBrokers(),
					ProducerConfig.ACKS_CONFIG, "all"),
			new StringSerializer(), new StringSerializer());

	/**
	 * Sends a valid event with a new ce_id.
	 * @param topic the topic
	 * @param type the CloudEvents type, e.g.
	 * {@code eu.citiesgateway.registry.CityJoined.v1}
	 * @param key the key and subject: the aggregate id
	 * @param event the event, written as JSON
	 * @return the ce_id sent
	 */
	public String send(String topic, String type, Object key, Object event) {
		return send(topic, type, key, event, UUID.randomUUID().toString());
	}

	/**
	 * Sends a valid event with a given ce_id, as a redelivery would.
	 * @param topic the topic
	 * @param type the CloudEvents type
	 * @param key the key and subject
	 * @param event the event
	 * @param ceId the ce_id
	 * @return the ce_id
	 */
	public String send(String topic, String type, Object key, Object event, String ceId) {
		String json = JsonMapper.shared().writeValueAsString(event);
		assertThat(EventContracts.violations(type, json)).as("a valid %s: %s", type, json).isEmpty();
		return sendRaw(topic, type, key, json, ceId);
	}

	/**
	 * Sends a value as is, without checking it: for an event that gained a field within
	 * its version, or for a message that is not a valid event at all.
	 * @param topic the topic
	 * @param type the CloudEvents type
	 * @param key the key and subject
	 * @param json the value
	 * @param ceId the ce_id
	 * @return the ce_id
	 */
	public String sendRaw(String topic, String type, Object key, String json, String ceId) {
		String source = "/" + type.split("\\.")[2] + "-service";
		ProducerRecord<String, String> record = new ProducerRecord<>(topic, key.toString(), json);
		record.headers()
			.add("ce_id", bytes(ceId))
			.add("ce_type", bytes(type))
			.add("ce_source", bytes(source))
			.add("ce_subject", bytes(key.toString()))
			.add("ce_specversion", bytes("1.0"))
			.add("ce_time", bytes(Instant.now().toString()))
			.add("content-type", bytes("application/json"));
		try {
			this.producer.send(record).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		return ceId;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.producer.close();
	}

}
