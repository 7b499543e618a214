package eu.citiesgateway.matching.pairing;

import java.util.List;
import java.util.UUID;

/**
 * A pair a round chose, with its explanation, before it is stored as a {@link Pairing}.
 *
 * @param pairingId the id the pairing will have
 * @param euCityId the EU city
 * @param naCityId the US or Canadian city
 * @param naCanadian whether the partner is Canadian
 * @param score the pair's score
 * @param sharedThemes the clusters both cities work on
 * @param reasons the explanation of the score
 */
public record Proposal(UUID pairingId, UUID euCityId, UUID naCityId, boolean naCanadian, double score,
		List<String> sharedThemes, List<Reason> reasons) {

}
