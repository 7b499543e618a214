package eu.citiesgateway.newsletter.subscription;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Says how to set the keys of the address hashes when the service cannot start with them.
 */
public class AddressKeyFailureAnalyzer extends AbstractFailureAnalyzer<AddressKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AddressKeyException cause) {
		return new FailureAnalysis(cause.getMessage() + ". The newsletter finds addresses, and remembers "
				+ "suppressed ones, by their HMAC with a secret key: a missing, public or short key would forget "
				+ "them or let anyone holding the hashes find them again.",
				"Set a random secret of at least " + Addresses.MIN_KEY_BYTES + " bytes under an id, for example "
						+ "NEWSLETTER_ADDRESSKEYS_KEYS_1=$(openssl rand -base64 48), and, with several keys, "
						+ "NEWSLETTER_ADDRESSKEYS_CURRENT to the id that hashes new addresses. Never change the value "
						+ "of a key once addresses are hashed with it: add a new key under a new id and make it "
						+ "current (newsletter-service/README.md, Rotating the address key). On a developer machine, "
						+ "run with the profile local (--spring.profiles.active=local), which brings its own key.",
				cause);
	}

}
