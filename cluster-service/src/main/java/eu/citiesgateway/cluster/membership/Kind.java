package eu.citiesgateway.cluster.membership;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a member is.
 */
public enum Kind {

	/** A city of the programme. */
	CITY,
	/** A practitioner organisation: business, civil society or knowledge partner. */
	ORGANISATION;

	/** The name in the API and the events. */
	public String slug() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<Kind> of(String slug) {
		return Arrays.stream(values()).filter((kind) -> kind.slug().equals(slug)).findFirst();
	}

}
