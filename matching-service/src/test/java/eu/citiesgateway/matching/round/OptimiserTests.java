package eu.citiesgateway.matching.round;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jgrapht.Graph;
import org.jgrapht.alg.flow.PushRelabelMFImpl;
import org.jgrapht.alg.flow.mincost.CapacityScalingMinimumCostFlow;
import org.jgrapht.alg.flow.mincost.MinimumCostFlowProblem;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.DirectedWeightedMultigraph;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the {@link Optimiser} over random instances, and its optimum against two
 * independent exact methods: brute force and JGraphT's minimum-cost flow.
 */
class OptimiserTests {

	@Property(tries = 300)
	void neitherCapacityIsExceededAndOnlyEligiblePairsAreChosen(@ForAll("problems") MatchingProblem problem) {
		Solution solution = Optimiser.solve(problem);

		int[] euPartners = new int[problem.euCount()];
		int[] naPartners = new int[problem.naCount()];
		Set<Solution.Pair> seen = new HashSet<>();
		for (Solution.Pair pair : solution.pairs()) {
			assertThat(problem.eligible(pair.eu(), pair.na())).as("eligible %s", pair).isTrue();
			assertThat(seen.add(pair)).as("chosen once %s", pair).isTrue();
			euPartners[pair.eu()]++;
			naPartners[pair.na()]++;
		}
		for (int i = 0; i < problem.euCount(); i++) {
			assertThat(euPartners[i]).isLessThanOrEqualTo(problem.euMaximum()[i]);
		}
		for (int j = 0; j < problem.naCount(); j++) {
			assertThat(naPartners[j]).isLessThanOrEqualTo(problem.naCapacity()[j]);
		}
	}

	@Property(tries = 300)
	void theOptimumEqualsTheBestOfAllSubsetsOfPairs(@ForAll("smallProblems") MatchingProblem problem) {
		Solution solution = Optimiser.solve(problem);

		long[] best = bruteForce(problem);
		assertThat(new long[] { solution.fairness(), solution.diversity(), solution.scoreUnits() })
			.as("fairness, diversity, score")
			.containsExactly(best);
	}

	@Property(tries = 200)
	void fairnessFirstNoCityGetsAnExtraPartnerWhileAnotherCouldReachItsMinimum(
			@ForAll("problems") MatchingProblem problem) {
		Solution solution = Optimiser.solve(problem);

		assertThat(solution.fairness()).as("partners towards the minimums")
			.isEqualTo(maximumFlowTowardsMinimums(problem));
	}

	@Property(tries = 200)
	void theObjectiveEqualsJGraphTsMinimumCostFlow(@ForAll("problems") MatchingProblem problem) {
		Solution solution = Optimiser.solve(problem);

		long[] weights = lexicographicWeights(problem);
		long ours = weights[0] * solution.fairness() + weights[1] * solution.diversity() + solution.scoreUnits();
		assertThat(ours).isEqualTo(jgraphtOptimum(problem, weights));
	}

	@Example
	void pricingTheLeftOutPairsGivesTheOptimumOfTheFullNetwork() {
		MatchingProblem problem = popular(new Random(7), 150, 120);

		Solution pruned = Optimiser.solve(problem);
		Solution full = Optimiser.solve(problem, false);

		assertThat(pruned.pairsConsidered()).isLessThan(full.pairsConsidered() / 2);
		assertThat(new long[] { pruned.fairness(), pruned.diversity(), pruned.scoreUnits() })
			.containsExactly(full.fairness(), full.diversity(), full.scoreUnits());
		assertThat(pruned.fairness()).isEqualTo(maximumFlowTowardsMinimums(problem));
	}

