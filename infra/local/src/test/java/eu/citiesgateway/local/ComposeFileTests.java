package eu.citiesgateway.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@code infra/docker-compose.yml} against the services: each waits for a healthy store
 * and broker, and is healthy once ready, asked on the port it listens on.
 * {@code DeploymentStartupIntegrationTests} starts each with the environment the file
 * gives it.
 */
class ComposeFileTests {

	private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

	private final ComposeFile compose = load();

	@Test
	void everyServiceWaitsForAHealthyStoreAndBroker() {
		for (LocalService service : LocalService.ALL) {
			assertThat(this.compose.dependsOn(service.name())).as(service.name())
				.contains(entry("mongo", "service_healthy"), entry("kafka", "service_healthy"));
		}
	}

	@Test
	void everyServiceIsHealthyOnceReadyAskedOnThePortItListensOn() throws IOException {
		Map<String, String> operator = Map.of("NEWSLETTER_ADDRESS_KEY", "a key");
		for (LocalService service : LocalService.ALL) {
			int port = serverPort(service);
			Map<String, String> environment = this.compose.environment(service.name(), operator);

			assertThat(this.compose.healthcheck(service.name())).as(service.name())
				.containsEntry("test", List.of("CMD", "/cnb/process/health-check"));
			assertThat(environment).as(service.name())
				.containsEntry("THC_PATH", "/actuator/health/readiness")
				.containsEntry("THC_PORT", Integer.toString(port));
			assertThat(this.compose.ports(service.name())).as(service.name()).containsExactly(port + ":" + port);
		}
	}

	@Test
	void theStoreAndTheBrokerHaveHealthChecksOfTheirOwn() {
		assertThat(this.compose.healthcheck("mongo")).containsKey("test");
		assertThat(this.compose.healthcheck("kafka")).containsKey("test");
	}

	@Test
	void theNewsletterDoesNotStartWithoutItsAddressKey() {
		assertThatIllegalStateException().isThrownBy(() -> this.compose.environment("newsletter-service", Map.of()))
			.withMessageContaining("NEWSLETTER_ADDRESS_KEY");
	}

	@Test
	void valuesAreInterpolatedAsComposeDoes() {
		Map<String, String> host = Map.of("SET", "value", "EMPTY", "");

		assertThat(ComposeFile.interpolate("${SET:-default}/${UNSET:-default}/${EMPTY:-default}", host))
			.isEqualTo("value/default/default");
		assertThat(ComposeFile.interpolate("${EMPTY-default}/${UNSET-default}/$SET/$${SET}", host))
			.isEqualTo("/default/value/${SET}");
		assertThat(ComposeFile.interpolate("${SET:?needed}", host)).isEqualTo("value");
		assertThatIllegalStateException().isThrownBy(() -> ComposeFile.interpolate("${EMPTY:?needed}", host))
			.withMessageContaining("EMPTY");
	}

	/**
	 * The port a service listens on: {@code server.port} of its {@code application.yml}.
	 */
	private static int serverPort(LocalService service) throws IOException {
		Path settings = REPOSITORY.resolve(service.module()).resolve("src/main/resources/application.yml");
		try (Reader reader = Files.newBufferedReader(settings, StandardCharsets.UTF_8)) {
			Map<?, ?> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			return (Integer) ((Map<?, ?>) yaml.get("server")).get("port");
		}
	}

	private static ComposeFile load() {
		try {
			return ComposeFile.load(REPOSITORY.resolve("infra/docker-compose.yml"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
