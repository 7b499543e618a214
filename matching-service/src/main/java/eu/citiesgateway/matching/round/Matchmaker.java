package eu.citiesgateway.matching.round;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import eu.citiesgateway.matching.MatchingProperties;
import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.candidate.Candidates;
import eu.citiesgateway.matching.pairing.Decisions;
import eu.citiesgateway.matching.pairing.Pairing;
import eu.citiesgateway.matching.pairing.Pairings;
import eu.citiesgateway.matching.pairing.Proposal;
import eu.citiesgateway.matching.pairing.SlotFreed;
import eu.citiesgateway.matching.pairing.Status;
import eu.citiesgateway.matching.round.Round.BelowMinimum;
import eu.citiesgateway.matching.round.Round.Parameters;
import eu.citiesgateway.matching.round.Round.ProposedPair;
import eu.citiesgateway.matching.round.Scoring.Profile;
import eu.citiesgateway.platform.events.OutboxWriter;
import eu.citiesgateway.platform.web.ResourceNotFoundException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Runs matching rounds and refills the slots that declined, expired or withdrawn
 * proposals free.
 */
@Service
public class Matchmaker {

	private static final Logger logger = LoggerFactory.getLogger(Matchmaker.class);

	private static final List<Status> ACTIVE = List.of(Status.PROPOSED, Status.CONFIRMED);

	private final Candidates candidates;

	private final Pairings pairings;

	private final Rounds rounds;

	private final OutboxWriter outbox;

	private final Decisions decisions;

	private final PastPairings history;

	private final MatchingLock lock;

	private final MatchingProperties properties;

	private final Clock clock;

	private final RoundMetrics metrics;

	Matchmaker(Candidates candidates, Pairings pairings, Rounds rounds, OutboxWriter outbox, Decisions decisions,
			PastPairings history, MatchingLock lock, MatchingProperties properties, Clock clock, RoundMetrics metrics) {
		this.candidates = candidates;
		this.pairings = pairings;
		this.rounds = rounds;
		this.outbox = outbox;
		this.decisions = decisions;
		this.history = history;
		this.lock = lock;
		this.properties = properties;
		this.clock = clock;
		this.metrics = metrics;
	}

	Round find(UUID id) {
		return this.rounds.findById(id).orElseThrow(() -> new ResourceNotFoundException("round", id));
	}

	/**
	 * Runs a round: proposes the optimal pairs among the active cities of the cohort, on
	 * top of the pairings already proposed or confirmed.
	 * @param parameters the round's parameters, already validated
	 * @return the round, its pairings stored
	 */
	Round run(Parameters parameters) {
		Round proposed = this.metrics.timed(() -> this.lock.holding(() -> {
			Round round = plan(parameters);
			this.rounds.save(round);
			return propose(round);
		}));
		withdrawGone(proposed);
		return proposed;
	}

	/**
	 * Stores the pairings of rounds that were interrupted after they were planned.
	 * @return the rounds completed
	 */
	int completeInterruptedRounds() {
		List<Round> planned = this.rounds.findByState(Round.State.PLANNED);
		if (planned.isEmpty()) {
			return 0;
		}
		List<Round> proposed = this.lock.holding(() -> {
			List<Round> completed = new ArrayList<>();
			for (Round round : this.rounds.findByState(Round.State.PLANNED)) {
				completed.add(propose(round));
			}
			return completed;
		});
		proposed.forEach(this::withdrawGone);
		return proposed.size();
	}

	private Round propose(Round round) {
		Instant now = this.clock.instant();
		for (ProposedPair pair : round.proposals()) {
			store(new Proposal(pair.pairingId(), pair.euCityId(), pair.naCityId(), pair.naCanadian(), pair.score(),
					pair.sharedThemes(), pair.reasons()), round.id(), null, now);
		}
		return this.rounds.save(round.proposed());
	}

	private void withdrawGone(Round round) {
		Set<UUID> cities = new HashSet<>();
		for (ProposedPair pair : round.proposals()) {
			cities.add(pair.euCityId());
			cities.add(pair.naCityId());
		}
		withdrawGone(cities);
	}

