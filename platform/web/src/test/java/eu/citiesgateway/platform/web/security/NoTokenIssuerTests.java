package eu.citiesgateway.platform.web.security;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A service started without an issuer of tokens to trust does not start, and says which
 * property to set.
 */
class NoTokenIssuerTests {

	@Test
	void aServiceWithoutATokenIssuerDoesNotStartAndSaysWhatToSet() {
		SpringApplication application = new SpringApplication(Service.class);
		application.setDefaultProperties(java.util.Map.of("server.port", "0", "spring.main.banner-mode", "off"));

		assertThatException().isThrownBy(application::run)
			.satisfies((ex) -> assertThat(rootCause(ex)).isInstanceOf(NoTokenIssuerException.class));
	}

	@Test
	void theFailureNamesTheIssuerProperty() {
		FailureAnalysis analysis = new NoTokenIssuerFailureAnalyzer().analyze(new NoTokenIssuerException());

		assertThat(analysis.getAction()).contains("spring.security.oauth2.resourceserver.jwt.issuer-uri")
			.contains("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI");
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && !(cause instanceof NoTokenIssuerException)) {
			cause = cause.getCause();
		}
		return cause;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Service {

	}

}
