package eu.citiesgateway.matching.round;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import eu.citiesgateway.matching.MatchingProperties.Weights;
import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.round.Round.Parameters;
import eu.citiesgateway.platform.demo.DemoCities;
import eu.citiesgateway.platform.demo.DemoCity;
import eu.citiesgateway.platform.test.HeapPeak;

/**
 * A full matching round over the real cities of the demo data (1,146 EU × 1,052 US and
 * Canadian cities, themes, topics, offers and seeks from the seeded generator), timed and
 * measured, against a greedy baseline.
 * <p>
 * {@code ./mvnw -B -q -pl matching-service exec:exec@benchmark} runs it in a JVM with
 * {@code -Xmx512m}; see BENCHMARKS.md.
 */
final class MatchingBenchmark {

	private static final int WARM_UPS = 3;

	private static final int RUNS = 5;

	private MatchingBenchmark() {
	}

	public static void main(String[] args) {
		List<Candidate> cities = candidates(DemoCities.cities(DemoCities.DEFAULT_SEED));
		List<Candidate> eu = cities.stream().filter((city) -> city.side() == Candidate.Side.EU).toList();
		List<Candidate> na = cities.stream().filter((city) -> city.side() == Candidate.Side.NA).toList();
		Parameters parameters = new Parameters(2, 3, 2, true, List.of(), List.of());
		Weights weights = new Weights(0.35, 0.15, 0.15, 0.15, 0.1, 0.1, 0.3);
		PastPairings history = new PastPairings();
		System.out.printf(Locale.ROOT,
				"Cities: %,d EU × %,d US/CA (%d CA); min 2, max 3, NA capacity 2, both countries%n", eu.size(),
				na.size(), na.stream().filter(Candidate::canadian).count());
		for (int i = 0; i < WARM_UPS; i++) {
			round(parameters, eu, na, weights, history);
		}
		long[] millis = new long[RUNS];
		long peak = 0;
		Result result = null;
		for (int i = 0; i < RUNS; i++) {
			System.gc();
			HeapPeak.reset();
			long started = System.nanoTime();
			result = round(parameters, eu, na, weights, history);
			millis[i] = (System.nanoTime() - started) / 1_000_000;
			peak = Math.max(peak, HeapPeak.bytes());
		}
		Arrays.sort(millis);
		String example = System.getProperty("benchmark.example", "Lyon");
		for (Round.ProposedPair proposal : result.proposals()) {
			Candidate city = eu.stream()
				.filter((c) -> c.cityId().equals(proposal.euCityId()))
				.findFirst()
				.orElseThrow();
			if (city.name().equals(example)) {
				Candidate partner = na.stream()
					.filter((c) -> c.cityId().equals(proposal.naCityId()))
					.findFirst()
					.orElseThrow();
				System.out.printf(Locale.ROOT, "Example: %s (%s) – %s (%s), score %.4f, shared themes %s%n",
						city.name(), city.country(), partner.name(), partner.country(), proposal.score(),
						proposal.sharedThemes());
				proposal.reasons()
					.forEach((reason) -> System.out.printf(Locale.ROOT, "  %-24s %+.4f  %s%n", reason.criterion(),
							reason.contribution(), reason.detail()));
			}
		}
		Solution optimal = result.solution();
		Solution greedy = greedy(result.problem());
		System.out.printf(Locale.ROOT,
				"Round (score all pairs, optimise, explain): median %d ms, min %d ms, max %d ms over %d runs%n",
				millis[RUNS / 2], millis[0], millis[RUNS - 1], RUNS);
		System.out.printf(Locale.ROOT, "Peak heap during a round: %.0f MB (max heap %.0f MB)%n", peak / 1048576.0,
				Runtime.getRuntime().maxMemory() / 1048576.0);
		System.out.printf(Locale.ROOT, "Eligible pairs: %,d; in the final flow network: %,d; priced %d times%n",
				result.eligible(), optimal.pairsConsidered(), optimal.iterations());
		print("Optimal", optimal, result.problem());
		print("Greedy ", greedy, result.problem());
		System.out.printf(Locale.ROOT,
				"Gain over greedy: %+d partners towards minimums, %+d first US/CA partners, objective %+.4f (%+.2f %%)%n",
				optimal.fairness() - greedy.fairness(), optimal.diversity() - greedy.diversity(),
				(optimal.scoreUnits() - greedy.scoreUnits()) / (double) MatchingProblem.UNITS,
				100.0 * (optimal.scoreUnits() - greedy.scoreUnits()) / greedy.scoreUnits());
	}

