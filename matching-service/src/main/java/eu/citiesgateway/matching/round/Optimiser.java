package eu.citiesgateway.matching.round;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Finds the best set of pairs of a {@link MatchingProblem}: an exact maximum of, in this
 * order of priority,
 * <ol>
 * <li><b>fairness</b>: the partners that bring EU cities up to their minimum, summed over
 * the cities, so that no city gets an extra partner while another could have been brought
 * closer to its minimum;</li>
 * <li><b>country diversity</b> (when asked for): the EU cities that get a US partner plus
 * those that get a Canadian partner;</li>
 * <li><b>score</b>: the sum of the scores of the pairs;</li>
 * </ol>
 * under the capacities. It is a b-matching solved as a minimum-cost flow: source → EU
 * city (a first arc for the minimum, worth a fairness bonus, a second for the extra
 * partners) → the city's US or Canadian side (a first arc worth a diversity bonus) → the
 * US or Canadian city → sink (its capacity). The bonuses are large enough that each level
 * strictly dominates the next.
 * <p>
 * A full round has about a million eligible pairs. The flow is solved on a few dozen best
 * pairs per city, then every left-out pair is priced against the optimality certificate
 * ({@link MinCostFlow#certificate}); pairs that could improve the flow are added, the
 * flow is re-optimised from where it stood ({@link MinCostFlow#reoptimise}), and the
 * pricing repeats until no left-out pair can improve it. The result is therefore optimal
 * over all pairs.
 */
final class Optimiser {

	private static final int SOURCE = 0;

	private static final int SINK = 1;

	private Optimiser() {
	}

	/**
	 * Solves a problem.
	 * @param problem the round in numbers
	 * @return the chosen pairs and the figures of the solution
	 */
	static Solution solve(MatchingProblem problem) {
		return solve(problem, true);
	}

	/**
	 * Solves a problem, on a pruned network or on all eligible pairs at once.
	 * @param problem the round in numbers
	 * @param prune whether to start from the best few pairs per city and price the rest
	 * @return the chosen pairs and the figures of the solution
	 */
	static Solution solve(MatchingProblem problem, boolean prune) {
		int eu = problem.euCount();
		int na = problem.naCount();
		BitSet included = prune ? initialPairs(problem) : allPairs(problem);
		Network network = new Network(problem, included);
		network.flow.solve(SOURCE, SINK);
		int iterations = 1;
		while (true) {
			long[] p = network.flow.certificate(SOURCE, SINK);
			List<Integer> added = new ArrayList<>();
			for (int i = 0; i < eu; i++) {
				for (int j = 0; j < na; j++) {
					int index = i * na + j;
					if (!included.get(index) && problem.eligible(i, j)) {
						long reduced = -network.weight(i, j) + p[network.side(i, j)] - p[network.naNode(j)];
						if (reduced < 0) {
							included.set(index);
							added.add(network.addPair(i, j));
						}
					}
				}
			}
			if (added.isEmpty()) {
				return network.solution(included.cardinality(), iterations);
			}
			network.flow.reoptimise(SOURCE, SINK, p, added);
			iterations++;
		}
	}

	private static BitSet allPairs(MatchingProblem problem) {
		BitSet all = new BitSet(problem.units().length);
		for (int index = 0; index < problem.units().length; index++) {
			all.set(index, problem.units()[index] != MatchingProblem.NOT_ELIGIBLE);
		}
		return all;
	}

	/** The best few pairs of every city, on each side and, for EU cities, per country. */
	private static BitSet initialPairs(MatchingProblem problem) {
		int eu = problem.euCount();
		int na = problem.naCount();
		BitSet included = new BitSet(eu * na);
		for (int i = 0; i < eu; i++) {
			int keep = 2 * problem.euMaximum()[i] + 2;
			for (boolean canadian : new boolean[] { false, true }) {
				PriorityQueue<long[]> best = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
				for (int j = 0; j < na; j++) {
					if (problem.naCanadian()[j] == canadian && problem.eligible(i, j)) {
						keepBest(best, keep, problem.units(i, j), i * na + j);
					}
				}
				best.forEach((entry) -> included.set((int) entry[1]));
			}
		}
		for (int j = 0; j < na; j++) {
			int keep = 2 * problem.naCapacity()[j] + 2;
			PriorityQueue<long[]> best = new PriorityQueue<>((a, b) -> Long.compare(a[0], b[0]));
			for (int i = 0; i < eu; i++) {
				if (problem.eligible(i, j)) {
					keepBest(best, keep, problem.units(i, j), i * na + j);
				}
			}
			best.forEach((entry) -> included.set((int) entry[1]));
		}
		return included;
	}

	private static void keepBest(PriorityQueue<long[]> best, int keep, long units, int index) {
		if (keep <= 0) {
			return;
		}
		if (best.size() < keep) {
			best.add(new long[] { units, index });
		}
		else if (best.peek()[0] < units) {
			best.poll();
			best.add(new long[] { units, index });
		}
	}

	/** The flow network of a problem restricted to some pairs. */
	private static final class Network {

		private final MatchingProblem problem;

		private final MinCostFlow flow;

		private final long diversityBonus;

		private final long fairnessBonus;

		private final List<int[]> pairArcs = new ArrayList<>();

		Network(MatchingProblem problem, BitSet included) {
			this.problem = problem;
			int eu = problem.euCount();
			int na = problem.naCount();
			long maxUnits = 1;
			for (int index = included.nextSetBit(0); index >= 0; index = included.nextSetBit(index + 1)) {
				maxUnits = Math.max(maxUnits, Math.abs((long) problem.units()[index]));
			}
			// the pricing step compares reduced costs of pairs outside the network too
			for (int units : problem.units()) {
				if (units != MatchingProblem.NOT_ELIGIBLE) {
					maxUnits = Math.max(maxUnits, Math.abs((long) units));
				}
			}
			long pairs = 0;
			for (int maximum : problem.euMaximum()) {
				pairs += maximum;
			}
			// a bonus exceeds any change of everything below it
			long scoreSpan = Math.addExact(Math.multiplyExact(2 * Math.max(pairs, 1), maxUnits), 1);
			this.diversityBonus = problem.bothCountries() ? scoreSpan : 0;
			long diversitySpan = Math.multiplyExact(2L * eu + 1, scoreSpan);
			this.fairnessBonus = diversitySpan;
			Math.multiplyExact(Math.addExact(pairs, 1), Math.addExact(this.fairnessBonus, diversitySpan));
			this.flow = new MinCostFlow(2 + 3 * eu + na);
			for (int i = 0; i < eu; i++) {
				int minimum = problem.euMinimum()[i];
				int maximum = problem.euMaximum()[i];
				this.flow.addArc(SOURCE, euNode(i), minimum, -this.fairnessBonus);
				this.flow.addArc(SOURCE, euNode(i), maximum - minimum, 0);
				addSide(euNode(i), usNode(i), maximum, problem.euHasUs()[i]);
				addSide(euNode(i), caNode(i), maximum, problem.euHasCa()[i]);
			}
			for (int j = 0; j < na; j++) {
				this.flow.addArc(naNode(j), SINK, problem.naCapacity()[j], 0);
			}
			for (int index = included.nextSetBit(0); index >= 0; index = included.nextSetBit(index + 1)) {
				addPair(index / na, index % na);
			}
		}

		int addPair(int eu, int na) {
			int arc = this.flow.addArc(side(eu, na), naNode(na), 1, -weight(eu, na));
			this.pairArcs.add(new int[] { eu, na, arc });
			return arc;
		}

		private void addSide(int euNode, int sideNode, int maximum, boolean alreadyThere) {
			if (maximum == 0) {
				return;
			}
			if (alreadyThere || this.diversityBonus == 0) {
				this.flow.addArc(euNode, sideNode, maximum, 0);
			}
			else {
				this.flow.addArc(euNode, sideNode, 1, -this.diversityBonus);
				this.flow.addArc(euNode, sideNode, maximum - 1, 0);
			}
		}

		long weight(int eu, int na) {
			return this.problem.units(eu, na);
		}

		int side(int eu, int na) {
			return this.problem.naCanadian()[na] ? caNode(eu) : usNode(eu);
		}

		int euNode(int eu) {
			return 2 + eu;
		}

		int usNode(int eu) {
			return 2 + this.problem.euCount() + eu;
		}

		int caNode(int eu) {
			return 2 + 2 * this.problem.euCount() + eu;
		}

		int naNode(int na) {
			return 2 + 3 * this.problem.euCount() + na;
		}

		Solution solution(int pairsConsidered, int iterations) {
			List<Solution.Pair> chosen = new ArrayList<>();
			for (int[] pairArc : this.pairArcs) {
				if (this.flow.flow(pairArc[2]) > 0) {
					chosen.add(new Solution.Pair(pairArc[0], pairArc[1]));
				}
			}
			return Solution.of(this.problem, chosen, pairsConsidered, iterations);
		}

	}

}
