package eu.citiesgateway.platform.web;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The checks of free-text request fields, with the same messages in every service: a
 * required text is not blank, no text is longer than its limit, and texts are kept
 * without surrounding white space.
 */
public final class TextFields {

	private TextFields() {
	}

	/**
	 * Checks one text.
	 * @param field the field's name, as the problem details list it
	 * @param text the text sent
	 * @param max the largest length allowed, after stripping
	 * @param required whether a blank or missing text is a violation
	 * @param violations where violations are added
	 * @return the text stripped, or null when blank or missing
	 */
	public static @Nullable String text(String field, @Nullable String text, int max, boolean required,
			List<FieldViolation> violations) {
		if (text == null || text.isBlank()) {
			if (required) {
				violations.add(new FieldViolation(field, "is required"));
			}
			return null;
		}
		String stripped = text.strip();
		if (stripped.length() > max) {
			violations.add(new FieldViolation(field, "must be at most " + max + " characters"));
		}
		return stripped;
	}

	/**
	 * Checks a list of texts, each required and each within a limit.
	 * @param field the field's name; its items are named {@code field[i]}
	 * @param items the texts sent
	 * @param maxItems the most items allowed
	 * @param max the largest length allowed for an item
	 * @param violations where violations are added
	 * @return the items stripped, without the blank ones; empty when missing or too many
	 */
	public static List<String> items(String field, @Nullable List<String> items, int maxItems, int max,
			List<FieldViolation> violations) {
		if (items == null) {
			return List.of();
		}
		if (items.size() > maxItems) {
			violations.add(new FieldViolation(field, "may hold at most " + maxItems + " items"));
			return List.of();
		}
		List<String> cleaned = new ArrayList<>();
		for (int i = 0; i < items.size(); i++) {
			String item = text(field + "[" + i + "]", items.get(i), max, true, violations);
			if (item != null) {
				cleaned.add(item);
			}
		}
		return List.copyOf(cleaned);
	}

}
