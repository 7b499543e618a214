package eu.citiesgateway.cluster.activity;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of cluster activity.
 */
public enum Type {

	/** Practitioners visit a host city for a few days. */
	STUDY_VISIT("study-visit"),
	/** A thematic hub session, online or in person, with an agenda. */
	THEMATIC_HUB("thematic-hub"),
	/** A joint pilot project of EU and US or Canadian cities, over months. */
	PILOT_PROJECT("pilot-project");

	private final String slug;

	Type(String slug) {
		this.slug = slug;
	}

	/** The name in the API and the events. */
	public String slug() {
		return this.slug;
	}

	static Optional<Type> of(String slug) {
		return Arrays.stream(values()).filter((type) -> type.slug.equals(slug)).findFirst();
	}

}
