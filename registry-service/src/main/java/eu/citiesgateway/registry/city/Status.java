package eu.citiesgateway.registry.city;

/**
 * Whether a city takes part.
 */
public enum Status {

	/** Taking part and open to pairing. */
	ACTIVE,

	/** Left the programme; kept for the record. */
	WITHDRAWN

}
