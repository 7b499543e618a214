package eu.citiesgateway.newsletter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import eu.citiesgateway.newsletter.subscription.AddressKeyFailureAnalyzer;
import eu.citiesgateway.newsletter.logging.MailDebugFailureAnalyzer;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service, started as it is deployed (its own JVM), refuses to start with a key that
 * is missing or published with the source code, and says why and what to do. (A short key
 * and Jakarta Mail's debug output are refused the same way: see {@code AddressesTests}
 * and {@code MailDebugCheckTests}.)
 */
class AddressKeyStartupIntegrationTests {

	@TempDir
	Path logs;

	@Test
	void withoutAKeyTheServiceDoesNotStartAndSaysWhatToSet() throws Exception {
		String output = start();

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The address key is not usable: no key is configured")
			.contains("NEWSLETTER_ADDRESSKEYS_KEYS_1=$(openssl rand -base64 48)")
			.contains("--spring.profiles.active=local");
	}

	@Test
	void theFailureAnalyzersAreRegistered() {
		assertThat(SpringFactoriesLoader.loadFactoryNames(FailureAnalyzer.class, getClass().getClassLoader()))
			.contains(AddressKeyFailureAnalyzer.class.getName(), MailDebugFailureAnalyzer.class.getName());
	}

	/**
	 * Starts the service in a JVM of its own with the embedded store and broker, waits
	 * for it to end, and gives back what it wrote.
	 */
	private String start(String... settings) throws IOException, InterruptedException {
		// the store and the broker of this JVM, should the service get as far as them
		String brokers = SharedInfrastructure.kafkaBrokers();
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", classPath(),
				NewsletterApplication.class.getName(), "--server.port=0",
				"--spring.mongodb.uri=" + SharedInfrastructure.mongoUri("startup"),
				"--spring.kafka.bootstrap-servers=" + brokers, "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
				"--" + TestTokens.PUBLIC_KEY_PROPERTY + "=" + TestTokens.publicKeyLocation(),
				"--spring.main.banner-mode=off"));
		command.addAll(List.of(settings));
		Path log = this.logs.resolve("service.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("The service neither started nor failed within 3 minutes");
		}
		String output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as(output).isNotZero();
		return output;
	}

	private static String classPath() {
		String testClassPath = System.getProperty("surefire.test.class.path");
		return (testClassPath != null) ? testClassPath : System.getProperty("java.class.path");
	}

}
