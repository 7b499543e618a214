package eu.citiesgateway.registry;

import java.util.List;
import java.util.UUID;

import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.PrometheusScrape;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.web.security.Scopes;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The registry's metrics, as Prometheus scrapes them: every series exists at 0 from the
 * start (a context of its own, on an empty database) and moves with what staff do.
 */
@RegistryIntegrationTest
@TestPropertySource(properties = "platform.metrics.max-age=0s")
class MetricsIntegrationTests {

	static final List<String> TYPES = List.of("CityJoined", "CityProfileUpdated", "CityWithdrawn",
			"OrganisationRegistered");

	static final List<String> THEMES = List.of("nature-based-solutions", "circular-economy",
			"digital-inclusive-innovation", "affordable-housing");

	@Autowired
	Http http;

	@Test
	void everySeriesExistsAtZeroFromTheStartAndMovesWhenACityJoinsAndWithdraws() {
		PrometheusScrape start = scrape();

		for (String type : TYPES) {
			assertThat(start.value("events_published_total", "application", "registry-service", "type",
					"eu.citiesgateway.registry." + type + ".v1"))
				.as(type)
				.hasValue(0.0);
		}
		for (String side : List.of("EU", "NA")) {
			for (String theme : THEMES) {
				assertThat(start.value("registry_cities", "side", side, "theme", theme)).as(side + " " + theme)
					.hasValue(0.0);
			}
		}

		Http.Response joined = this.http.postJson("/api/cities", """
				{"name": "Aarhus %s", "country": "DK", "region": "Central Denmark", "population": 285273,
				 "latitude": 56.15674, "longitude": 10.21076, "languages": ["da", "en"],
				 "themes": ["circular-economy", "nature-based-solutions"]}
				""".formatted(UUID.randomUUID()));
		assertThat(joined.status()).isEqualTo(201);

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.value("registry_cities", "side", "EU", "theme", "circular-economy")).hasValue(1.0);
			assertThat(after.value("registry_cities", "side", "EU", "theme", "nature-based-solutions")).hasValue(1.0);
			assertThat(after.value("registry_cities", "side", "EU", "theme", "affordable-housing")).hasValue(0.0);
			assertThat(after.value("events_published_total", "type", "eu.citiesgateway.registry.CityJoined.v1"))
				.hasValue(1.0);
			assertThat(after.series("http_server_requests_seconds_bucket", "uri", "/api/cities", "method", "POST"))
				.as("the HTTP histogram is on by default")
				.isNotEmpty();
		});

		String id = joined.json().get("id").asString();
		assertThat(this.http.postJson("/api/cities/" + id + "/withdrawal", "{}").status()).isEqualTo(200);

		await().untilAsserted(() -> {
			PrometheusScrape after = scrape();
			assertThat(after.value("registry_cities", "side", "EU", "theme", "circular-economy")).hasValue(0.0);
			assertThat(after.value("events_published_total", "type", "eu.citiesgateway.registry.CityWithdrawn.v1"))
				.hasValue(1.0);
		});
	}

	private PrometheusScrape scrape() {
		Http.Response answer = this.http.as(TestTokens.withScopes(Scopes.OPS)).get("/actuator/prometheus");
		assertThat(answer.status()).isEqualTo(200);
		return PrometheusScrape.of(answer.body());
	}

}
