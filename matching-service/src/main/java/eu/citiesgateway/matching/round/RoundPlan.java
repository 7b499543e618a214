package eu.citiesgateway.matching.round;

import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import eu.citiesgateway.matching.MatchingProperties.Weights;
import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.pairing.Pairing;
import eu.citiesgateway.matching.pairing.Status;
import eu.citiesgateway.matching.round.Round.Parameters;
import eu.citiesgateway.matching.round.Round.ProposedPair;
import eu.citiesgateway.matching.round.Scoring.Profile;

/**
 * The cities of a round or a refill, what they already have, and the scores of their
 * pairs: everything needed to build the {@link MatchingProblem} and to explain its
 * {@link Solution}.
 */
/**
 * The cities of a round or refill, what they already have, and their scores.
 */
final class RoundPlan {

	/** The pairings that matter to a new round: taking slots, declined, or completed. */
	static final List<Status> RELEVANT = List.of(Status.PROPOSED, Status.CONFIRMED, Status.DECLINED, Status.COMPLETED);

	private final Parameters parameters;

	private final List<Candidate> eu;

	private final List<Candidate> na;

	private final Profile[] euProfiles;

	private final Profile[] naProfiles;

	private final Scoring scoring;

	private final int[] existing;

	private final boolean[] euHasUs;

	private final boolean[] euHasCa;

	private final int[] naTaken;

	private final BitSet excluded;

	private final Map<List<Integer>, String> past;

	private final int themeMask;

	private int[] sharingATheme;

	private int[] eligiblePerCity;

	private long eligible;

	RoundPlan(Parameters parameters, List<Candidate> eu, List<Candidate> na, Weights weights, PastPairings history,
			List<Pairing> pairings, Set<UUID> alsoExcludedPartners) {
		this.parameters = parameters;
		this.eu = eu;
		this.na = na;
		this.scoring = new Scoring(weights);
		this.euProfiles = eu.stream().map(this.scoring::profile).toArray(Profile[]::new);
		this.naProfiles = na.stream().map(this.scoring::profile).toArray(Profile[]::new);
		this.existing = new int[eu.size()];
		this.euHasUs = new boolean[eu.size()];
		this.euHasCa = new boolean[eu.size()];
		this.naTaken = new int[na.size()];
		this.excluded = new BitSet(eu.size() * na.size());
		this.themeMask = parameters.cohortThemes().isEmpty() ? 0b1111 : Scoring.themeMask(parameters.cohortThemes());
		Map<UUID, Integer> euIndex = index(eu);
		Map<UUID, Integer> naIndex = index(na);
		this.past = new HashMap<>(history.among(eu, na));
		for (Pairing pairing : pairings) {
			Integer i = euIndex.get(pairing.euCityId());
			Integer j = naIndex.get(pairing.naCityId());
			if (pairing.status().isActive()) {
				if (i != null) {
					this.existing[i]++;
					this.euHasUs[i] |= !pairing.naCanadian();
					this.euHasCa[i] |= pairing.naCanadian();
				}
				if (j != null) {
					this.naTaken[j]++;
				}
			}
			if (i != null && j != null) {
				if (pairing.status() == Status.COMPLETED) {
					this.past.putIfAbsent(List.of(i, j), "a completed pairing of this programme");
				}
				else {
					this.excluded.set(i * na.size() + j);
				}
			}
		}
		for (int i = 0; i < eu.size(); i++) {
			for (int j = 0; j < na.size(); j++) {
				if (alsoExcludedPartners.contains(na.get(j).cityId())) {
					this.excluded.set(i * na.size() + j);
				}
			}
		}
	}

	MatchingProblem problem(boolean oneSlot) {
		int euCount = this.eu.size();
		int naCount = this.na.size();
		int[] minimum = new int[euCount];
		int[] maximum = new int[euCount];
		for (int i = 0; i < euCount; i++) {
			maximum[i] = Math.max(0, this.parameters.maxPartners() - this.existing[i]);
			minimum[i] = Math.max(0, this.parameters.minPartners() - this.existing[i]);
			if (oneSlot) {
				maximum[i] = Math.min(1, maximum[i]);
				minimum[i] = maximum[i];
			}
		}
		int[] capacity = new int[naCount];
		boolean[] canadian = new boolean[naCount];
		for (int j = 0; j < naCount; j++) {
			capacity[j] = Math.max(0, this.parameters.naCapacity() - this.naTaken[j]);
			canadian[j] = this.na.get(j).canadian();
		}
		int[] units = new int[euCount * naCount];
		this.sharingATheme = new int[euCount];
		this.eligiblePerCity = new int[euCount];
		for (int i = 0; i < euCount; i++) {
			for (int j = 0; j < naCount; j++) {
				int index = i * naCount + j;
				if (!Scoring.shareATheme(this.euProfiles[i], this.naProfiles[j], this.themeMask)) {
					units[index] = MatchingProblem.NOT_ELIGIBLE;
					continue;
				}
				this.sharingATheme[i]++;
				if (this.excluded.get(index)) {
					units[index] = MatchingProblem.NOT_ELIGIBLE;
					continue;
				}
				this.eligiblePerCity[i]++;
				this.eligible++;
				units[index] = MatchingProblem.units(this.scoring.score(this.euProfiles[i], this.naProfiles[j],
						this.past.containsKey(List.of(i, j))));
			}
		}
		return new MatchingProblem(minimum, maximum, this.euHasUs, this.euHasCa, capacity, canadian, units,
				this.parameters.requireBothCountries());
	}

	ProposedPair proposed(Solution.Pair pair, UUID pairingId) {
		Profile a = this.euProfiles[pair.eu()];
		Profile b = this.naProfiles[pair.na()];
		String pastPairing = this.past.get(List.of(pair.eu(), pair.na()));
		double score = this.scoring.score(a, b, pastPairing != null);
		List<String> sharedThemes = Scoring.sharedThemes(a, b);
		return new ProposedPair(pairingId, a.city.cityId(), b.city.cityId(), b.city.canadian(), Scoring.round(score),
				sharedThemes, this.scoring.explain(a, b, pastPairing));
	}

	int[] existing() {
		return this.existing.clone();
	}

	int naCount() {
		return this.na.size();
	}

	long eligible() {
		return this.eligible;
	}

	String shortfall(int i) {
		if (this.sharingATheme[i] == 0) {
			return "No US or Canadian city in the round shares a theme with it";
		}
		if (this.eligiblePerCity[i] == 0) {
			return "Every US or Canadian city that shares a theme with it declined it before or is already its partner";
		}
		return "Capacity exhausted: all " + this.eligiblePerCity[i]
				+ " US and Canadian cities that share a theme with it already have " + this.parameters.naCapacity()
				+ " EU partners";
	}

	private static Map<UUID, Integer> index(List<Candidate> cities) {
		Map<UUID, Integer> index = new HashMap<>();
		for (int i = 0; i < cities.size(); i++) {
			index.put(cities.get(i).cityId(), i);
		}
		return index;
	}

}
