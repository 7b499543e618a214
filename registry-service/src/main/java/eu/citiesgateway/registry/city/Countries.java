package eu.citiesgateway.registry.city;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The countries whose cities take part: the 27 EU member states on one side, the United
 * States and Canada on the other (ISO 3166-1 alpha-2).
 */
final class Countries {

	static final Set<String> EU = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU",
			"IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

	static final Set<String> NA = Set.of("US", "CA");

	static final String ALLOWED = "the 27 EU member states " + new TreeSet<>(EU) + ", US or CA";

	private Countries() {
	}

	static Optional<Side> sideOf(String country) {
		if (EU.contains(country)) {
			return Optional.of(Side.EU);
		}
		return NA.contains(country) ? Optional.of(Side.NA) : Optional.empty();
	}

}
