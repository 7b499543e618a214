package eu.citiesgateway.matching.round;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import eu.citiesgateway.matching.MatchingProperties.Weights;
import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.pairing.Pairing;
import eu.citiesgateway.matching.pairing.PairingFixtures;
import eu.citiesgateway.matching.pairing.Status;
import eu.citiesgateway.matching.round.Round.Parameters;
import eu.citiesgateway.matching.round.Round.ProposedPair;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of whole rounds over random cities and random pairing histories: what a
 * round proposes shares a theme, was never declined, is not already under way, and fits
 * the capacities together with the pairings already under way.
 */
class RoundPlanTests {

	static final List<String> THEMES = List.of("nature-based-solutions", "circular-economy",
			"digital-inclusive-innovation", "affordable-housing");

	static final Weights WEIGHTS = new Weights(0.35, 0.15, 0.15, 0.15, 0.1, 0.1, 0.3);

	@Property(tries = 300)
	void aRoundProposesOnlyNewPairsSharingAThemeWithinTheCapacities(@ForAll long seed,
			@ForAll @IntRange(min = 1, max = 8) int euCount, @ForAll @IntRange(min = 1, max = 8) int naCount,
			@ForAll @IntRange(min = 0, max = 3) int minimum, @ForAll @IntRange(min = 0, max = 2) int extra,
			@ForAll @IntRange(min = 1, max = 3) int capacity, @ForAll boolean bothCountries,
			@ForAll boolean cohortOfThemes) {
		Random random = new Random(seed);
		List<Candidate> eu = cities(random, euCount, false);
		List<Candidate> na = cities(random, naCount, true);
		List<Pairing> history = history(random, eu, na);
		List<String> cohortThemes = cohortOfThemes ? List.of(THEMES.get(random.nextInt(THEMES.size()))) : List.of();
		Parameters parameters = new Parameters(minimum, minimum + extra, capacity, bothCountries, List.of(),
				cohortThemes);

		RoundPlan plan = new RoundPlan(parameters, eu, na, WEIGHTS, new PastPairings(), history, Set.of());
		Solution solution = Optimiser.solve(plan.problem(false));
		List<ProposedPair> proposals = solution.pairs()
			.stream()
			.map((pair) -> plan.proposed(pair, UUID.randomUUID()))
			.toList();

		Map<UUID, Candidate> cities = new HashMap<>();
		eu.forEach((city) -> cities.put(city.cityId(), city));
		na.forEach((city) -> cities.put(city.cityId(), city));
		Set<List<UUID>> declined = new HashSet<>();
		Set<List<UUID>> underWay = new HashSet<>();
		Map<UUID, Integer> partners = new HashMap<>();
		for (Pairing pairing : history) {
			List<UUID> pair = List.of(pairing.euCityId(), pairing.naCityId());
			if (pairing.status() == Status.DECLINED) {
				declined.add(pair);
			}
			if (pairing.status().isActive()) {
				underWay.add(pair);
				partners.merge(pairing.euCityId(), 1, Integer::sum);
				partners.merge(pairing.naCityId(), 1, Integer::sum);
			}
		}
		for (ProposedPair proposal : proposals) {
			List<UUID> pair = List.of(proposal.euCityId(), proposal.naCityId());
			assertThat(declined).as("declined before").doesNotContain(pair);
			assertThat(underWay).as("already under way").doesNotContain(pair);
			Set<String> shared = new HashSet<>(cities.get(proposal.euCityId()).themes());
			shared.retainAll(cities.get(proposal.naCityId()).themes());
			if (!cohortThemes.isEmpty()) {
				shared.retainAll(cohortThemes);
			}
			assertThat(shared).as("themes shared within the round").isNotEmpty();
			assertThat(proposal.sharedThemes()).containsAll(shared);
			partners.merge(proposal.euCityId(), 1, Integer::sum);
			partners.merge(proposal.naCityId(), 1, Integer::sum);
		}
		for (Candidate city : eu) {
			int before = (int) history.stream()
				.filter((p) -> p.status().isActive() && p.euCityId().equals(city.cityId()))
				.count();
			assertThat(partners.getOrDefault(city.cityId(), 0)).isLessThanOrEqualTo(Math.max(before, minimum + extra));
		}
		for (Candidate city : na) {
			int before = (int) history.stream()
				.filter((p) -> p.status().isActive() && p.naCityId().equals(city.cityId()))
				.count();
			assertThat(partners.getOrDefault(city.cityId(), 0)).isLessThanOrEqualTo(Math.max(before, capacity));
		}
	}

	private static List<Candidate> cities(Random random, int count, boolean northAmerican) {
		List<Candidate> cities = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			List<String> themes = new ArrayList<>();
			for (String theme : THEMES) {
				if (random.nextInt(3) == 0) {
					themes.add(theme);
				}
			}
			String country = northAmerican ? (random.nextBoolean() ? "CA" : "US") : "FR";
			cities.add(new Candidate(UUID.randomUUID(), "City " + i, country,
					northAmerican ? Candidate.Side.NA : Candidate.Side.EU, null, 50_000 + random.nextInt(1_000_000),
					List.of("en"), themes, List.of(), List.of(), List.of(), true, Instant.EPOCH));
		}
		return cities;
	}

	private static List<Pairing> history(Random random, List<Candidate> eu, List<Candidate> na) {
		List<Pairing> history = new ArrayList<>();
		Status[] statuses = Status.values();
		for (Candidate a : eu) {
			for (Candidate b : na) {
				if (random.nextInt(4) == 0) {
					history.add(PairingFixtures.pairing(a.cityId(), b.cityId(), b.canadian(),
							statuses[random.nextInt(statuses.length)]));
				}
			}
		}
		return history;
	}

}