	/**
	 * Withdraws the new pairings of cities that withdrew while they were planned: a
	 * city's withdrawal does not wait for the matching lock. It marks the city withdrawn
	 * before it withdraws the city's pairings, and the pairings are stored before this
	 * looks, so each new pairing is withdrawn by one or the other. Called once the lock
	 * is released: a withdrawal frees slots, whose refill takes the lock.
	 */
	private int withdrawGone(Set<UUID> cities) {
		Set<UUID> active = new HashSet<>();
		this.candidates.findAllById(cities).forEach((candidate) -> {
			if (candidate.active()) {
				active.add(candidate.cityId());
			}
		});
		int withdrawn = 0;
		for (UUID city : cities) {
			if (!active.contains(city)) {
				try {
					withdrawn += this.decisions.withdrawCity(city).size();
				}
				catch (RuntimeException ex) {
					logger.warn("Withdrawing the pairings of city {}, which withdrew, failed; housekeeping retries",
							city, ex);
				}
			}
		}
		return withdrawn;
	}

	/**
	 * Withdraws the open pairings of cities that withdrew: those a round stored while the
	 * withdrawal was read, when the service stopped before it looked.
	 * @return the pairings withdrawn
	 */
	int withdrawPairingsOfWithdrawnCities() {
		Set<UUID> cities = new HashSet<>();
		for (Pairing pairing : this.pairings.findByStatusIn(List.of(Status.PROPOSED, Status.CONFIRMED))) {
			cities.add(pairing.euCityId());
			cities.add(pairing.naCityId());
		}
		return withdrawGone(cities);
	}

	private void store(Proposal proposal, UUID roundId, @Nullable UUID replaces, Instant now) {
		try {
			this.outbox.insert(Pairing.propose(proposal, roundId, replaces, now, this.properties.answerWithin()));
		}
		catch (DuplicateKeyException ex) {
			logger.debug("Pairing {} was stored before", proposal.pairingId());
		}
	}

	@EventListener
	void slotFreed(SlotFreed freed) {
		try {
			refill(freed.pairingId());
		}
		catch (RuntimeException ex) {
			logger.warn("Refilling the slot of pairing {} failed; the next sweep retries", freed.pairingId(), ex);
		}
	}

	/**
	 * Refills the slots of every pairing that freed one.
	 * @return the new proposals
	 */
	int refillPending() {
		int proposed = 0;
		for (Pairing freed : this.pairings.findByRefillPendingTrue()) {
			proposed += refill(freed.id()).isPresent() ? 1 : 0;
		}
		return proposed;
	}

	/**
	 * Re-optimises the one slot a pairing freed, leaving the rest of its round as it is:
	 * the best candidate for the EU city among those with free capacity, never a pair
	 * declined before nor one already proposed to the city in this round.
	 * @param freedId the declined, expired or withdrawn pairing
	 * @return the new proposal, if a candidate exists
	 */
	Optional<Pairing> refill(UUID freedId) {
		Optional<Pairing> refilled = this.lock.holding(() -> {
			Pairing freed = this.pairings.findById(freedId).orElse(null);
			if (freed == null || !freed.refillPending()) {
				return Optional.empty();
			}
			Optional<Candidate> eu = this.candidates.findById(freed.euCityId()).filter(Candidate::active);
			Optional<Round> round = this.rounds.findById(freed.roundId());
			Optional<Pairing> proposed = Optional.empty();
			if (eu.isPresent() && round.isPresent()) {
				Parameters parameters = round.get().parameters();
				Set<UUID> tried = new HashSet<>();
				this.pairings.findByRoundId(freed.roundId())
					.stream()
					.filter((pairing) -> pairing.euCityId().equals(freed.euCityId()))
					.forEach((pairing) -> tried.add(pairing.naCityId()));
				RoundPlan plan = new RoundPlan(parameters, List.of(eu.get()), naPool(parameters),
						this.properties.weights(), this.history, this.pairings.findByStatusIn(RoundPlan.RELEVANT),
						tried);
				Solution solution = Optimiser.solve(plan.problem(true));
				if (!solution.pairs().isEmpty()) {
					Solution.Pair pair = solution.pairs().get(0);
					UUID id = UUID.nameUUIDFromBytes(("refill:" + freedId).getBytes(StandardCharsets.UTF_8));
					ProposedPair chosen = plan.proposed(pair, id);
					store(new Proposal(id, chosen.euCityId(), chosen.naCityId(), chosen.naCanadian(), chosen.score(),
							chosen.sharedThemes(), chosen.reasons()), freed.roundId(), freedId, this.clock.instant());
					proposed = this.pairings.findById(id);
				}
			}
			this.decisions.refilled(freedId);
			return proposed;
		});
		refilled.ifPresent((pairing) -> withdrawGone(Set.of(pairing.euCityId(), pairing.naCityId())));
		return refilled;
	}

