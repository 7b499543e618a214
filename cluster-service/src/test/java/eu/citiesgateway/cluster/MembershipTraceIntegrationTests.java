package eu.citiesgateway.cluster;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import eu.citiesgateway.platform.test.EventContracts;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.platform.test.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The trace of a registration goes on through the cluster service: the memberships it
 * makes while handling a {@code CityJoined} are published in the trace of that record.
 */
@ClusterIntegrationTest
class MembershipTraceIntegrationTests {

	static final String JOINED = "eu.citiesgateway.registry.CityJoined.v1";

	@Test
	void theMembershipsOfACityAreInTheTraceOfItsRegistration() throws Exception {
		UUID city = UUID.randomUUID();
		String trace = hex(16);

		sendCityJoined(city, "00-" + trace + "-" + hex(8) + "-01");

		List<ConsumerRecord<String, String>> joined = TopicRecords.await("clusters.memberships.v1",
				(r) -> TopicRecords.header(r, "ce_type").endsWith("MemberJoinedCluster.v1")
						&& r.value().contains(city.toString()),
				2, Duration.ZERO);
		assertThat(joined).hasSize(2)
			.allSatisfy((record) -> assertThat(TopicRecords.header(record, "traceparent"))
				.matches("00-" + trace + "-[0-9a-f]{16}-01"));
	}

	private static void sendCityJoined(UUID city, String traceparent) throws Exception {
		String json = JsonMapper.shared()
			.writeValueAsString(Map.of("cityId", city, "joinedAt", Instant.now().toString(), "profile",
					Map.ofEntries(Map.entry("cityId", city), Map.entry("name", "Ghent"), Map.entry("country", "BE"),
							Map.entry("side", "EU"), Map.entry("population", 265_086), Map.entry("latitude", 51.05),
							Map.entry("longitude", 3.72), Map.entry("languages", List.of("nl")),
							Map.entry("themes", List.of("circular-economy", "affordable-housing")),
							Map.entry("topics", List.of()), Map.entry("offers", List.of()),
							Map.entry("seeks", List.of()), Map.entry("status", "ACTIVE"))));
		assertThat(EventContracts.violations(JOINED, json)).isEmpty();
		SharedInfrastructure.declareTopics(List.of(Programme.REGISTRY));
		ProducerRecord<String, String> record = new ProducerRecord<>(Programme.REGISTRY, city.toString(), json);
		record.headers()
			.add("ce_id", bytes(UUID.randomUUID().toString()))
			.add("ce_type", bytes(JOINED))
			.add("ce_source", bytes("/registry-service"))
			.add("ce_subject", bytes(city.toString()))
			.add("ce_specversion", bytes("1.0"))
			.add("ce_time", bytes(Instant.now().toString()))
			.add("content-type", bytes("application/json"))
			.add("traceparent", bytes(traceparent));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBrokers()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(record).get();
		}
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
