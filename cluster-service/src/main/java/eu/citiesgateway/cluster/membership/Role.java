package eu.citiesgateway.cluster.membership;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A member's role in a cluster.
 */
public enum Role {

	/** Takes part. */
	MEMBER,
	/** Also coordinates the cluster's work. */
	COORDINATOR;

	/** The name in the API and the events. */
	public String slug() {
		return name().toLowerCase(Locale.ROOT);
	}

	static Optional<Role> of(String slug) {
		return Arrays.stream(values()).filter((role) -> role.slug().equals(slug)).findFirst();
	}

}
