package eu.citiesgateway.newsletter.subscription;

/**
 * The keys of the address hashes are missing, public, too short, or do not match what is
 * stored: the service would forget suppressed addresses or protect them with a key anyone
 * knows, so it does not start.
 */
public class AddressKeyException extends IllegalStateException {

	AddressKeyException(String problem) {
		super("The address key is not usable: " + problem);
	}

}