	private static Result round(Parameters parameters, List<Candidate> eu, List<Candidate> na, Weights weights,
			PastPairings history) {
		RoundPlan plan = new RoundPlan(parameters, eu, na, weights, history, List.of(), Set.of());
		MatchingProblem problem = plan.problem(false);
		Solution solution = Optimiser.solve(problem);
		List<Round.ProposedPair> proposals = new ArrayList<>();
		for (Solution.Pair pair : solution.pairs()) {
			proposals.add(plan.proposed(pair, UUID.randomUUID()));
		}
		return new Result(problem, solution, plan.eligible(), proposals);
	}

	/**
	 * The baseline: pairs by descending score, first up to every EU city's minimum, then
	 * up to its maximum, within the capacities.
	 */
	static Solution greedy(MatchingProblem problem) {
		List<long[]> pairs = new ArrayList<>();
		for (int i = 0; i < problem.euCount(); i++) {
			for (int j = 0; j < problem.naCount(); j++) {
				if (problem.eligible(i, j)) {
					pairs.add(new long[] { problem.units(i, j), i, j });
				}
			}
		}
		pairs.sort(Comparator.comparingLong((long[] pair) -> pair[0]).reversed());
		int[] partners = new int[problem.euCount()];
		int[] capacity = problem.naCapacity().clone();
		boolean[] taken = new boolean[problem.units().length];
		List<Solution.Pair> chosen = new ArrayList<>();
		for (boolean toMinimum : new boolean[] { true, false }) {
			for (long[] pair : pairs) {
				int i = (int) pair[1];
				int j = (int) pair[2];
				int limit = toMinimum ? problem.euMinimum()[i] : problem.euMaximum()[i];
				if (!taken[i * problem.naCount() + j] && partners[i] < limit && capacity[j] > 0) {
					taken[i * problem.naCount() + j] = true;
					partners[i]++;
					capacity[j]--;
					chosen.add(new Solution.Pair(i, j));
				}
			}
		}
		return Solution.of(problem, chosen, 0, 0);
	}

	private static void print(String name, Solution solution, MatchingProblem problem) {
		int[] partners = new int[problem.euCount()];
		solution.pairs().forEach((pair) -> partners[pair.eu()]++);
		long atMinimum = Arrays.stream(partners).filter((count) -> count >= 2).count();
		System.out.printf(Locale.ROOT,
				"%s: %,d pairs, objective %.4f, %,d of %,d EU cities at their minimum, %,d partners towards minimums, %,d first US/CA partners%n",
				name, solution.pairs().size(), solution.scoreUnits() / (double) MatchingProblem.UNITS, atMinimum,
				problem.euCount(), solution.fairness(), solution.diversity());
	}

	static List<Candidate> candidates(List<DemoCity> cities) {
		List<Candidate> candidates = new ArrayList<>();
		for (DemoCity city : cities) {
			UUID id = UUID
				.nameUUIDFromBytes((city.name() + "|" + city.country() + "|" + city.latitude() + "|" + city.longitude())
					.getBytes(StandardCharsets.UTF_8));
			boolean northAmerican = city.country().equals("US") || city.country().equals("CA");
			candidates.add(new Candidate(id, city.name(), city.country(),
					northAmerican ? Candidate.Side.NA : Candidate.Side.EU, city.region(), city.population(),
					city.languages(), city.themes(), city.topics(), city.offers(), city.seeks(), true, Instant.EPOCH));
		}
		return candidates;
	}

	private record Result(MatchingProblem problem, Solution solution, long eligible,
			List<Round.ProposedPair> proposals) {
	}

}
