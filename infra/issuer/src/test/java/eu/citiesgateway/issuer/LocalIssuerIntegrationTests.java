package eu.citiesgateway.issuer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local issuer's clients get tokens that the services can check the way they do in
 * production: through the issuer's OpenID discovery and key set.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class LocalIssuerIntegrationTests {

	private static final int PORT = freePort();

	private static final String ISSUER = "http://localhost:" + PORT;

	@DynamicPropertySource
	static void issuer(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("spring.security.oauth2.authorizationserver.issuer", () -> ISSUER);
	}

	@Test
	void staffGetATokenWithTheirScopesThatTheServicesCanCheck() throws Exception {
		Jwt token = decoder().decode(token("staff", "staff-secret", "").get("access_token").asString());

		assertThat(token.getIssuer()).hasToString(ISSUER);
		assertThat(token.getSubject()).isEqualTo("staff");
		assertThat(token.getClaimAsString("client_id")).isEqualTo("staff");
		assertThat(token.getClaimAsString("scope").split(" ")).containsExactlyInAnyOrder("registry:write",
				"registry:contacts", "matching:read", "matching:write", "clusters:write", "newsletter:write");
	}

	@Test
	void theOfficersAndOperationsGetTheirOwnScopeOnly() throws Exception {
		assertThat(decoder().decode(token("privacy-officer", "privacy-secret", "").get("access_token").asString())
			.getClaimAsString("scope")).isEqualTo("newsletter:privacy");
		assertThat(decoder().decode(token("ops", "ops-secret", "").get("access_token").asString())
			.getClaimAsString("scope")).isEqualTo("ops");
	}

	@Test
	void aRepresentativesTokenNamesTheCityItAskedFor() throws Exception {
		UUID city = UUID.randomUUID();
		Jwt token = decoder()
			.decode(token("city-representative", "representative-secret", "&city_id=" + city).get("access_token")
				.asString());

		assertThat(token.getClaimAsString("city_id")).isEqualTo(city.toString());
		assertThat(token.getClaimAsString("scope")).isEqualTo("pairings:decide");
	}

	@Test
	void aRepresentativesTokenWithoutAValidCityIsRefused() throws Exception {
		HttpResponse<String> missing = request("city-representative", "representative-secret", "");
		HttpResponse<String> invalid = request("city-representative", "representative-secret", "&city_id=Lyon");

		assertThat(missing.statusCode()).isEqualTo(400);
		assertThat(JsonMapper.shared().readTree(missing.body()).get("error").asString()).isEqualTo("invalid_request");
		assertThat(invalid.statusCode()).isEqualTo(400);
	}

	@Test
	void aWrongSecretOrAScopeTheClientDoesNotHaveGetsNoToken() throws Exception {
		assertThat(request("staff", "guess", "").statusCode()).isEqualTo(401);
		HttpResponse<String> overreach = request("ops", "ops-secret", "&scope=registry:write");
		assertThat(overreach.statusCode()).isEqualTo(400);
		assertThat(JsonMapper.shared().readTree(overreach.body()).get("error").asString()).isEqualTo("invalid_scope");
	}

	private static JwtDecoder decoder() {
		return JwtDecoders.fromIssuerLocation(ISSUER);
	}

	private static JsonNode token(String client, String secret, String parameters) throws Exception {
		HttpResponse<String> response = request(client, secret, parameters);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonMapper.shared().readTree(response.body());
	}

	private static HttpResponse<String> request(String client, String secret, String parameters) throws Exception {
		String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(ISSUER + "/oauth2/token"))
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials" + parameters))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
