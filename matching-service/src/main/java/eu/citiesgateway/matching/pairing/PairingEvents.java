package eu.citiesgateway.matching.pairing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The events of {@code matching.pairings.v1}, keyed by pairing id. Every event names both
 * cities, so a consumer needs no other source to follow a pairing.
 */
final class PairingEvents {

	private PairingEvents() {
	}

	/**
	 * A round proposed two cities as partners.
	 *
	 * @param pairingId the pairing, also the Kafka key
	 * @param roundId the round that proposed it
	 * @param euCityId the EU city
	 * @param naCityId the US or Canadian city
	 * @param score the pair's score
	 * @param sharedThemes the clusters both cities work on
	 * @param reasons the explanation of the score
	 * @param replaces the declined, expired or withdrawn pairing whose slot this refills
	 * @param proposedAt when
	 * @param expiresAt when it expires unless both sides accepted
	 */
	record PairingProposed(UUID pairingId, UUID roundId, UUID euCityId, UUID naCityId, double score,
			List<String> sharedThemes, List<Reason> reasons, @Nullable UUID replaces, Instant proposedAt,
			Instant expiresAt) {
	}

	/**
	 * One side accepted a proposal.
	 *
	 * @param pairingId the pairing
	 * @param euCityId the EU city
	 * @param naCityId the US or Canadian city
	 * @param side who accepted
	 * @param acceptedAt when
	 */
	record PairingAccepted(UUID pairingId, UUID euCityId, UUID naCityId, Side side, Instant acceptedAt) {
	}

	/**
	 * Both sides accepted: the cities are partners.
	 *
	 * @param pairingId the pairing
	 * @param euCityId the EU city
	 * @param naCityId the US or Canadian city
	 * @param sharedThemes the clusters both cities work on
	 * @param confirmedAt when the second side accepted
	 */
	record PairingConfirmed(UUID pairingId, UUID euCityId, UUID naCityId, List<String> sharedThemes,
			Instant confirmedAt) {
	}

	/**
	 * One side declined a proposal; the pair is never proposed again.
	 *
	 * @param pairingId the pairing
	 * @param euCityId the EU city
	 * @param naCityId the US or Canadian city
	 * @param side who declined
	 * @param reason why, in the words of the side
	 * @param declinedAt when
	 */
	record PairingDeclined(UUID pairingId, UUID euCityId, UUID naCityId, Side side, String reason, Instant declinedAt) {
	}

	/**
	 * A proposal was not answered in time.
	 *
	 * @param pairingId the pairing
	 * @param euCityId the EU city
	 * @param naCityId the US or Canadian city
	 * @param expiredAt when
	 */
	record PairingExpired(UUID pairingId, UUID euCityId, UUID naCityId, Instant expiredAt) {
	}

	/**
	 * A proposed or confirmed pairing ended because a city left the programme.
	 *
	 * @param pairingId the pairing
	 * @param euCityId the EU city
	 * @param naCityId the US or Canadian city
	 * @param withdrawnCityId the city that left
	 * @param withdrawnAt when
	 */
	record PairingWithdrawn(UUID pairingId, UUID euCityId, UUID naCityId, UUID withdrawnCityId, Instant withdrawnAt) {
	}

	/**
	 * A confirmed pairing was closed after the cities worked together.
	 *
	 * @param pairingId the pairing
	 * @param euCityId the EU city
	 * @param naCityId the US or Canadian city
	 * @param outcome what came of it
	 * @param completedAt when
	 */
	record PairingCompleted(UUID pairingId, UUID euCityId, UUID naCityId, String outcome, Instant completedAt) {
	}

}
