package eu.citiesgateway.platform.test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
 * first, so that a consumer is tested with what the contract allows. An event carries the
 * {@code ce_source} of its topic's owner (see {@link #ownerOf}), unless a test sends it
 * as someone else ({@link #sendAs}) to show that consumers refuse it. A topic is declared
 * before the first event is sent to it, as its owner would have.
 */
public class EventFeed implements AutoCloseable {

	/** The owner of each topic of the platform, as its events name it. */
	private static final Map<String, String> OWNERS = Map.of("registry.cities.v1", "/registry-service",
			"matching.pairings.v1", "/matching-service", "clusters.memberships.v1", "/cluster-service",
			"clusters.activities.v1", "/cluster-service", "newsletter.issues.v1", "/newsletter-service");

	private final Set<String> declared = ConcurrentHashMap.newKeySet();

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
		return sendAs(ownerOf(topic, type), topic, type, key, event, ceId);
	}

	/**
	 * Sends a valid event as someone else than the topic's owner would: a forgery, which
	 * consumers must refuse.
	 * @param source the {@code ce_source} to send, e.g. {@code /someone-else}
	 * @param topic the topic
	 * @param type the CloudEvents type
	 * @param key the key and subject
	 * @param event the event
	 * @param ceId the ce_id
	 * @return the ce_id
	 */
	public String sendAs(String source, String topic, String type, Object key, Object event, String ceId) {
		String json = JsonMapper.shared().writeValueAsString(event);
		assertThat(EventContracts.violations(type, json)).as("a valid %s: %s", type, json).isEmpty();
		return sendRaw(source, topic, type, key, json, ceId);
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
		return sendRaw(ownerOf(topic, type), topic, type, key, json, ceId);
	}

	/**
	 * The {@code ce_source} of the owner of a topic: the service that publishes it.
	 * @param topic a topic of the platform, e.g. {@code registry.cities.v1}
	 * @param type the type of an event on it, e.g.
	 * {@code eu.citiesgateway.registry.CityJoined.v1}, which names the owner of a topic
	 * outside the platform's
	 * @return e.g. {@code /registry-service}
	 */
	public static String ownerOf(String topic, String type) {
		String owner = OWNERS.get(topic);
		return (owner != null) ? owner : "/" + type.split("\\.")[2] + "-service";
	}

	private String sendRaw(String source, String topic, String type, Object key, String json, String ceId) {
		if (this.declared.add(topic)) {
			SharedInfrastructure.declareTopics(List.of(topic));
		}
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
