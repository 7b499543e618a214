package eu.citiesgateway.matching.round;

import java.util.Arrays;

/**
 * A round in numbers, as the {@link Optimiser} sees it: EU cities {@code 0..euCount-1},
 * US and Canadian cities {@code 0..naCount-1}, what each may still take, and the score of
 * every pair that may be proposed.
 *
 * @param euMinimum partners each EU city still needs to reach the minimum
 * @param euMaximum partners each EU city may still get
 * @param euHasUs whether each EU city already has a US partner
 * @param euHasCa whether each EU city already has a Canadian partner
 * @param naCapacity EU partners each US or Canadian city may still take
 * @param naCanadian whether each US or Canadian city is Canadian
 * @param units the score of each pair in millionths, row-major
 * ({@code eu * naCount + na}), or {@link #NOT_ELIGIBLE}
 * @param bothCountries whether a US and a Canadian partner per EU city are sought
 */
record MatchingProblem(int[] euMinimum, int[] euMaximum, boolean[] euHasUs, boolean[] euHasCa, int[] naCapacity,
		boolean[] naCanadian, int[] units, boolean bothCountries) {

	/** Marks a pair that must not be proposed. */
	static final int NOT_ELIGIBLE = Integer.MIN_VALUE;

	/** Score units per 1.0 of score. */
	static final int UNITS = 1_000_000;

	MatchingProblem {
		int eu = euMinimum.length;
		int na = naCapacity.length;
		if (euMaximum.length != eu || euHasUs.length != eu || euHasCa.length != eu || naCanadian.length != na
				|| units.length != eu * na) {
			throw new IllegalArgumentException("Inconsistent problem sizes");
		}
		for (int i = 0; i < eu; i++) {
			if (euMinimum[i] < 0 || euMaximum[i] < euMinimum[i]) {
				throw new IllegalArgumentException(
						"EU city " + i + ": minimum " + euMinimum[i] + ", maximum " + euMaximum[i]);
			}
		}
		if (Arrays.stream(naCapacity).anyMatch((c) -> c < 0)) {
			throw new IllegalArgumentException("Negative capacity");
		}
	}

	int euCount() {
		return this.euMinimum.length;
	}

	int naCount() {
		return this.naCapacity.length;
	}

	boolean eligible(int eu, int na) {
		return this.units[eu * naCount() + na] != NOT_ELIGIBLE;
	}

	int units(int eu, int na) {
		return this.units[eu * naCount() + na];
	}

	static int units(double score) {
		return (int) Math.round(score * UNITS);
	}

}