	private Round plan(Parameters parameters) {
		long started = System.nanoTime();
		List<Candidate> active = this.candidates.findByActiveTrue();
		Set<UUID> cohort = new HashSet<>(parameters.cohortCityIds());
		boolean cohortHasEu = active.stream()
			.anyMatch((city) -> city.side() == Candidate.Side.EU && cohort.contains(city.cityId()));
		List<Candidate> eu = active.stream()
			.filter((city) -> city.side() == Candidate.Side.EU)
			.filter((city) -> !cohortHasEu || cohort.contains(city.cityId()))
			.filter((city) -> worksOnCohortThemes(city, parameters))
			.sorted(Comparator.comparing(Candidate::cityId))
			.toList();
		RoundPlan plan = new RoundPlan(parameters, eu, naPool(parameters), this.properties.weights(), this.history,
				this.pairings.findByStatusIn(RoundPlan.RELEVANT), Set.of());
		Solution solution = Optimiser.solve(plan.problem(false));
		List<ProposedPair> proposals = new ArrayList<>();
		double objective = 0;
		int[] partners = plan.existing();
		for (Solution.Pair pair : solution.pairs()) {
			ProposedPair proposed = plan.proposed(pair, UUID.randomUUID());
			proposals.add(proposed);
			objective += proposed.score();
			partners[pair.eu()]++;
		}
		List<BelowMinimum> below = new ArrayList<>();
		int atMinimum = 0;
		for (int i = 0; i < eu.size(); i++) {
			if (partners[i] >= parameters.minPartners()) {
				atMinimum++;
			}
			else {
				below.add(new BelowMinimum(eu.get(i).cityId().toString(), partners[i], plan.shortfall(i)));
			}
		}
		long millis = (System.nanoTime() - started) / 1_000_000;
		return new Round(UUID.randomUUID(), parameters, Round.State.PLANNED, Scoring.round(objective),
				List.copyOf(proposals), List.copyOf(below), new Round.Summary(eu.size(), plan.naCount(),
						plan.eligible(), solution.pairsConsidered(), solution.iterations(), atMinimum, millis),
				this.clock.instant());
	}

	private List<Candidate> naPool(Parameters parameters) {
		Set<UUID> cohort = new HashSet<>(parameters.cohortCityIds());
		List<Candidate> active = this.candidates.findByActiveTrue();
		boolean cohortHasNa = active.stream()
			.anyMatch((city) -> city.side() == Candidate.Side.NA && cohort.contains(city.cityId()));
		return active.stream()
			.filter((city) -> city.side() == Candidate.Side.NA)
			.filter((city) -> !cohortHasNa || cohort.contains(city.cityId()))
			.filter((city) -> worksOnCohortThemes(city, parameters))
			.sorted(Comparator.comparing(Candidate::cityId))
			.toList();
	}

	private static boolean worksOnCohortThemes(Candidate city, Parameters parameters) {
		return parameters.cohortThemes().isEmpty()
				|| city.themes().stream().anyMatch(parameters.cohortThemes()::contains);
	}

}
