package eu.citiesgateway.matching.round;

import java.util.Map;

import eu.citiesgateway.platform.web.ConflictException;

/**
 * Another round or refill held the matching lease for too long; answered with 409.
 */
class RoundBusyException extends ConflictException {

	RoundBusyException() {
		super("Another matching round is running; try again when it has finished", Map.of());
	}

}
