package eu.citiesgateway.newsletter.subscription;

import java.util.List;

/**
 * What a subscriber may hear about: the programme's four thematic clusters.
 */
public final class Interests {

	/** The cluster ids, in the programme's order. */
	public static final List<String> ALL = List.of("nature-based-solutions", "circular-economy",
			"digital-inclusive-innovation", "affordable-housing");

	private Interests() {
	}

}
