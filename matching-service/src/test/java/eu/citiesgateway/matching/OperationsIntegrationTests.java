package eu.citiesgateway.matching;

import eu.citiesgateway.platform.test.Http;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What operations see: health with the broker and the store, metrics, the API document.
 */
@MatchingIntegrationTest
class OperationsIntegrationTests {

	@Autowired
	Http http;

	@Test
	void reportsHealthyWithItsBrokerAndStore() {
		Http.Response health = this.http.get("/actuator/health");

		assertThat(health.status()).isEqualTo(200);
		assertThat(health.json().get("status").asString()).isEqualTo("UP");
	}

	@Test
	void exposesPrometheusMetricsTaggedWithTheApplication() {
		Http.Response metrics = this.http.get("/actuator/prometheus");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("application=\"matching-service\"").contains("outbox_pending");
	}

	@Test
	void publishesItsOpenApiDocument() {
		Http.Response api = this.http.get("/v3/api-docs");

		assertThat(api.status()).isEqualTo(200);
		assertThat(api.json().get("paths").propertyNames()).contains("/api/rounds", "/api/rounds/{id}", "/api/pairings",
				"/api/pairings/{id}", "/api/pairings/{id}/acceptances", "/api/pairings/{id}/declines",
				"/api/pairings/{id}/completion");
	}

	@Test
	void theOpenApiDocumentOffersEitherScopeThatAllowsADecision() {
		tools.jackson.databind.JsonNode acceptance = this.http.anonymous()
			.get("/v3/api-docs")
			.json()
			.get("paths")
			.get("/api/pairings/{id}/acceptances")
			.get("post");

		// two requirements, either of which allows it, not one requirement of both
		assertThat(acceptance.get("security").values())
			.extracting((requirement) -> requirement.get("bearer").toString())
			.containsExactly("[\"matching:write\"]", "[\"pairings:decide\"]");
	}

}
