package eu.citiesgateway.matching.round;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.matching.pairing.Reason;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A matching round as it was computed. It is stored, with the ids its pairings will have,
 * before the pairings are: a round interrupted half-way is {@code PLANNED} and its
 * missing pairings are written on the next sweep, so a round is never half-written for
 * long.
 *
 * @param id the round
 * @param parameters what was asked
 * @param state PLANNED until every pairing is stored, then PROPOSED
 * @param objective the sum of the proposals' scores
 * @param proposals the pairs proposed, with their explanation
 * @param belowMinimum EU cities left below the minimum, and why
 * @param summary figures of the computation
 * @param createdAt when the round ran
 */
@Document("rounds")
record Round(@Id UUID id, Parameters parameters, State state, double objective, List<ProposedPair> proposals,
		List<BelowMinimum> belowMinimum, Summary summary, Instant createdAt) {

	enum State {

		PLANNED, PROPOSED

	}

	Round proposed() {
		return new Round(this.id, this.parameters, State.PROPOSED, this.objective, this.proposals, this.belowMinimum,
				this.summary, this.createdAt);
	}

	/**
	 * A round's parameters.
	 *
	 * @param minPartners partners each EU city should get
	 * @param maxPartners partners an EU city may get at most
	 * @param naCapacity EU partners a US or Canadian city may take
	 * @param requireBothCountries whether a US and a Canadian partner per EU city are
	 * sought where feasible
	 * @param cohortCityIds the cities taking part, empty for all
	 * @param cohortThemes the themes of the round, empty for all
	 */
	record Parameters(int minPartners, int maxPartners, int naCapacity, boolean requireBothCountries,
			List<UUID> cohortCityIds, List<String> cohortThemes) {
	}

	/**
	 * A pair the round proposed.
	 *
	 * @param pairingId the pairing
	 * @param euCityId the EU city
	 * @param naCityId the US or Canadian city
	 * @param naCanadian whether the partner is Canadian
	 * @param score the pair's score
	 * @param sharedThemes the clusters both work on
	 * @param reasons the explanation of the score
	 */
	record ProposedPair(UUID pairingId, UUID euCityId, UUID naCityId, boolean naCanadian, double score,
			List<String> sharedThemes, List<Reason> reasons) {
	}

	/**
	 * An EU city left below its minimum.
	 *
	 * @param cityId the city
	 * @param partners partners it has, including those of earlier rounds
	 * @param reason why it has no more
	 */
	record BelowMinimum(String cityId, int partners, String reason) {
	}

	/**
	 * Figures of the computation.
	 *
	 * @param euCities EU cities in the round
	 * @param naCities US and Canadian cities in the round
	 * @param eligiblePairs pairs that could be proposed
	 * @param pairsConsidered pairs in the final flow network
	 * @param iterations times the flow was solved
	 * @param citiesAtMinimum EU cities that have at least the minimum after the round
	 * @param millis time to compute the round, without storing it
	 */
	record Summary(int euCities, int naCities, long eligiblePairs, int pairsConsidered, int iterations,
			int citiesAtMinimum, long millis) {
	}

}
