package eu.citiesgateway.registry.city;

import java.time.Duration;
import java.util.List;

import eu.citiesgateway.platform.events.OutboxRelay;
import eu.citiesgateway.platform.test.EventContracts;
import eu.citiesgateway.platform.test.TopicRecords;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.registry.RegistryIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

@RegistryIntegrationTest
class CityEventsIntegrationTests {

	static final String TOPIC = "registry.cities.v1";

	@Autowired
	OutboxRelay relay;

	@Autowired
	Http http;

	@Test
	void registeringACityPublishesCityJoinedKeyedByTheCityWithCloudEventsHeaders() {
		String id = register(CityFixtures.lyon("Lyon-joined"));

		List<ConsumerRecord<String, String>> records = TopicRecords.await(TOPIC, (r) -> id.equals(r.key()), 1,
				Duration.ofMillis(500));

		assertThat(records).singleElement().satisfies((record) -> {
			EventContracts.assertValid(record);
			assertThat(TopicRecords.header(record, "ce_type")).isEqualTo("eu.citiesgateway.registry.CityJoined.v1");
			assertThat(TopicRecords.header(record, "ce_source")).isEqualTo("/registry-service");
			assertThat(TopicRecords.header(record, "ce_subject")).isEqualTo(id);
			assertThat(TopicRecords.header(record, "ce_specversion")).isEqualTo("1.0");
			assertThat(TopicRecords.header(record, "ce_id")).isNotBlank();
			assertThat(TopicRecords.header(record, "ce_time")).isNotBlank();
			assertThat(TopicRecords.header(record, "content-type")).isEqualTo("application/json");
			JsonNode event = JsonMapper.shared().readTree(record.value());
			assertThat(event.get("cityId").asString()).isEqualTo(id);
			assertThat(event.get("profile").get("side").asString()).isEqualTo("EU");
			assertThat(event.get("profile").get("themes").values()).extracting(JsonNode::asString)
				.containsExactly("circular-economy", "nature-based-solutions");
		});
	}

	@Test
	void updateAndWithdrawalPublishInOrderWithoutAnyContactData() {
		String id = register(CityFixtures.lyon("Lyon-lifecycle"));
		Http.Response updated = this.http.patch("/api/cities/" + id,
				"{\"population\": 530000, \"topics\": [\"urban heat\", \"Food Waste \", \"repair cafés\"],"
						+ " \"contact\": {\"name\": \"Camille Martin\", \"role\": \"Director\","
						+ " \"email\": \"camille.other@lyon.example\"}}",
				"If-Match", "\"1\"");
		assertThat(updated.status()).isEqualTo(200);
		assertThat(this.http.post("/api/cities/" + id + "/withdrawal", "application/json", "{\"reason\": \"budget\"}")
			.status()).isEqualTo(200);

		List<ConsumerRecord<String, String>> records = TopicRecords.await(TOPIC, (r) -> id.equals(r.key()), 3,
				Duration.ofSeconds(1));

		assertThat(records).extracting((r) -> TopicRecords.header(r, "ce_type"))
			.containsExactly("eu.citiesgateway.registry.CityJoined.v1",
					"eu.citiesgateway.registry.CityProfileUpdated.v1", "eu.citiesgateway.registry.CityWithdrawn.v1");
		JsonNode update = JsonMapper.shared().readTree(records.get(1).value());
		assertThat(update.get("changedFields").values()).extracting(JsonNode::asString)
			.containsExactly("population", "topics");
		assertThat(update.get("profile").get("topics").values()).extracting(JsonNode::asString)
			.containsExactly("urban heat", "food waste", "repair cafés");
		for (ConsumerRecord<String, String> record : records) {
			EventContracts.assertValid(record);
			assertThat(record.value()).doesNotContain("@").doesNotContain("Camille").doesNotContain("contact");
			record.headers().forEach((header) -> assertThat(new String(header.value())).doesNotContain("@"));
		}
	}

	@Test
	void registeringAnOrganisationPublishesOrganisationRegisteredWithoutItsContact() {
		String id = register(CityFixtures.lyon("Lyon-organisations"));
		Http.Response created = this.http.postJson("/api/cities/" + id + "/organisations",
				"{\"name\": \"Lyon Urban Lab\", \"type\": \"knowledge-partner\", \"website\": \"https://lab.example\","
						+ " \"contact\": {\"name\": \"Ada Roux\", \"role\": \"Lead\", \"email\": \"ada@lab.example\"}}");
		assertThat(created.status()).isEqualTo(201);

		List<ConsumerRecord<String, String>> records = TopicRecords.await(TOPIC, (r) -> id.equals(r.key()), 2,
				Duration.ofMillis(500));

		records.forEach(EventContracts::assertValid);
		assertThat(records).last().satisfies((record) -> {
			assertThat(TopicRecords.header(record, "ce_type"))
				.isEqualTo("eu.citiesgateway.registry.OrganisationRegistered.v1");
			assertThat(record.value()).contains("Lyon Urban Lab").doesNotContain("ada@").doesNotContain("Ada Roux");
		});
		assertThat(this.http.get("/api/cities/" + id + "/organisations")
			.json()
			.get(0)
			.get("contact")
			.get("email")
			.asString()).isEqualTo("ada@lab.example");
	}

	@Test
	void eventsWrittenWhileTheRelayIsDownAreSentAfterRecoveryInOrderAndOnce() {
		this.relay.stop();
		String id;
		try {
			id = register(CityFixtures.lyon("Lyon-outage"));
			this.http.patch("/api/cities/" + id, "{\"population\": 600000}");
			this.http.post("/api/cities/" + id + "/withdrawal", "application/json", "{}");
			assertThat(TopicRecords.readFor(TOPIC, (r) -> r.key().equals(id), Duration.ofSeconds(1))).isEmpty();
		}
		finally {
			this.relay.start();
		}

		List<ConsumerRecord<String, String>> records = TopicRecords.await(TOPIC, (r) -> id.equals(r.key()), 3,
				Duration.ofSeconds(2));

		assertThat(records).extracting((r) -> TopicRecords.header(r, "ce_type"))
			.containsExactly("eu.citiesgateway.registry.CityJoined.v1",
					"eu.citiesgateway.registry.CityProfileUpdated.v1", "eu.citiesgateway.registry.CityWithdrawn.v1");
		assertThat(records).extracting((r) -> TopicRecords.header(r, "ce_id")).doesNotHaveDuplicates();
	}

	@Test
	void theSchemasRejectAnEventThatLeaksContactData() {
		String leaking = """
				{"cityId": "5b8e8f9e-3c4a-4c1e-9d7a-2f1e0c3b4a5d", "withdrawnAt": "2026-11-27T10:00:00Z",
				 "contact": {"email": "someone@example.org"}}
				""";

		assertThat(EventContracts.violations("eu.citiesgateway.registry.CityWithdrawn.v1", leaking)).isNotEmpty();
	}

	private String register(String body) {
		Http.Response response = this.http.postJson("/api/cities", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().get("id").asString();
	}

}
