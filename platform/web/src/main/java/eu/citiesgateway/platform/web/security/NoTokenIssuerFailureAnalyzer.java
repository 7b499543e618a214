package eu.citiesgateway.platform.web.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says how to name the token issuer when a service is started without one.
 */
public class NoTokenIssuerFailureAnalyzer extends AbstractFailureAnalyzer<NoTokenIssuerException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, NoTokenIssuerException cause) {
		return new FailureAnalysis(
				"The service checks the bearer token of every protected request, but no issuer of tokens is configured.",
				"Set spring.security.oauth2.resourceserver.jwt.issuer-uri (environment variable "
						+ "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI) to the OpenID Connect issuer of your "
						+ "identity provider, or ...jwt.jwk-set-uri to its key set. The local launcher sets it to its own "
						+ "issuer at http://localhost:9000.",
				cause);
	}

}
