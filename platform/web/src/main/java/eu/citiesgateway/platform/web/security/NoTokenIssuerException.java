package eu.citiesgateway.platform.web.security;

/**
 * The service was started without an issuer of bearer tokens to trust: it would refuse
 * every protected request, so it does not start.
 */
class NoTokenIssuerException extends IllegalStateException {

	NoTokenIssuerException() {
		super("No issuer of bearer tokens is configured");
	}

}
