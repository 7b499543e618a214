package eu.citiesgateway.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local platform as its README describes it, with the registry and the token issuer
 * built by this build: the printed command gets a staff token from the issuer, and the
 * registry takes a city with that token and refuses it without one.
 */
class LocalPlatformIntegrationTests {

	@TempDir
	static Path home;

	private static LocalPlatform platform;

	private static final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void start() throws Exception {
		LaunchOptions options = LaunchOptions.parse(new String[] { "--services=registry-service", "--no-demo-data",
				"--kafka-port=" + freePort(), "--mongo-port=" + freePort(), "--mail-port=" + freePort() }, Map.of());
		platform = new LocalPlatform(options, Path.of("../..").toAbsolutePath().normalize(), home);
		platform.start();
		assertThat(platform.problems()).as("what did not start").isEmpty();
	}

	@AfterAll
	static void stop() {
		if (platform != null) {
			platform.stop();
		}
	}

	@Test
	void thePrintedCommandGetsAStaffTokenThatRegistersACityWhichNeedsOne() throws Exception {
		String token = shell(LocalPlatform.TOKEN_COMMAND + " && printf %s \"$TOKEN\"");
		assertThat(token).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
		String city = """
				{"name": "Lyon %s", "country": "FR", "region": "Auvergne-Rhône-Alpes", "population": 522250,
				 "latitude": 45.764, "longitude": 4.8357, "languages": ["fr", "en"], "themes": ["circular-economy"]}
				""".formatted(UUID.randomUUID());

		HttpResponse<String> refused = register(city, null);
		HttpResponse<String> registered = register(city, token);

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying((challenge) -> assertThat(challenge).startsWith("Bearer"));
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
	}

	@Test
	void aRepresentativesTokenNamesItsCity() throws Exception {
		UUID city = UUID.randomUUID();
		String answer = shell("curl -s -u city-representative:representative-secret -d grant_type=client_credentials"
				+ " -d city_id=" + city + " " + LocalService.ISSUER.url() + "/oauth2/token");

		assertThat(answer).contains("\"access_token\"");
		String payload = answer.replaceAll(".*\"access_token\":\"[^.]+\\.([^.]+)\\..*", "$1");
		assertThat(new String(java.util.Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8))
			.contains("\"city_id\":\"" + city + "\"")
			.contains("\"scope\":\"pairings:decide\"");
	}

	private static HttpResponse<String> register(String city, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(LocalService.REGISTRY.url() + "/api/cities"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(city));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String shell(String command) throws Exception {
		Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output.strip();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
