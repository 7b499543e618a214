package eu.citiesgateway.newsletter.issue;

import eu.citiesgateway.newsletter.subscription.Language;
import org.jspecify.annotations.Nullable;

/**
 * A text in the newsletter's two languages.
 *
 * @param en in English
 * @param fr in French
 */
public record Text(@Nullable String en, @Nullable String fr) {

	public String in(Language language) {
		String text = (language == Language.FR) ? this.fr : this.en;
		return (text != null) ? text : "";
	}

}
