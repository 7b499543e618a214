package eu.citiesgateway.registry.city;

import java.time.Instant;
import java.util.UUID;

import eu.citiesgateway.platform.test.AccessContract;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.web.security.Scopes;
import eu.citiesgateway.registry.RegistryIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what in the registry: the public directory without contact persons, every
 * change with {@code registry:write}, contacts with {@code registry:contacts}, and an
 * audit trail of the changes.
 */
@RegistryIntegrationTest
class AccessIntegrationTests {

	@Autowired
	Http http;

	@Test
	void everyOperationIsOnThePublicListOrNeedsItsScope() {
		AccessContract.of(this.http)
			.publicly("GET /api/cities", "GET /api/cities/{id}", "GET /api/cities/{id}/organisations",
					"GET /api/cities/{id}/organisations/{organisationId}")
			.require(Scopes.REGISTRY_WRITE, "POST /api/cities", "POST /api/cities/import",
					"POST /api/cities/{id}/withdrawal", "POST /api/cities/{id}/organisations", "PATCH /api/cities/{id}")
			.require(Scopes.OPS, "GET /api/audit")
			.verify();
	}

	@Test
	void thePublicDirectoryNeverShowsAContactPersonAndRegistryContactsShowsThem() {
		String id = register("Lyon " + UUID.randomUUID());
		Http.Response organisation = this.http.postJson("/api/cities/" + id + "/organisations", """
				{"name": "Lyon Urban Lab", "type": "knowledge-partner",
				 "contact": {"name": "Dominique Petit", "email": "dominique.petit@lab.example"}}
				""");
		assertThat(organisation.status()).isEqualTo(201);
		Http anonymous = this.http.anonymous();
		Http writer = this.http.as(TestTokens.withScopes(Scopes.REGISTRY_WRITE));
		Http staff = this.http.as(TestTokens.withScopes(Scopes.REGISTRY_CONTACTS));

		for (Http reader : new Http[] { anonymous, writer }) {
			assertThat(reader.get("/api/cities/" + id).json().has("contact")).isFalse();
			assertThat(reader.get("/api/cities?q=lyon&size=100").json().get("content").values()).isNotEmpty()
				.allSatisfy((city) -> assertThat(city.has("contact")).isFalse());
			assertThat(reader.get("/api/cities/" + id + "/organisations").json().values()).singleElement()
				.satisfies((org) -> assertThat(org.has("contact")).isFalse());
			assertThat(reader.get("/api/cities/" + id).body()).doesNotContain("@lyon.example", "Camille");
		}
		assertThat(staff.get("/api/cities/" + id).json().get("contact").get("email").asString())
			.isEqualTo("camille.martin@lyon.example");
		assertThat(
				staff.get("/api/cities/" + id + "/organisations").json().get(0).get("contact").get("name").asString())
			.isEqualTo("Dominique Petit");
		assertThat(anonymous.get("/api/cities/" + id).header("Vary")).contains("Authorization");
	}

	@Test
	void theLocationOfANewOrganisationAnswersThePublicViewAndTheStaffViewWithContacts() {
		String id = register("Villeurbanne " + UUID.randomUUID());
		Http.Response created = this.http.postJson("/api/cities/" + id + "/organisations", """
				{"name": "Villeurbanne Makers", "type": "civil-society",
				 "contact": {"name": "Sacha Leroy", "email": "sacha.leroy@makers.example"}}
				""");
		assertThat(created.status()).isEqualTo(201);
		String path = java.net.URI.create(created.header("Location")).getPath();

		Http.Response publicly = this.http.anonymous().get(path);
		Http.Response staff = this.http.as(TestTokens.withScopes(Scopes.REGISTRY_CONTACTS)).get(path);

		assertThat(publicly.status()).isEqualTo(200);
		assertThat(publicly.json().get("id").asString()).isEqualTo(created.json().get("id").asString());
		assertThat(publicly.json().get("name").asString()).isEqualTo("Villeurbanne Makers");
		assertThat(publicly.json().has("contact")).isFalse();
		assertThat(publicly.body()).doesNotContain("Sacha");
		assertThat(publicly.header("Vary")).contains("Authorization");
		assertThat(staff.json().get("contact").get("email").asString()).isEqualTo("sacha.leroy@makers.example");
		assertProblem(this.http.anonymous().get("/api/cities/" + id + "/organisations/" + UUID.randomUUID()), 404);
	}

