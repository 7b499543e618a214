package eu.citiesgateway.newsletter.subscription;

/**
 * What a link from a mail turned out to be.
 */
public enum LinkOutcome {

	/** It works (or did what it was for). */
	VALID,
	/** It expired. */
	EXPIRED,
	/** It was used already. */
	USED,
	/** No such link: mistyped, forged, or its subscriber is gone. */
	UNKNOWN

}
