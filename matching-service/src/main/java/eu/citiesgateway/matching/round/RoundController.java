package eu.citiesgateway.matching.round;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.matching.MatchingProperties;
import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.candidate.Candidates;
import eu.citiesgateway.matching.pairing.Reason;
import eu.citiesgateway.matching.round.Round.BelowMinimum;
import eu.citiesgateway.matching.round.Round.Parameters;
import eu.citiesgateway.matching.round.Round.Summary;
import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Matching rounds under {@code /api/rounds}.
 */
@RestController
@RequestMapping("/api/rounds")
class RoundController {

	static final List<String> THEMES = List.of("nature-based-solutions", "circular-economy",
			"digital-inclusive-innovation", "affordable-housing");

	/** The most partners a round may give a city on either side. */
	static final int MAX_PARTNERS = 20;

	private final Matchmaker matchmaker;

	private final Candidates candidates;

	private final MatchingProperties properties;

	RoundController(Matchmaker matchmaker, Candidates candidates, MatchingProperties properties) {
		this.matchmaker = matchmaker;
		this.candidates = candidates;
		this.properties = properties;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<RoundView> run(@RequestBody RoundRequest request) {
		Round round = this.matchmaker.run(parameters(request));
		URI location = ServletUriComponentsBuilder.fromCurrentRequest()
			.path("/{id}")
			.buildAndExpand(round.id())
			.toUri();
		return ResponseEntity.created(location).body(RoundView.of(round));
	}

	@GetMapping("/{id}")
	RoundView show(@PathVariable UUID id) {
		return RoundView.of(this.matchmaker.find(id));
	}

	private Parameters parameters(RoundRequest request) {
		MatchingProperties.Round defaults = this.properties.round();
		int min = (request.minPartners() != null) ? request.minPartners() : defaults.minPartners();
		int max = (request.maxPartners() != null) ? request.maxPartners() : defaults.maxPartners();
		int capacity = (request.naCapacity() != null) ? request.naCapacity() : defaults.naCapacity();
		boolean both = (request.requireBothCountries() != null) ? request.requireBothCountries()
				: defaults.requireBothCountries();
		List<FieldViolation> violations = new ArrayList<>();
		range(violations, "minPartners", min, 0);
		range(violations, "maxPartners", max, 1);
		range(violations, "naCapacity", capacity, 1);
		if (min > max) {
			violations.add(new FieldViolation("minPartners", "must not exceed maxPartners (" + max + "), is " + min));
		}
		List<UUID> cityIds = new ArrayList<>();
		List<String> themes = new ArrayList<>();
		Cohort cohort = request.cohort();
		if (cohort != null && cohort.cityIds() != null) {
			if (cohort.cityIds().size() > this.properties.maxCohortSize()) {
				violations.add(new FieldViolation("cohort.cityIds",
						"may list at most " + this.properties.maxCohortSize() + " cities"));
			}
			else {
				cityIds(violations, cohort.cityIds(), cityIds);
			}
		}
		if (cohort != null && cohort.themes() != null) {
			for (int k = 0; k < cohort.themes().size(); k++) {
				String theme = cohort.themes().get(k);
				if (!THEMES.contains(theme)) {
					violations.add(new FieldViolation("cohort.themes[" + k + "]",
							"'" + theme + "' is not a theme; allowed are " + THEMES));
				}
				else if (!themes.contains(theme)) {
					themes.add(theme);
				}
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return new Parameters(min, max, capacity, both, List.copyOf(cityIds), List.copyOf(themes));
	}

	private void cityIds(List<FieldViolation> violations, List<String> ids, List<UUID> valid) {
		for (int k = 0; k < ids.size(); k++) {
			String field = "cohort.cityIds[" + k + "]";
			UUID id;
			try {
				id = UUID.fromString(String.valueOf(ids.get(k)));
			}
			catch (IllegalArgumentException ex) {
				violations.add(new FieldViolation(field, "'" + ids.get(k) + "' is not a city id (a UUID)"));
				continue;
			}
			Candidate city = this.candidates.findById(id).orElse(null);
			if (city == null) {
				violations.add(new FieldViolation(field, "unknown city " + id));
			}
			else if (!city.active()) {
				violations.add(new FieldViolation(field, "city " + id + " (" + city.name() + ") has withdrawn"));
			}
			else if (!valid.contains(id)) {
				valid.add(id);
			}
		}
	}

	private static void range(List<FieldViolation> violations, String field, int value, int lowest) {
		if (value < lowest || value > MAX_PARTNERS) {
			violations
				.add(new FieldViolation(field, "must be between " + lowest + " and " + MAX_PARTNERS + ", is " + value));
		}
	}

	/**
	 * What a round is asked to do; every field is optional.
	 *
	 * @param minPartners partners each EU city should get (default 2)
	 * @param maxPartners partners an EU city may get at most (default 3)
	 * @param naCapacity EU partners a US or Canadian city may take (default 2)
	 * @param requireBothCountries whether each EU city should get a US and a Canadian
	 * partner where feasible (default true)
	 * @param cohort the cities of the round, all active cities when absent
	 */
	record RoundRequest(@Nullable Integer minPartners, @Nullable Integer maxPartners, @Nullable Integer naCapacity,
			@Nullable Boolean requireBothCountries, @Nullable Cohort cohort) {
	}

	/**
	 * The cities of a round. City ids of one side only leave the other side open to all
	 * its active cities; themes keep the cities that work on one of them and the pairs
	 * that share one of them.
	 *
	 * @param cityIds the cities taking part
	 * @param themes the themes of the round
	 */
	record Cohort(@Nullable List<String> cityIds, @Nullable List<String> themes) {
	}

	/**
	 * A round as the API shows it.
	 *
	 * @param id the round
	 * @param createdAt when it ran
	 * @param parameters the parameters it ran with, defaults filled in
	 * @param objective the sum of the proposals' scores
	 * @param proposals the pairs proposed
	 * @param belowMinimum EU cities left below the minimum, and why
	 * @param summary figures of the computation
	 */
	record RoundView(UUID id, Instant createdAt, Parameters parameters, double objective, List<ProposalView> proposals,
			List<BelowMinimum> belowMinimum, Summary summary) {

		static RoundView of(Round round) {
			return new RoundView(round.id(), round.createdAt(), round.parameters(), round.objective(),
					round.proposals()
						.stream()
						.map((pair) -> new ProposalView(pair.pairingId(), pair.euCityId(), pair.naCityId(),
								pair.score(), pair.sharedThemes(), pair.reasons()))
						.toList(),
					round.belowMinimum(), round.summary());
		}

	}

	/**
	 * A proposed pair.
	 *
	 * @param pairingId the pairing, at {@code /api/pairings/{pairingId}}
	 * @param euCityId the EU city
	 * @param naCityId the US or Canadian city
	 * @param score the pair's score
	 * @param sharedThemes the clusters both work on
	 * @param reasons the explanation of the score
	 */
	record ProposalView(UUID pairingId, UUID euCityId, UUID naCityId, double score, List<String> sharedThemes,
			List<Reason> reasons) {
	}

}
