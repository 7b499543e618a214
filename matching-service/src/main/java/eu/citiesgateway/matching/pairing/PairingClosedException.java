package eu.citiesgateway.matching.pairing;

import java.util.Map;

import eu.citiesgateway.platform.web.ConflictException;

/**
 * A decision on a pairing that is no longer open to it; answered with 409 and the
 * pairing's state.
 */
class PairingClosedException extends ConflictException {

	PairingClosedException(Pairing pairing, String action) {
		super("Cannot " + action + " pairing " + pairing.id() + ": it is " + pairing.status(),
				Map.of("pairingId", pairing.id(), "state", pairing.status()));
	}

}
