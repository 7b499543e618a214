package eu.citiesgateway.registry.city;

import java.util.List;

/**
 * The programme's four themes, one per thematic cluster.
 */
final class Themes {

	static final List<String> ALL = List.of("nature-based-solutions", "circular-economy",
			"digital-inclusive-innovation", "affordable-housing");

	private Themes() {
	}

}
