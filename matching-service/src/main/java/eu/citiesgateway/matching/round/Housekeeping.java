package eu.citiesgateway.matching.round;

import eu.citiesgateway.matching.pairing.Decisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires unanswered proposals, refills freed slots that were missed (a crash between a
 * decision and its refill), and completes interrupted rounds, every
 * {@code matching.expiry-check-interval}.
 */
@Component
class Housekeeping {

	private static final Logger logger = LoggerFactory.getLogger(Housekeeping.class);

	private final Decisions decisions;

	private final Matchmaker matchmaker;

	Housekeeping(Decisions decisions, Matchmaker matchmaker) {
		this.decisions = decisions;
		this.matchmaker = matchmaker;
	}

	@Scheduled(fixedDelayString = "${matching.expiry-check-interval:PT1M}",
			initialDelayString = "${matching.expiry-check-interval:PT1M}")
	void run() {
		try {
			int rounds = this.matchmaker.completeInterruptedRounds();
			int expired = this.decisions.expireDue();
			int withdrawn = this.matchmaker.withdrawPairingsOfWithdrawnCities();
			int refilled = this.matchmaker.refillPending();
			if (rounds + expired + withdrawn + refilled > 0) {
				logger.info(
						"Housekeeping: {} interrupted rounds completed, {} proposals expired, {} pairings of withdrawn "
								+ "cities withdrawn, {} slots refilled",
						rounds, expired, withdrawn, refilled);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Housekeeping failed; it runs again after the next interval", ex);
		}
	}

}
