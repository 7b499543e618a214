package eu.citiesgateway.matching.pairing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A pairing as the API shows it.
 *
 * @param id the pairing
 * @param roundId the round that proposed it
 * @param euCityId the EU city
 * @param naCityId the US or Canadian city
 * @param status where it is in its lifecycle
 * @param score the pair's score
 * @param sharedThemes the clusters both cities work on
 * @param reasons the explanation of the score
 * @param acceptedBy the sides that accepted
 * @param declinedBy the side that declined
 * @param declineReason why it declined
 * @param outcome what came of a completed pairing
 * @param replaces the pairing whose slot this one refills
 * @param proposedAt when it was proposed
 * @param expiresAt when an unanswered proposal expires
 * @param closedAt when it was declined, expired, withdrawn or completed
 */
public record PairingView(UUID id, UUID roundId, UUID euCityId, UUID naCityId, Status status, double score,
		List<String> sharedThemes, List<Reason> reasons, List<Side> acceptedBy, @Nullable Side declinedBy,
		@Nullable String declineReason, @Nullable String outcome, @Nullable UUID replaces, Instant proposedAt,
		Instant expiresAt, @Nullable Instant closedAt) {

	public static PairingView of(Pairing pairing) {
		return new PairingView(pairing.id(), pairing.roundId(), pairing.euCityId(), pairing.naCityId(),
				pairing.status(), pairing.score(), pairing.sharedThemes(), pairing.reasons(),
				pairing.acceptedBy().stream().sorted().toList(), pairing.declinedBy(), pairing.declineReason(),
				pairing.outcome(), pairing.replaces(), pairing.proposedAt(), pairing.expiresAt(), pairing.closedAt());
	}

}
