package eu.citiesgateway.registry;

import java.time.Duration;

import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.ContainerInfrastructure;
import eu.citiesgateway.platform.test.EventContracts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registry against a real MongoDB replica set and Apache Kafka in containers. Runs
 * where a Docker engine is available; skipped elsewhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContainerInfrastructure
class ContainersIntegrationTests {

	@LocalServerPort
	int port;

	@Autowired
	KafkaContainer kafka;

	@Test
	void aRegisteredCityIsStoredInMongoDbAndAnnouncedOnKafka() {
		Http http = new Http(this.port);
		Http.Response created = http.postJson("/api/cities", """
				{"name": "Ghent", "country": "BE", "region": "VLG", "population": 231493, "latitude": 51.05,
				 "longitude": 3.71667, "languages": ["nl", "en"], "themes": ["circular-economy"]}
				""");
		assertThat(created.status()).isEqualTo(201);
		String id = created.json().get("id").asString();
		assertThat(http.get("/api/cities/" + id).status()).isEqualTo(200);

		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				java.util.Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka.getBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "containers-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(java.util.List.of("registry.cities.v1"));
			ConsumerRecord<String, String> joined = null;
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (joined == null && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (id.equals(record.key())) {
						joined = record;
					}
				}
			}
			assertThat(joined).isNotNull();
			EventContracts.assertValid(joined);
		}
	}

}
