package eu.citiesgateway.matching.pairing;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import eu.citiesgateway.platform.events.OutboxWriter;
import eu.citiesgateway.platform.web.ResourceNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * What happens to pairings after a round proposed them: the sides' answers, expiry,
 * withdrawal of a city, completion.
 */
@Service
public class Decisions {

	private static final Logger logger = LoggerFactory.getLogger(Decisions.class);

	private static final int ATTEMPTS = 3;

	private final Pairings pairings;

	private final OutboxWriter outbox;

	private final ApplicationEventPublisher publisher;

	private final Clock clock;

	Decisions(Pairings pairings, OutboxWriter outbox, ApplicationEventPublisher publisher, Clock clock) {
		this.pairings = pairings;
		this.outbox = outbox;
		this.publisher = publisher;
		this.clock = clock;
	}

	Pairing find(UUID id) {
		return this.pairings.findById(id).orElseThrow(() -> new ResourceNotFoundException("pairing", id));
	}

	/**
	 * One side accepts, if the caller may decide for it.
	 * @param id the pairing
	 * @param side the side that accepts
	 * @param caller who decides, checked before anything changes
	 * @return the pairing
	 */
	Pairing accept(UUID id, Side side, Permissions caller) {
		return change(id, (pairing) -> {
			caller.checkDecision(pairing, side);
			return pairing.accept(side, this.clock.instant());
		});
	}

	/**
	 * One side declines, if the caller may decide for it.
	 * @param id the pairing
	 * @param side the side that declines
	 * @param reason why
	 * @param caller who decides, checked before anything changes
	 * @return the pairing
	 */
	Pairing decline(UUID id, Side side, String reason, Permissions caller) {
		return change(id, (pairing) -> {
			caller.checkDecision(pairing, side);
			return pairing.decline(side, reason, this.clock.instant());
		});
	}

	Pairing complete(UUID id, String outcome) {
		return change(id, (pairing) -> pairing.complete(outcome, this.clock.instant()));
	}

	/**
	 * Expires every proposal whose answer time has passed.
	 * @return how many expired
	 */
	public int expireDue() {
		Instant now = this.clock.instant();
		int expired = 0;
		for (Pairing due : this.pairings.findByStatusAndExpiresAtLessThanEqual(Status.PROPOSED, now)) {
			try {
				change(due.id(), (pairing) -> pairing.status().isOpen() ? pairing.expire(now) : pairing);
				expired++;
			}
			catch (OptimisticLockingFailureException ex) {
				logger.debug("Pairing {} changed while expiring; the next check sees it", due.id());
			}
		}
		return expired;
	}

	/**
	 * Ends the proposed and confirmed pairings of a city that left the programme.
	 * @param cityId the city
	 * @return the pairings withdrawn
	 */
	public List<Pairing> withdrawCity(UUID cityId) {
		return this.pairings.findByCityAndStatusIn(cityId, List.of(Status.PROPOSED, Status.CONFIRMED))
			.stream()
			.map((active) -> change(active.id(),
					(pairing) -> pairing.status().isActive() ? pairing.withdraw(cityId, this.clock.instant())
							: pairing))
			.toList();
	}

	/**
	 * Marks a freed slot as refilled.
	 * @param id the pairing that freed it
	 */
	public void refilled(UUID id) {
		change(id, Pairing::refilled);
	}

	private Pairing change(UUID id, UnaryOperator<Pairing> decision) {
		for (int attempt = 1;; attempt++) {
			Pairing pairing = decision.apply(find(id));
			try {
				boolean freed = pairing.refillPending() && !pairing.raisedEvents().isEmpty();
				this.outbox.update(pairing);
				if (freed) {
					this.publisher.publishEvent(new SlotFreed(id));
				}
				return pairing;
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
			}
		}
	}

}
