package eu.citiesgateway.matching.pairing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Pairings in a given state, for tests outside this package.
 */
public final class PairingFixtures {

	private PairingFixtures() {
	}

	/**
	 * A pairing of two cities that went through its lifecycle to a state.
	 * @param eu the EU city
	 * @param na the US or Canadian city
	 * @param naCanadian whether the partner is Canadian
	 * @param status the state to reach
	 * @return the pairing
	 */
	public static Pairing pairing(UUID eu, UUID na, boolean naCanadian, Status status) {
		Instant now = Instant.parse("2026-01-01T00:00:00Z");
		Pairing pairing = Pairing.propose(
				new Proposal(UUID.randomUUID(), eu, na, naCanadian, 0.5, List.of("circular-economy"), List.of()),
				UUID.randomUUID(), null, now, Duration.ofDays(30));
		return switch (status) {
			case PROPOSED -> pairing;
			case CONFIRMED -> pairing.accept(Side.EU, now).accept(Side.NA, now);
			case DECLINED -> pairing.decline(Side.NA, "No", now);
			case EXPIRED -> pairing.expire(now.plus(Duration.ofDays(30)));
			case WITHDRAWN -> pairing.withdraw(na, now);
			case COMPLETED -> pairing.accept(Side.EU, now).accept(Side.NA, now).complete("Done", now);
		};
	}

}