	@Test
	void aChangeWithoutATokenIsRefusedAndChangesNothing() {
		String name = "Nantes " + UUID.randomUUID();
		Http.Response refused = this.http.anonymous().postJson("/api/cities", city(name));

		assertProblem(refused, 401);
		assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer");
		assertThat(this.http.get("/api/cities?q=" + name.replace(' ', '+'))
			.json()
			.get("page")
			.get("totalElements")
			.asInt()).isZero();
		Http.Response forbidden = this.http.as(TestTokens.withScopes(Scopes.REGISTRY_CONTACTS))
			.postJson("/api/cities", city(name));
		assertProblem(forbidden, 403);
		assertThat(forbidden.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"")
			.contains("scope=\"registry:write\"");
		assertThat(forbidden.json().get("requiredScopes").get(0).asString()).isEqualTo("registry:write");
	}

	@Test
	void theAuditTrailRecordsAWithdrawalWithTheTokensSubject() {
		Instant before = Instant.now();
		String id = register("Grenoble " + UUID.randomUUID());
		String token = TestTokens.token()
			.subject("officer-" + UUID.randomUUID())
			.scopes(java.util.List.of(Scopes.REGISTRY_WRITE))
			.claim("client_id", "programme-staff")
			.mint();
		assertThat(this.http.as(token).postJson("/api/cities/" + id + "/withdrawal", """
				{"reason": "left the programme"}
				""").status()).isEqualTo(200);

		JsonNode trail = this.http.as(TestTokens.withScopes(Scopes.OPS))
			.get("/api/audit?action=POST+/api/cities/%7Bid%7D/withdrawal&from=" + before)
			.json();
		assertThat(trail.get("content").values()).anySatisfy((record) -> {
			assertThat(record.get("target").asString()).isEqualTo(id);
			assertThat(record.get("subject").asString()).startsWith("officer-");
			assertThat(record.get("clientId").asString()).isEqualTo("programme-staff");
			assertThat(record.get("scope").asString()).isEqualTo("registry:write");
			assertThat(record.get("outcome").asInt()).isEqualTo(200);
		});
		JsonNode registrations = this.http.as(TestTokens.withScopes(Scopes.OPS))
			.get("/api/audit?action=POST+/api/cities&from=" + before)
			.json();
		assertThat(registrations.get("content").values())
			.anySatisfy((record) -> assertThat(record.get("target").asString()).isEqualTo(id));
		assertThat(registrations.toString()).doesNotContain("@lyon.example", "Grenoble");
	}

	@Test
	void theAuditTrailIsForOperationsOnly() {
		assertProblem(this.http.as(TestTokens.withEveryScopeExcept(java.util.List.of(Scopes.OPS))).get("/api/audit"),
				403);
		assertProblem(this.http.anonymous().get("/api/audit"), 401);
	}

	@Test
	void theProbesArePublicWithoutDetailsAndTheirDetailsNeedOps() {
		Http.Response readiness = this.http.anonymous().get("/actuator/health/readiness");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().has("components")).isFalse();
		assertThat(readiness.json().has("details")).isFalse();
		assertProblem(this.http.anonymous().get("/actuator/health"), 401);
		JsonNode health = this.http.as(TestTokens.withScopes(Scopes.OPS)).get("/actuator/health").json();
		assertThat(health.get("components").get("mongo").get("status").asString()).isEqualTo("UP");
	}

	private String register(String name) {
		Http.Response created = this.http.postJson("/api/cities", city(name));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	private static String city(String name) {
		return CityFixtures.lyon(name);
	}

}
