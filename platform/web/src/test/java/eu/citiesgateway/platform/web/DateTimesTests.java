package eu.citiesgateway.platform.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The date-times clients send: with an offset, in whole minutes, between 1900 and 2200.
 */
class DateTimesTests {

	@Test
	void aDateTimeWithItsOffsetIsTaken() {
		List<FieldViolation> violations = new ArrayList<>();

		OffsetDateTime time = DateTimes.offsetDateTime("startsAt", "2027-03-02T09:00:00+01:00", true, violations);

		assertThat(time).isEqualTo(OffsetDateTime.parse("2027-03-02T09:00:00+01:00"));
		assertThat(DateTimes.instant("from", "2027-03-02T08:00:00Z", false, violations))
			.isEqualTo(Instant.parse("2027-03-02T08:00:00Z"));
		assertThat(violations).isEmpty();
	}

	@Test
	void theYearPlusNineHundredNinetyNineThousandIsRefused() {
		List<FieldViolation> violations = new ArrayList<>();

		assertThat(DateTimes.offsetDateTime("startsAt", "+999999-03-02T09:00:00+01:00", true, violations)).isNull();
		assertThat(DateTimes.offsetDateTime("endsAt", "1899-12-31T23:59:00Z", true, violations)).isNull();
		assertThat(DateTimes.offsetDateTime("endsAt", "2200-12-31T23:00:00-05:00", true, violations)).isNull();

		assertThat(violations).extracting(FieldViolation::field).containsExactly("startsAt", "endsAt", "endsAt");
		assertThat(violations.get(0).message()).endsWith("is not between the years 1900 and 2200");
	}

	@Test
	void aTimeWithoutAnOffsetOrWithSecondsInItIsRefusedSayingWhy() {
		List<FieldViolation> violations = new ArrayList<>();

		DateTimes.offsetDateTime("startsAt", "2027-03-02T09:00:00", true, violations);
		DateTimes.offsetDateTime("endsAt", "2027-03-02T09:00:00+01:00:30", true, violations);
		DateTimes.offsetDateTime("from", "yesterday", false, violations);
		DateTimes.offsetDateTime("to", " ", true, violations);

		assertThat(violations).extracting(FieldViolation::message)
			.containsExactly("'2027-03-02T09:00:00' has no time zone offset; write it like 2027-03-02T09:00:00+01:00",
					"'2027-03-02T09:00:00+01:00:30' has an offset with seconds; use whole minutes",
					"'yesterday' is not a date-time like 2027-03-02T09:00:00+01:00",
					"is required, like 2027-03-02T09:00:00+01:00");
	}

	@Test
	void aMissingOptionalTimeIsNoViolation() {
		List<FieldViolation> violations = new ArrayList<>();

		assertThat(DateTimes.instant("from", null, false, violations)).isNull();
		assertThat(violations).isEmpty();
	}

	@Test
	void aLongTextIsEchoedShortened() {
		List<FieldViolation> violations = new ArrayList<>();

		DateTimes.offsetDateTime("from", "x".repeat(5000), false, violations);

		assertThat(violations.get(0).message()).hasSizeLessThan(100);
	}

}
