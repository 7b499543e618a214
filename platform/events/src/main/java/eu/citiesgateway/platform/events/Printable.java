package eu.citiesgateway.platform.events;

import org.jspecify.annotations.Nullable;

/**
 * A value a stranger chose (a header, a topic name in a request), as it may be logged or
 * answered: quoted, at most a given length, control and format characters replaced.
 */
final class Printable {

	private Printable() {
	}

	static String of(@Nullable String value, int max) {
		if (value == null) {
			return "(none)";
		}
		StringBuilder shown = new StringBuilder("'");
		value.codePoints()
			.limit(max)
			.forEach((c) -> shown.appendCodePoint(
					(Character.isISOControl(c) || !Character.isDefined(c) || Character.getType(c) == Character.FORMAT)
							? '?' : c));
		return shown.append((value.codePointCount(0, value.length()) > max) ? "…'" : "'").toString();
	}

}
