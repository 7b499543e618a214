package eu.citiesgateway.matching.round;

import java.util.List;

/**
 * The pairs chosen for a {@link MatchingProblem} and what they achieve.
 *
 * @param pairs the chosen pairs
 * @param fairness partners that count towards the EU cities' minimums, summed
 * @param diversity EU cities that gained a first US partner plus those that gained a
 * first Canadian partner (counted only when both countries are sought)
 * @param scoreUnits the sum of the pairs' scores, in millionths
 * @param pairsConsidered eligible pairs that were part of the final flow network
 * @param iterations times the flow was solved before no left-out pair could improve it
 */
record Solution(List<Pair> pairs, long fairness, long diversity, long scoreUnits, int pairsConsidered, int iterations) {

	/**
	 * One chosen pair.
	 *
	 * @param eu the EU city's index
	 * @param na the US or Canadian city's index
	 */
	record Pair(int eu, int na) {
	}

	/**
	 * Evaluates a set of pairs against a problem.
	 * @param problem the problem
	 * @param pairs pairs that respect its capacities
	 * @param pairsConsidered see {@link #pairsConsidered()}
	 * @param iterations see {@link #iterations()}
	 * @return the solution
	 */
	static Solution of(MatchingProblem problem, List<Pair> pairs, int pairsConsidered, int iterations) {
		int[] partners = new int[problem.euCount()];
		boolean[] us = new boolean[problem.euCount()];
		boolean[] ca = new boolean[problem.euCount()];
		long score = 0;
		for (Pair pair : pairs) {
			partners[pair.eu()]++;
			score += problem.units(pair.eu(), pair.na());
			if (problem.naCanadian()[pair.na()]) {
				ca[pair.eu()] = true;
			}
			else {
				us[pair.eu()] = true;
			}
		}
		long fairness = 0;
		long diversity = 0;
		for (int i = 0; i < problem.euCount(); i++) {
			fairness += Math.min(partners[i], problem.euMinimum()[i]);
			if (problem.bothCountries()) {
				diversity += ((us[i] && !problem.euHasUs()[i]) ? 1 : 0) + ((ca[i] && !problem.euHasCa()[i]) ? 1 : 0);
			}
		}
		return new Solution(List.copyOf(pairs), fairness, diversity, score, pairsConsidered, iterations);
	}

}
