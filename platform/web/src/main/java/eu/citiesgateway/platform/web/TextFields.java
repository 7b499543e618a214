package eu.citiesgateway.platform.web;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The rules of free-text request fields, the same in every service: texts are kept in
 * Unicode NFC without surrounding white space; a required text is not blank; no text is
 * longer than its limit (counted after normalising); and no text holds characters that
 * change how other programs read or show it:
 * <ul>
 * <li>control characters (C0, DEL, C1): a line of its own in an iCalendar feed or a log
 * starts with a line break. One-line texts (names, titles, places, list items) hold no
 * line break at all; {@linkplain #paragraphs multi-line texts} (descriptions, reasons)
 * keep line feeds, with CRLF, a bare CR and the Unicode line and paragraph separators
 * made LF before anything else sees them;</li>
 * <li>bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
 * which make a text read differently from how it is stored;</li>
 * <li>invisible formatting characters (Unicode category Cf, such as the zero-width space,
 * the soft hyphen or the byte order mark, and the Hangul fillers), which make two texts
 * that look the same differ; the zero-width joiner and non-joiner, which some scripts and
 * emoji need, are kept, and {@link #matchKey} ignores them;</li>
 * <li>unpaired surrogates and noncharacters, which are not text.</li>
 * </ul>
 * Each is refused with a field error naming the code point found.
 */
public final class TextFields {

	private static final Pattern LINE_BREAKS = Pattern.compile("\r\n|[\r\u0085\u2028\u2029]");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SPACES = Pattern.compile("\\s+");

	private TextFields() {
	}

	/**
	 * Checks a one-line text.
	 * @param field the field's name, as the problem details list it
	 * @param text the text sent
	 * @param max the largest length allowed, after normalising
	 * @param required whether a blank or missing text is a violation
	 * @param violations where violations are added
	 * @return the text normalised, or null when blank or missing
	 */
	public static @Nullable String text(String field, @Nullable String text, int max, boolean required,
			List<FieldViolation> violations) {
		return check(field, text, max, required, false, violations);
	}

	/**
	 * Checks a multi-line text: like {@link #text} but line feeds are kept, and every
	 * other line break is made a line feed.
	 * @param field the field's name, as the problem details list it
	 * @param text the text sent
	 * @param max the largest length allowed, after normalising
	 * @param required whether a blank or missing text is a violation
	 * @param violations where violations are added
	 * @return the text normalised, or null when blank or missing
	 */
	public static @Nullable String paragraphs(String field, @Nullable String text, int max, boolean required,
			List<FieldViolation> violations) {
		return check(field, text, max, required, true, violations);
	}

	/**
	 * Checks a list of one-line texts, each required and each within a limit.
	 * @param field the field's name; its items are named {@code field[i]}
	 * @param items the texts sent
	 * @param maxItems the most items allowed
	 * @param max the largest length allowed for an item
	 * @param violations where violations are added
	 * @return the items normalised, without the blank ones; empty when missing or too
	 * many
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

	/**
	 * The stored form of a one-line text: NFC, without surrounding white space. For
	 * services that check lengths and blanks themselves, e.g. with Bean Validation.
	 * @param text the text sent
	 * @return the text normalised; null for null
	 */
	public static @Nullable String normalised(@Nullable String text) {
		return (text != null) ? Normalizer.normalize(text, Normalizer.Form.NFC).strip() : null;
	}

	/**
	 * The stored form of a multi-line text: every line break a line feed, NFC, without
	 * surrounding white space.
	 * @param text the text sent
	 * @return the text normalised; null for null
	 */
	public static @Nullable String normalisedParagraphs(@Nullable String text) {
		return (text != null) ? normalised(LINE_BREAKS.matcher(text).replaceAll("\n")) : null;
	}

	/**
	 * What is wrong with the characters of a normalised text.
	 * @param text the text, as {@link #normalised} or {@link #normalisedParagraphs}
	 * returned it
	 * @param multiLine whether line feeds are allowed
	 * @return the message of the field error, or null when every character is allowed
	 */
	public static @Nullable String characterProblem(String text, boolean multiLine) {
		for (int i = 0; i < text.length();) {
			char unit = text.charAt(i);
			if (Character.isSurrogate(unit) && !(Character.isHighSurrogate(unit) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1)))) {
				return "must be valid Unicode text; it holds an unpaired surrogate (" + codePoint(unit) + ")";
			}
			int point = text.codePointAt(i);
			i += Character.charCount(point);
			if (point == '\n' && multiLine) {
				continue;
			}
			if (!multiLine && isLineBreak(point)) {
				return "must be a single line; it holds a line break (" + codePoint(point) + ")";
			}
			if (Character.isISOControl(point)) {
				return "must not contain control characters (" + codePoint(point) + ")";
			}
			if ((point >= 0x202A && point <= 0x202E) || (point >= 0x2066 && point <= 0x2069)) {
				return "must not contain bidirectional overrides or isolates (" + codePoint(point) + ")";
			}
			if (isInvisible(point) && point != 0x200C && point != 0x200D) {
				return "must not contain invisible formatting characters (" + codePoint(point) + ")";
			}
			if ((point & 0xFFFE) == 0xFFFE || (point >= 0xFDD0 && point <= 0xFDEF)) {
				return "must not contain noncharacters (" + codePoint(point) + ")";
			}
		}
		return null;
	}

	/**
	 * The form under which two texts count as the same, for duplicate checks and
	 * searches: compatibility forms folded (NFKD), accents, invisible characters and case
	 * ignored, white space collapsed.
	 * @param text the text
	 * @return its key
	 */
	public static String matchKey(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
		StringBuilder visible = new StringBuilder(decomposed.length());
		decomposed.codePoints().filter((point) -> !isInvisible(point)).forEach(visible::appendCodePoint);
		String folded = MARKS.matcher(visible).replaceAll("").toLowerCase(Locale.ROOT).strip();
		return SPACES.matcher(folded).replaceAll(" ");
	}

	private static @Nullable String check(String field, @Nullable String text, int max, boolean required,
			boolean multiLine, List<FieldViolation> violations) {
		if (text == null || text.isBlank()) {
			if (required) {
				violations.add(new FieldViolation(field, "is required"));
			}
			return null;
		}
		String normalised = multiLine ? normalisedParagraphs(text) : normalised(text);
		String problem = characterProblem(normalised, multiLine);
		if (problem != null) {
			violations.add(new FieldViolation(field, problem));
		}
		else if (normalised.length() > max) {
			violations.add(new FieldViolation(field, "must be at most " + max + " characters"));
		}
		return normalised;
	}

	private static boolean isLineBreak(int point) {
		return point == '\n' || point == '\r' || point == 0x0B || point == 0x0C || point == 0x85 || point == 0x2028
				|| point == 0x2029;
	}

	/**
	 * Whether a code point is invisible: a formatting character (category Cf) or one of
	 * the Hangul fillers, letters that show nothing.
	 */
	private static boolean isInvisible(int point) {
		return Character.getType(point) == Character.FORMAT || point == 0x115F || point == 0x1160 || point == 0x3164
				|| point == 0xFFA0;
	}

	private static String codePoint(int point) {
		return String.format(Locale.ROOT, "U+%04X", point);
	}

}
