package eu.citiesgateway.matching.pairing;

/**
 * The two parties of a pairing.
 */
public enum Side {

	/** The European city. */
	EU,
	/** The US or Canadian city. */
	NA

}
