package eu.citiesgateway.cluster;

import java.time.Duration;
import java.util.UUID;

import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TopicRecords;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operations and the other services see: health, metrics, the API document, the four
 * clusters, and the consumers' dead-letter topics.
 */
@ClusterIntegrationTest
class OperationsIntegrationTests {

	@Autowired
	Http http;

	@Autowired
	EventFeed feed;

	@Test
	void reportsHealthyAndExposesMetricsAndItsApiDocument() {
		assertThat(this.http.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
		assertThat(this.http.get("/actuator/prometheus").body()).contains("application=\"cluster-service\"");
		assertThat(this.http.get("/v3/api-docs").json().get("paths").propertyNames()).contains("/api/clusters",
				"/api/clusters/{id}", "/api/clusters/{clusterId}/members", "/api/clusters/{clusterId}/activities",
				"/api/activities", "/api/activities/{id}", "/api/activities/{id}/completion",
				"/api/activities/{id}/cancellation", "/api/clusters/{id}/calendar.ics",
				"/api/cities/{id}/calendar.ics");
	}

	@Test
	void theFourClustersAreThereFromTheStartInEnglishAndFrench() {
		JsonNode clusters = this.http.get("/api/clusters").json();

		assertThat(clusters.values()).extracting((c) -> c.get("id").asString())
			.containsExactly("nature-based-solutions", "circular-economy", "digital-inclusive-innovation",
					"affordable-housing");
		assertThat(clusters.get(1).get("name").get("fr").asString()).isEqualTo("Économie circulaire");
		assertThat(clusters.values())
			.allSatisfy((c) -> assertThat(c.get("description").get("fr").asString()).isNotBlank());
	}

	@Test
	void aPairingEventThatCannotBeReadIsDeadLetteredAndTheNextIsProcessed() {
		UUID pairing = UUID.randomUUID();
		String poison = "{\"pairingId\": \"" + pairing + "\", \"sharedThemes\": [\"circular-economy\"]}";
		this.feed.sendRaw(Programme.MATCHING, "eu.citiesgateway.matching.PairingConfirmed.v1", pairing, poison,
				UUID.randomUUID().toString());
		Programme programme = new Programme(this.feed, this.http);
		Programme.City lyon = programme.joined("Lyon", "FR", "circular-economy");
		Programme.City quebec = programme.joined("Québec", "CA", "circular-economy");
		UUID next = UUID.randomUUID();
		this.feed.sendRaw(Programme.MATCHING, "eu.citiesgateway.matching.PairingConfirmed.v1", pairing,
				"{\"pairingId\": \"%s\", \"euCityId\": \"%s\", \"naCityId\": \"%s\", \"sharedThemes\": [\"circular-economy\"], \"confirmedAt\": \"2026-11-27T10:00:00Z\", \"addedLater\": true}"
					.formatted(next, lyon.id(), quebec.id()),
				UUID.randomUUID().toString());

		assertThat(TopicRecords.await("error.matching.pairings.v1.cluster-service", (r) -> poison.equals(r.value()), 1,
				Duration.ZERO))
			.hasSize(1);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.http.get("/api/clusters/circular-economy").body().contains(next.toString()));
	}

}
