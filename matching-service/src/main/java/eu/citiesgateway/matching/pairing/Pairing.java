package eu.citiesgateway.matching.pairing;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import eu.citiesgateway.matching.pairing.PairingEvents.PairingAccepted;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingCompleted;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingConfirmed;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingDeclined;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingExpired;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingProposed;
import eu.citiesgateway.matching.pairing.PairingEvents.PairingWithdrawn;
import eu.citiesgateway.platform.events.AggregateRoot;
import eu.citiesgateway.platform.events.PublishesTo;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A proposed partnership between an EU city and a US or Canadian city, and what became of
 * it. Each state change checks its precondition and raises its event.
 */
@Document("pairings")
@PublishesTo("matching.pairings.v1")
public class Pairing extends AggregateRoot {

	/** The longest decline reason or outcome, as the event schemas allow. */
	static final int MAX_TEXT = 2000;

	@Id
	private final UUID id;

	private final UUID roundId;

	private final UUID euCityId;

	private final UUID naCityId;

	private final boolean naCanadian;

	private final double score;

	private final List<String> sharedThemes;

	private final List<Reason> reasons;

	private final @Nullable UUID replaces;

	private final Instant proposedAt;

	private final Instant expiresAt;

	private Status status;

	private Set<Side> acceptedBy;

	private @Nullable Side declinedBy;

	private @Nullable String declineReason;

	private @Nullable String outcome;

	private @Nullable Instant closedAt;

	private boolean refillPending;

	@PersistenceCreator
	Pairing(UUID id, UUID roundId, UUID euCityId, UUID naCityId, boolean naCanadian, double score,
			List<String> sharedThemes, List<Reason> reasons, @Nullable UUID replaces, Instant proposedAt,
			Instant expiresAt, Status status, @Nullable Set<Side> acceptedBy) {
		this.id = id;
		this.roundId = roundId;
		this.euCityId = euCityId;
		this.naCityId = naCityId;
		this.naCanadian = naCanadian;
		this.score = score;
		this.sharedThemes = List.copyOf(sharedThemes);
		this.reasons = List.copyOf(reasons);
		this.replaces = replaces;
		this.proposedAt = proposedAt;
		this.expiresAt = expiresAt;
		this.status = status;
		this.acceptedBy = EnumSet.noneOf(Side.class);
		if (acceptedBy != null) {
			this.acceptedBy.addAll(acceptedBy);
		}
	}

	/**
	 * Proposes a pair.
	 * @param proposal who, with what score and why
	 * @param roundId the round proposing it
	 * @param replaces the pairing whose slot this refills, if any
	 * @param now the time of the proposal
	 * @param answerWithin how long the sides have to answer
	 * @return the new pairing, with its {@code PairingProposed} event
	 */
	public static Pairing propose(Proposal proposal, UUID roundId, @Nullable UUID replaces, Instant now,
			Duration answerWithin) {
		Pairing pairing = new Pairing(proposal.pairingId(), roundId, proposal.euCityId(), proposal.naCityId(),
				proposal.naCanadian(), proposal.score(), proposal.sharedThemes(), proposal.reasons(), replaces, now,
				now.plus(answerWithin), Status.PROPOSED, null);
		pairing.raise(new PairingProposed(pairing.id, roundId, pairing.euCityId, pairing.naCityId, pairing.score,
				pairing.sharedThemes, pairing.reasons, replaces, now, pairing.expiresAt));
		return pairing;
	}

	/**
	 * One side accepts; the pairing is confirmed once both have. Accepting again is a
	 * no-op.
	 * @param side who accepts
	 * @param now when
	 * @return this pairing
	 * @throws PairingClosedException if the pairing is no longer open
	 */
	Pairing accept(Side side, Instant now) {
		requireOpen("accept");
		if (this.acceptedBy.add(side)) {
			raise(new PairingAccepted(this.id, this.euCityId, this.naCityId, side, now));
			if (this.acceptedBy.size() == Side.values().length) {
				this.status = Status.CONFIRMED;
				raise(new PairingConfirmed(this.id, this.euCityId, this.naCityId, this.sharedThemes, now));
			}
		}
		return this;
	}

	/**
	 * One side declines: the pair is never proposed again and the EU city's slot is to be
	 * refilled.
	 * @param side who declines
	 * @param reason why
	 * @param now when
	 * @return this pairing
	 * @throws PairingClosedException if the pairing is no longer open
	 */
	Pairing decline(Side side, String reason, Instant now) {
		requireText("reason", reason);
		requireOpen("decline");
		this.status = Status.DECLINED;
		this.declinedBy = side;
		this.declineReason = reason;
		this.closedAt = now;
		this.refillPending = true;
		raise(new PairingDeclined(this.id, this.euCityId, this.naCityId, side, reason, now));
		return this;
	}

