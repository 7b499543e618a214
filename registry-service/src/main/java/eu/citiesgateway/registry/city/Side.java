package eu.citiesgateway.registry.city;

/**
 * The side of the Atlantic a city is on, derived from its country.
 */
public enum Side {

	/** A city in one of the 27 EU member states. */
	EU,

	/** A city in the United States or Canada. */
	NA

}
