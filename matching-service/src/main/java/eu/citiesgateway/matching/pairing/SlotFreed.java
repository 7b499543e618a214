package eu.citiesgateway.matching.pairing;

import java.util.UUID;

/**
 * Published in-process when a pairing that held a slot of a staying EU city ended:
 * declined, expired, or withdrawn by its partner. Its {@code refillPending} flag is
 * stored with the change, so a refill missed here is found by the next sweep.
 *
 * @param pairingId the pairing that ended
 */
public record SlotFreed(UUID pairingId) {

}
