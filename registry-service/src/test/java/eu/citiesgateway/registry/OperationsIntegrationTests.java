package eu.citiesgateway.registry;

import eu.citiesgateway.platform.test.Http;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What operations and API users see besides the API itself: health, metrics, the OpenAPI
 * document.
 */
@RegistryIntegrationTest
class OperationsIntegrationTests {

	@Autowired
	Http http;

	@Test
	void healthIsUpIncludingTheStoreAndProbesAreExposed() {
		JsonNode health = this.http.get("/actuator/health").json();

		assertThat(health.get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("mongo").get("status").asString()).isEqualTo("UP");
		assertThat(health.get("components").get("outbox").get("details").get("relay").asString())
			.isEqualTo("publishing");
		assertThat(health.get("components").get("outbox").get("details").get("collections").propertyNames())
			.contains("cities");
		assertThat(this.http.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(this.http.get("/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void eventMetricsAreExposedForPrometheusTaggedWithTheApplication() {
		Http.Response created = this.http.postJson("/api/cities", """
				{"name": "Aarhus", "country": "DK", "region": "82", "population": 285273, "latitude": 56.15674,
				 "longitude": 10.21076, "languages": ["da", "en"], "themes": ["circular-economy"]}
				""".replace("Aarhus", "Aarhus " + java.util.UUID.randomUUID()));
		assertThat(created.status()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
			String metrics = this.http.get("/actuator/prometheus").body();
			assertThat(metrics).contains(
					"events_published_total{application=\"registry-service\",type=\"eu.citiesgateway.registry.CityJoined.v1\"}")
				.contains(
						"outbox_publish_latency_seconds_bucket{application=\"registry-service\",topic=\"registry.cities.v1\"")
				.contains("outbox_pending{application=\"registry-service\",collection=\"cities\"}")
				.contains("outbox_oldest_age_seconds{application=\"registry-service\",collection=\"cities\"}");
		});
	}

	@Test
	void theApiIsDescribedByAnOpenApiDocumentAndSwaggerUi() {
		Http.Response apiDocs = this.http.get("/v3/api-docs");

		assertThat(apiDocs.status()).isEqualTo(200);
		assertThat(apiDocs.json().get("paths").propertyNames()).contains("/api/cities", "/api/cities/{id}",
				"/api/cities/{id}/withdrawal", "/api/cities/import", "/api/cities/{id}/organisations");
		assertThat(this.http.get("/swagger-ui/index.html").status()).isEqualTo(200);
	}

	@Test
	void theOpenApiDocumentSaysWhichOperationsArePublicAndWhichScopeTheOthersNeed() {
		JsonNode document = this.http.anonymous().get("/v3/api-docs").json();

		JsonNode bearer = document.get("components").get("securitySchemes").get("bearer");
		assertThat(bearer.get("type").asString()).isEqualTo("http");
		assertThat(bearer.get("scheme").asString()).isEqualTo("bearer");
		JsonNode register = document.get("paths").get("/api/cities").get("post");
		assertThat(register.get("security").get(0).get("bearer").get(0).asString()).isEqualTo("registry:write");
		assertThat(register.get("responses").propertyNames()).contains("401", "403");
		assertThat(document.get("paths").get("/api/cities").get("get").get("security").isEmpty()).isTrue();
	}

}
