package eu.citiesgateway.matching.round;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.matching.MatchingProperties.Weights;
import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.pairing.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoringTests {

	static final Weights WEIGHTS = new Weights(0.35, 0.15, 0.15, 0.15, 0.1, 0.1, 0.3);

	final Scoring scoring = new Scoring(WEIGHTS);

	final Candidate lyon = city("Lyon", "FR", 522_250, List.of("fr", "en"),
			List.of("circular-economy", "affordable-housing"), List.of("urban heat", "food waste"),
			List.of("green roof incentives", "reuse centres"), List.of("co-housing"));

	final Candidate denver = city("Denver", "US", 715_522, List.of("en"), List.of("circular-economy"),
			List.of("Food Waste"), List.of("co-housing"), List.of("Green roof incentives", "zero-waste strategies"));

	@Test
	void everyCriterionIsExplainedWithItsOverlapAndTheContributionsAddUpToTheScore() {
		Scoring.Profile eu = this.scoring.profile(this.lyon);
		Scoring.Profile na = this.scoring.profile(this.denver);

		List<Reason> reasons = this.scoring.explain(eu, na, null);
		double score = this.scoring.score(eu, na, false);

		assertThat(reasons).extracting(Reason::criterion)
			.containsExactly("shared-themes", "shared-topics", "eu-offers-meet-na-seeks", "na-offers-meet-eu-seeks",
					"similar-size", "shared-language", "past-pairing");
		assertThat(reasons.stream().mapToDouble(Reason::contribution).sum()).isCloseTo(score, within(0.0005));
		assertThat(reason(reasons, "shared-themes").overlap()).containsExactly("circular-economy");
		assertThat(reason(reasons, "shared-themes").contribution()).isEqualTo(0.175);
		assertThat(reason(reasons, "shared-topics").overlap()).containsExactly("food waste");
		assertThat(reason(reasons, "eu-offers-meet-na-seeks").overlap()).containsExactly("green roof incentives");
		assertThat(reason(reasons, "eu-offers-meet-na-seeks").contribution()).isEqualTo(0.075);
		assertThat(reason(reasons, "eu-offers-meet-na-seeks").detail())
			.isEqualTo("Lyon offers green roof incentives, which Denver seeks (1 of 2)");
		assertThat(reason(reasons, "na-offers-meet-eu-seeks").contribution()).isEqualTo(0.15);
		assertThat(reason(reasons, "shared-language").overlap()).containsExactly("en");
		assertThat(reason(reasons, "past-pairing").contribution()).isZero();
	}

	@Test
	void aPastPairingCostsItsPenalty() {
		Scoring.Profile eu = this.scoring.profile(this.lyon);
		Scoring.Profile na = this.scoring.profile(this.denver);

		assertThat(this.scoring.score(eu, na, true)).isCloseTo(this.scoring.score(eu, na, false) - 0.3, within(1e-12));
		assertThat(reason(this.scoring.explain(eu, na, "IUC North America 2018"), "past-pairing"))
			.satisfies((reason) -> {
				assertThat(reason.contribution()).isEqualTo(-0.3);
				assertThat(reason.detail()).contains("IUC North America 2018");
			});
	}

	@Test
	void sizeCountsFullyForEqualPopulationsAndNothingAtAFactorOfAHundred() {
		Candidate twin = city("Twin", "US", 522_250, List.of("xx"), List.of("affordable-housing"), List.of(), List.of(),
				List.of());
		Candidate small = city("Small", "US", 5_222, List.of("xx"), List.of("affordable-housing"), List.of(), List.of(),
				List.of());
		Scoring.Profile eu = this.scoring.profile(this.lyon);

		assertThat(reason(this.scoring.explain(eu, this.scoring.profile(twin), null), "similar-size").contribution())
			.isEqualTo(0.1);
		assertThat(reason(this.scoring.explain(eu, this.scoring.profile(small), null), "similar-size").contribution())
			.isZero();
	}

	@Test
	void citiesShareAThemeOnlyWithinTheRoundsThemes() {
		Scoring.Profile eu = this.scoring.profile(this.lyon);
		Scoring.Profile na = this.scoring.profile(this.denver);

		assertThat(Scoring.shareATheme(eu, na, Scoring.themeMask(List.of("circular-economy")))).isTrue();
		assertThat(Scoring.shareATheme(eu, na, Scoring.themeMask(List.of("affordable-housing")))).isFalse();
	}

	private static Reason reason(List<Reason> reasons, String criterion) {
		return reasons.stream().filter((reason) -> reason.criterion().equals(criterion)).findFirst().orElseThrow();
	}

	static Candidate city(String name, String country, long population, List<String> languages, List<String> themes,
			List<String> topics, List<String> offers, List<String> seeks) {
		return new Candidate(UUID.randomUUID(), name, country,
				country.equals("US") || country.equals("CA") ? Candidate.Side.NA : Candidate.Side.EU, null, population,
				languages, themes, topics, offers, seeks, true, Instant.EPOCH);
	}

}