	@Provide
	Arbitrary<MatchingProblem> smallProblems() {
		return Combinators
			.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 4))
			.as((seed, eu, na) -> random(new Random(seed), eu, na, 0.6, 2, 3, 2, 1000))
			.filter((problem) -> eligiblePairs(problem) <= 12)
			.withoutEdgeCases();
	}

	@Provide
	Arbitrary<MatchingProblem> problems() {
		return Combinators
			.combine(Arbitraries.longs(), Arbitraries.integers().between(1, 12), Arbitraries.integers().between(1, 12),
					Arbitraries.doubles().between(0.1, 1.0))
			.as((seed, eu, na, density) -> random(new Random(seed), eu, na, density, 2, 3, 2, 1000))
			.withoutEdgeCases();
	}

	/**
	 * A random problem: some cities already have partners, some pairs are not eligible,
	 * scores may be negative (a past pairing's penalty).
	 */
	static MatchingProblem random(Random random, int eu, int na, double density, int minimum, int maximum, int capacity,
			int scale) {
		int[] euMinimum = new int[eu];
		int[] euMaximum = new int[eu];
		boolean[] euHasUs = new boolean[eu];
		boolean[] euHasCa = new boolean[eu];
		for (int i = 0; i < eu; i++) {
			int existing = random.nextInt(4) == 0 ? random.nextInt(maximum + 1) : 0;
			euMinimum[i] = Math.max(0, minimum - existing);
			euMaximum[i] = Math.max(0, maximum - existing);
			euHasUs[i] = existing > 0 && random.nextBoolean();
			euHasCa[i] = existing > 0 && !euHasUs[i];
		}
		int[] naCapacity = new int[na];
		boolean[] naCanadian = new boolean[na];
		for (int j = 0; j < na; j++) {
			naCapacity[j] = random.nextInt(capacity + 1);
			naCanadian[j] = random.nextInt(3) == 0;
		}
		int[] units = new int[eu * na];
		for (int k = 0; k < units.length; k++) {
			units[k] = random.nextDouble() < density
					? random.nextInt(scale + 1) - (random.nextInt(5) == 0 ? scale / 3 : 0)
					: MatchingProblem.NOT_ELIGIBLE;
		}
		return new MatchingProblem(euMinimum, euMaximum, euHasUs, euHasCa, naCapacity, naCanadian, units,
				random.nextInt(4) != 0);
	}

	/**
	 * Every EU city prefers the same few popular US and Canadian cities, so the best few
	 * pairs per city are not enough and the optimum needs pairs found by pricing.
	 */
	static MatchingProblem popular(Random random, int eu, int na) {
		MatchingProblem base = random(random, eu, na, 0.9, 2, 3, 2, 1000);
		int[] units = base.units().clone();
		for (int k = 0; k < units.length; k++) {
			if (units[k] != MatchingProblem.NOT_ELIGIBLE) {
				units[k] = 1000 * (k % na) + random.nextInt(100);
			}
		}
		return new MatchingProblem(base.euMinimum(), base.euMaximum(), base.euHasUs(), base.euHasCa(),
				base.naCapacity(), base.naCanadian(), units, base.bothCountries());
	}

	static int eligiblePairs(MatchingProblem problem) {
		int count = 0;
		for (int units : problem.units()) {
			count += (units != MatchingProblem.NOT_ELIGIBLE) ? 1 : 0;
		}
		return count;
	}

	/** The lexicographic best (fairness, diversity, score) over every subset of pairs. */
	static long[] bruteForce(MatchingProblem problem) {
		List<Solution.Pair> eligible = new ArrayList<>();
		for (int i = 0; i < problem.euCount(); i++) {
			for (int j = 0; j < problem.naCount(); j++) {
				if (problem.eligible(i, j)) {
					eligible.add(new Solution.Pair(i, j));
				}
			}
		}
		long[] best = { 0, 0, 0 };
		for (int mask = 0; mask < (1 << eligible.size()); mask++) {
			int[] euPartners = new int[problem.euCount()];
			int[] naPartners = new int[problem.naCount()];
			boolean[] us = new boolean[problem.euCount()];
			boolean[] ca = new boolean[problem.euCount()];
			long score = 0;
			boolean feasible = true;
			for (int b = 0; b < eligible.size() && feasible; b++) {
				if ((mask & (1 << b)) != 0) {
					Solution.Pair pair = eligible.get(b);
					feasible = ++euPartners[pair.eu()] <= problem.euMaximum()[pair.eu()]
							&& ++naPartners[pair.na()] <= problem.naCapacity()[pair.na()];
					score += problem.units(pair.eu(), pair.na());
					if (problem.naCanadian()[pair.na()]) {
						ca[pair.eu()] = true;
					}
					else {
						us[pair.eu()] = true;
					}
				}
			}
			if (!feasible) {
				continue;
			}
			long fairness = 0;
			long diversity = 0;
			for (int i = 0; i < problem.euCount(); i++) {
				fairness += Math.min(euPartners[i], problem.euMinimum()[i]);
				if (problem.bothCountries()) {
					diversity += (us[i] && !problem.euHasUs()[i] ? 1 : 0) + (ca[i] && !problem.euHasCa()[i] ? 1 : 0);
				}
			}
			long[] candidate = { fairness, diversity, score };
			if (java.util.Arrays.compare(candidate, best) > 0) {
				best = candidate;
			}
		}
		return best;
	}

	/** The most partners towards the minimums any assignment can give: a maximum flow. */
	static long maximumFlowTowardsMinimums(MatchingProblem problem) {
		Graph<String, DefaultWeightedEdge> graph = new DirectedWeightedMultigraph<>(DefaultWeightedEdge.class);
		graph.addVertex("s");
		graph.addVertex("t");
		for (int i = 0; i < problem.euCount(); i++) {
			graph.addVertex("eu" + i);
			graph.setEdgeWeight(graph.addEdge("s", "eu" + i), problem.euMinimum()[i]);
		}
		for (int j = 0; j < problem.naCount(); j++) {
			graph.addVertex("na" + j);
			graph.setEdgeWeight(graph.addEdge("na" + j, "t"), problem.naCapacity()[j]);
		}
		for (int i = 0; i < problem.euCount(); i++) {
			for (int j = 0; j < problem.naCount(); j++) {
				if (problem.eligible(i, j)) {
					graph.setEdgeWeight(graph.addEdge("eu" + i, "na" + j), 1);
				}
			}
		}
		return Math.round(new PushRelabelMFImpl<>(graph).getMaximumFlowValue("s", "t"));
	}

	/**
	 * Weights that make (fairness, diversity, score) lexicographic in one sum, as small
	 * as possible so that JGraphT's double costs stay exact.
	 */
	static long[] lexicographicWeights(MatchingProblem problem) {
		long maxUnits = 1;
		long pairs = 0;
		for (int units : problem.units()) {
			if (units != MatchingProblem.NOT_ELIGIBLE) {
				maxUnits = Math.max(maxUnits, Math.abs(units));
			}
		}
		for (int maximum : problem.euMaximum()) {
			pairs += maximum;
		}
		long diversity = 2 * Math.max(pairs, 1) * maxUnits + 1;
		long fairness = (2L * problem.euCount() + 1) * diversity;
		return new long[] { fairness, problem.bothCountries() ? diversity : 0 };
	}

	/**
	 * A second formulation: JGraphT's capacity-scaling minimum-cost flow over every
	 * eligible pair, with a free sink-to-source bypass instead of a free flow value, and
	 * the diversity bonus on per-country arcs keyed by name.
	 */
	static long jgraphtOptimum(MatchingProblem problem, long[] weights) {
		Graph<String, DefaultWeightedEdge> graph = new DirectedWeightedMultigraph<>(DefaultWeightedEdge.class);
		Map<DefaultWeightedEdge, Integer> capacity = new HashMap<>();
		graph.addVertex("s");
		graph.addVertex("t");
		int supply = 0;
		for (int i = 0; i < problem.euCount(); i++) {
			supply += problem.euMaximum()[i];
		}
		add(graph, capacity, "s", "t", supply, 0);
		for (int i = 0; i < problem.euCount(); i++) {
			graph.addVertex("eu" + i);
			add(graph, capacity, "s", "eu" + i, problem.euMinimum()[i], -weights[0]);
			add(graph, capacity, "s", "eu" + i, problem.euMaximum()[i] - problem.euMinimum()[i], 0);
			for (String country : List.of("us", "ca")) {
				String node = "eu" + i + country;
				graph.addVertex(node);
				boolean had = country.equals("us") ? problem.euHasUs()[i] : problem.euHasCa()[i];
				if (had || weights[1] == 0 || problem.euMaximum()[i] == 0) {
					add(graph, capacity, "eu" + i, node, problem.euMaximum()[i], 0);
				}
				else {
					add(graph, capacity, "eu" + i, node, 1, -weights[1]);
					add(graph, capacity, "eu" + i, node, problem.euMaximum()[i] - 1, 0);
				}
			}
		}
		for (int j = 0; j < problem.naCount(); j++) {
			graph.addVertex("na" + j);
			add(graph, capacity, "na" + j, "t", problem.naCapacity()[j], 0);
		}
		for (int i = 0; i < problem.euCount(); i++) {
			for (int j = 0; j < problem.naCount(); j++) {
				if (problem.eligible(i, j)) {
					add(graph, capacity, "eu" + i + (problem.naCanadian()[j] ? "ca" : "us"), "na" + j, 1,
							-problem.units(i, j));
				}
			}
		}
		int total = supply;
		MinimumCostFlowProblem<String, DefaultWeightedEdge> flowProblem = new MinimumCostFlowProblem.MinimumCostFlowProblemImpl<>(
				graph, (v) -> v.equals("s") ? total : v.equals("t") ? -total : 0, capacity::get);
		double cost = new CapacityScalingMinimumCostFlow<String, DefaultWeightedEdge>().getMinimumCostFlow(flowProblem)
			.getCost();
		return -Math.round(cost);
	}

	private static void add(Graph<String, DefaultWeightedEdge> graph, Map<DefaultWeightedEdge, Integer> capacity,
			String from, String to, int cap, long cost) {
		DefaultWeightedEdge edge = graph.addEdge(from, to);
		graph.setEdgeWeight(edge, cost);
		capacity.put(edge, cap);
	}

}
