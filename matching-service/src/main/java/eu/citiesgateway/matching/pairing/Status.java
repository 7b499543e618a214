package eu.citiesgateway.matching.pairing;

/**
 * Where a pairing is in its lifecycle.
 */
public enum Status {

	/** Proposed by a round, waiting for both sides to accept. */
	PROPOSED,
	/** Accepted by both sides. */
	CONFIRMED,
	/** Declined by one side; the pair is never proposed again. */
	DECLINED,
	/** Not answered in time. */
	EXPIRED,
	/** Ended because one of the cities left the programme. */
	WITHDRAWN,
	/** Closed with an outcome after the cities worked together. */
	COMPLETED;

	/** Whether the sides may still accept or decline. */
	public boolean isOpen() {
		return this == PROPOSED;
	}

	/** Whether the pairing takes a partner slot of both cities. */
	public boolean isActive() {
		return this == PROPOSED || this == CONFIRMED;
	}

	/**
	 * Whether anyone may read a pairing in this state: the cities are partners, or were
	 * (a completed pairing was confirmed).
	 */
	public boolean isPublic() {
		return this == CONFIRMED || this == COMPLETED;
	}

}
