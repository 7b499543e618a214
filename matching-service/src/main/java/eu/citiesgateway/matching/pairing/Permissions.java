package eu.citiesgateway.matching.pairing;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import eu.citiesgateway.platform.web.security.Caller;
import eu.citiesgateway.platform.web.security.Scopes;
import org.jspecify.annotations.Nullable;

import org.springframework.security.access.AccessDeniedException;

/**
 * What a caller may see and decide of pairings, beyond the scope each endpoint needs.
 * Confirmed pairings, and the completed ones (which were confirmed), are public; the
 * others need {@value Scopes#MATCHING_READ}, except that a city's representative (a
 * {@value Scopes#PAIRINGS_DECIDE} token naming its city in {@value Scopes#CITY_ID_CLAIM})
 * sees every pairing of its own city. Deciding needs {@value Scopes#MATCHING_WRITE},
 * which decides for either side, or a representative deciding for its own city's side of
 * a pairing of its city. A refusal is an {@link AccessDeniedException}: 401 without a
 * token, 403 with one.
 *
 * @param readsAll whether the caller reads every pairing ({@value Scopes#MATCHING_READ})
 * @param decidesAll whether the caller decides for either side of any pairing
 * ({@value Scopes#MATCHING_WRITE})
 * @param city the city a representative acts for, {@code null} if the caller is none
 */
record Permissions(boolean readsAll, boolean decidesAll, @Nullable UUID city) {

	/** The states in which anyone may read a pairing. */
	static final List<Status> PUBLIC = Arrays.stream(Status.values()).filter(Status::isPublic).toList();

	/**
	 * The permissions of the bearer token of the request being handled.
	 * @return none without a token
	 */
	static Permissions ofCaller() {
		UUID city = Caller.hasScope(Scopes.PAIRINGS_DECIDE) ? Caller.cityId().orElse(null) : null;
		return new Permissions(Caller.hasScope(Scopes.MATCHING_READ), Caller.hasScope(Scopes.MATCHING_WRITE), city);
	}

	boolean mayRead(Pairing pairing) {
		return this.readsAll || pairing.status().isPublic()
				|| (this.city != null && pairing.sideOf(this.city).isPresent());
	}

	void checkRead(Pairing pairing) {
		if (!mayRead(pairing)) {
			throw new AccessDeniedException("Pairing " + pairing.id() + " is " + pairing.status()
					+ ": only confirmed and completed pairings are public; reading it needs the scope "
					+ Scopes.MATCHING_READ + ", or " + Scopes.PAIRINGS_DECIDE + " for one of its cities");
		}
	}

	/**
	 * Checks that the caller may search pairings in a state; a representative then finds
	 * those of its own city only.
	 * @param status the state asked for
	 */
	void checkSearch(Status status) {
		if (!this.readsAll && !status.isPublic() && this.city == null) {
			throw new AccessDeniedException(status + " pairings are not public: searching them needs the scope "
					+ Scopes.MATCHING_READ + ", or " + Scopes.PAIRINGS_DECIDE + " for the pairings of one's own city");
		}
	}

	/**
	 * Checks that the caller may decide for a side of a pairing, before anything changes.
	 * @param pairing the pairing
	 * @param side the side decided for
	 */
	void checkDecision(Pairing pairing, Side side) {
		if (this.decidesAll) {
			return;
		}
		if (this.city == null) {
			throw new AccessDeniedException(
					"Deciding on a pairing needs the scope " + Scopes.MATCHING_WRITE + ", or " + Scopes.PAIRINGS_DECIDE
							+ " with the city it acts for (a UUID) in the token's " + Scopes.CITY_ID_CLAIM + " claim");
		}
		Side own = pairing.sideOf(this.city)
			.orElseThrow(() -> new AccessDeniedException(
					"City " + this.city + " is not a party to pairing " + pairing.id() + ": it cannot decide on it"));
		if (own != side) {
			throw new AccessDeniedException("City " + this.city + " is the " + own + " side of pairing " + pairing.id()
					+ ": it cannot decide for the " + side + " side");
		}
	}

}
