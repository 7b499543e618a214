package eu.citiesgateway.platform.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The checks of date-times that clients send, in bodies or query parameters, with the
 * same messages in every service: ISO 8601 with a zone offset (an instant without one is
 * ambiguous), the offset in whole minutes and the year, both where it was written and in
 * UTC, within {@value #EARLIEST_YEAR}–{@value #LATEST_YEAR}. Whatever passes is an RFC
 * 3339 date-time, as the event contracts (JSON Schema {@code date-time}) and iCalendar
 * feeds need: {@code OffsetDateTime.parse} alone takes the year +999999.
 */
public final class DateTimes {

	/** The earliest year accepted. */
	public static final int EARLIEST_YEAR = 1900;

	/** The latest year accepted. */
	public static final int LATEST_YEAR = 2200;

	/** How a date-time is written, for messages. */
	public static final String EXAMPLE = "2027-03-02T09:00:00+01:00";

	private static final int ECHO = 40;

	private DateTimes() {
	}

	/**
	 * Checks a date-time with its offset.
	 * @param field the field's name, as the problem details list it
	 * @param text the text sent
	 * @param required whether a missing or blank text is a violation
	 * @param violations where violations are added
	 * @return the date-time, or null when missing or invalid
	 */
	public static @Nullable OffsetDateTime offsetDateTime(String field, @Nullable String text, boolean required,
			List<FieldViolation> violations) {
		if (text == null || text.isBlank()) {
			if (required) {
				violations.add(new FieldViolation(field, "is required, like " + EXAMPLE));
			}
			return null;
		}
		OffsetDateTime time;
		try {
			time = OffsetDateTime.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			violations.add(new FieldViolation(field, unparsable(text)));
			return null;
		}
		if (time.getOffset().getTotalSeconds() % 60 != 0) {
			violations.add(new FieldViolation(field, echo(text) + " has an offset with seconds; use whole minutes"));
			return null;
		}
		if (!inRange(time.getYear()) || !inRange(time.withOffsetSameInstant(ZoneOffset.UTC).getYear())) {
			violations.add(new FieldViolation(field,
					echo(text) + " is not between the years " + EARLIEST_YEAR + " and " + LATEST_YEAR));
			return null;
		}
		return time;
	}

	/**
	 * Checks a date-time with its offset, for a field that needs only the instant (a
	 * search's {@code from}, say).
	 * @param field the field's name, as the problem details list it
	 * @param text the text sent
	 * @param required whether a missing or blank text is a violation
	 * @param violations where violations are added
	 * @return the instant, or null when missing or invalid
	 */
	public static @Nullable Instant instant(String field, @Nullable String text, boolean required,
			List<FieldViolation> violations) {
		OffsetDateTime time = offsetDateTime(field, text, required, violations);
		return (time != null) ? time.toInstant() : null;
	}

	private static boolean inRange(int year) {
		return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
	}

	private static String unparsable(String text) {
		try {
			LocalDateTime.parse(text.strip());
			return echo(text) + " has no time zone offset; write it like " + EXAMPLE;
		}
		catch (DateTimeParseException ex) {
			return echo(text) + " is not a date-time like " + EXAMPLE;
		}
	}

	private static String echo(String text) {
		return "'" + ((text.length() > ECHO) ? text.substring(0, ECHO) + "…" : text) + "'";
	}

}
