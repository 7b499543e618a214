package eu.citiesgateway.platform.web.security;

import java.util.List;

/**
 * The scopes of the platform's bearer tokens (the {@code scope} claim, space separated):
 * the contract with identity providers. Each names what a caller may do.
 */
public final class Scopes {

	/** Register, import, change and withdraw cities; register organisations. */
	public static final String REGISTRY_WRITE = "registry:write";

	/** See contact persons of cities and organisations in registry reads. */
	public static final String REGISTRY_CONTACTS = "registry:contacts";

	/** Read rounds, proposals and pairings that are not confirmed. */
	public static final String MATCHING_READ = "matching:read";

	/** Run rounds, decide for either side of a pairing, complete pairings. */
	public static final String MATCHING_WRITE = "matching:write";

	/**
	 * A city representative: accept or decline pairings of the city named in the token's
	 * {@code city_id} claim, for that city's side only.
	 */
	public static final String PAIRINGS_DECIDE = "pairings:decide";

	/**
	 * Add and remove cluster members; schedule, change, complete and cancel activities.
	 */
	public static final String CLUSTERS_WRITE = "clusters:write";

	/** Draft, edit, preview and publish newsletter issues; read deliveries. */
	public static final String NEWSLETTER_WRITE = "newsletter:write";

	/** Export and erase a subscriber's data. */
	public static final String NEWSLETTER_PRIVACY = "newsletter:privacy";

	/**
	 * Dead-letter replay, the audit trail and every actuator endpoint beyond the probes
	 * and metrics.
	 */
	public static final String OPS = "ops";

	/** Every scope, in the order above. */
	public static final List<String> ALL = List.of(REGISTRY_WRITE, REGISTRY_CONTACTS, MATCHING_READ, MATCHING_WRITE,
			PAIRINGS_DECIDE, CLUSTERS_WRITE, NEWSLETTER_WRITE, NEWSLETTER_PRIVACY, OPS);

	/** The claim that names the city a {@link #PAIRINGS_DECIDE} token may decide for. */
	public static final String CITY_ID_CLAIM = "city_id";

	private Scopes() {
	}

	/**
	 * The Spring Security authority of a scope.
	 * @param scope the scope
	 * @return {@code SCOPE_<scope>}
	 */
	public static String authority(String scope) {
		return "SCOPE_" + scope;
	}

}