	/**
	 * Ends a proposal that was not accepted by both sides in time; the EU city's slot is
	 * to be refilled.
	 * @param now the time, at or after {@link #expiresAt()}
	 * @return this pairing
	 */
	Pairing expire(Instant now) {
		requireOpen("expire");
		if (now.isBefore(this.expiresAt)) {
			throw new IllegalStateException("Pairing " + this.id + " expires at " + this.expiresAt);
		}
		this.status = Status.EXPIRED;
		this.closedAt = now;
		this.refillPending = true;
		raise(new PairingExpired(this.id, this.euCityId, this.naCityId, now));
		return this;
	}

	/**
	 * Ends a proposed or confirmed pairing because one of its cities left.
	 * @param cityId the city that left
	 * @param now when
	 * @return this pairing
	 */
	Pairing withdraw(UUID cityId, Instant now) {
		if (!cityId.equals(this.euCityId) && !cityId.equals(this.naCityId)) {
			throw new IllegalArgumentException("City " + cityId + " is not a party to pairing " + this.id);
		}
		if (!this.status.isActive()) {
			throw new PairingClosedException(this, "withdraw");
		}
		this.status = Status.WITHDRAWN;
		this.closedAt = now;
		// the EU city stays in the programme when its partner left: refill its slot
		this.refillPending = cityId.equals(this.naCityId);
		raise(new PairingWithdrawn(this.id, this.euCityId, this.naCityId, cityId, now));
		return this;
	}

	/**
	 * Closes a confirmed pairing.
	 * @param outcome what came of it
	 * @param now when
	 * @return this pairing
	 */
	Pairing complete(String outcome, Instant now) {
		requireText("outcome", outcome);
		if (this.status != Status.CONFIRMED) {
			throw new PairingClosedException(this, "complete");
		}
		this.status = Status.COMPLETED;
		this.outcome = outcome;
		this.closedAt = now;
		raise(new PairingCompleted(this.id, this.euCityId, this.naCityId, outcome, now));
		return this;
	}

	/**
	 * Records that the freed slot was refilled, or that there was nothing to refill it
	 * with.
	 * @return this pairing
	 */
	public Pairing refilled() {
		this.refillPending = false;
		return this;
	}

	/**
	 * The side a city takes in this pairing.
	 * @param cityId the city
	 * @return its side, empty if the city is not a party to this pairing
	 */
	Optional<Side> sideOf(UUID cityId) {
		if (cityId.equals(this.euCityId)) {
			return Optional.of(Side.EU);
		}
		return cityId.equals(this.naCityId) ? Optional.of(Side.NA) : Optional.empty();
	}

	private static void requireText(String name, String text) {
		if (text.isBlank() || text.length() > MAX_TEXT) {
			throw new IllegalArgumentException("The " + name + " must be 1 to " + MAX_TEXT + " characters");
		}
	}

	private void requireOpen(String action) {
		if (!this.status.isOpen()) {
			throw new PairingClosedException(this, action);
		}
	}

	@Override
	public String aggregateId() {
		return this.id.toString();
	}

	public UUID id() {
		return this.id;
	}

	public UUID roundId() {
		return this.roundId;
	}

	public UUID euCityId() {
		return this.euCityId;
	}

	public UUID naCityId() {
		return this.naCityId;
	}

	public boolean naCanadian() {
		return this.naCanadian;
	}

	public double score() {
		return this.score;
	}

	public List<String> sharedThemes() {
		return this.sharedThemes;
	}

	public List<Reason> reasons() {
		return this.reasons;
	}

	public @Nullable UUID replaces() {
		return this.replaces;
	}

	public Instant proposedAt() {
		return this.proposedAt;
	}

	public Instant expiresAt() {
		return this.expiresAt;
	}

	public Status status() {
		return this.status;
	}

	public Set<Side> acceptedBy() {
		return Set.copyOf(this.acceptedBy);
	}

	public @Nullable Side declinedBy() {
		return this.declinedBy;
	}

	public @Nullable String declineReason() {
		return this.declineReason;
	}

	public @Nullable String outcome() {
		return this.outcome;
	}

	public @Nullable Instant closedAt() {
		return this.closedAt;
	}

	public boolean refillPending() {
		return this.refillPending;
	}

}
