package eu.citiesgateway.newsletter.subscription;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the newsletter is written in.
 */
public enum Language {

	/** English. */
	EN,
	/** French. */
	FR;

	/** The ISO 639-1 code. */
	public String code() {
		return name().toLowerCase(Locale.ROOT);
	}

	public Locale locale() {
		return Locale.forLanguageTag(code());
	}

	public static Optional<Language> of(String code) {
		return Arrays.stream(values()).filter((language) -> language.code().equals(code)).findFirst();
	}

}
