package eu.citiesgateway.platform.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The free-text rules shared by the services' requests.
 */
class TextFieldsTests {

	@Test
	void aRequiredTextIsStrippedAndChecked() {
		List<FieldViolation> violations = new ArrayList<>();

		assertThat(TextFields.text("title", "  Repair cafés  ", 20, true, violations)).isEqualTo("Repair cafés");
		assertThat(TextFields.text("reason", " ", 20, true, violations)).isNull();
		assertThat(TextFields.text("location", null, 20, false, violations)).isNull();
		TextFields.text("outcome", "x".repeat(21), 20, true, violations);

		assertThat(violations).containsExactly(new FieldViolation("reason", "is required"),
				new FieldViolation("outcome", "must be at most 20 characters"));
	}

	@Test
	void theItemsOfAListAreNamedByTheirPlace() {
		List<FieldViolation> violations = new ArrayList<>();

		List<String> agenda = TextFields.items("agenda", Arrays.asList(" Visit ", "", null, "y".repeat(11)), 5, 10,
				violations);

		assertThat(agenda).containsExactly("Visit", "y".repeat(11));
		assertThat(violations).extracting(FieldViolation::field).containsExactly("agenda[1]", "agenda[2]", "agenda[3]");
		assertThat(TextFields.items("agenda", List.of("a", "b", "c"), 2, 10, violations)).isEmpty();
		assertThat(violations).last().isEqualTo(new FieldViolation("agenda", "may hold at most 2 items"));
	}

	@Test
	void textsAreKeptInNfcAndMeasuredAfterwards() {
		List<FieldViolation> violations = new ArrayList<>();

		String composed = TextFields.text("name", "Saint-E\u0301tienne", 13, true, violations);

		assertThat(composed).isEqualTo("Saint-\u00C9tienne").hasSize(13);
		assertThat(violations).isEmpty();
		// NFC makes a single U+0958 two characters: the limit holds for what is stored
		TextFields.text("name", "\u0958".repeat(3), 5, true, violations);
		assertThat(violations).extracting(FieldViolation::message).containsExactly("must be at most 5 characters");
	}

	@Test
	void aBareCarriageReturnInATitleIsRefusedAsALineBreak() {
		List<FieldViolation> violations = new ArrayList<>();

		TextFields.text("title", "Hub\rSTATUS:CANCELLED", 200, true, violations);
		TextFields.text("location", "Hall\u2028B", 200, true, violations);

		assertThat(violations).containsExactly(
				new FieldViolation("title", "must be a single line; it holds a line break (U+000D)"),
				new FieldViolation("location", "must be a single line; it holds a line break (U+2028)"));
	}

	@Test
	void paragraphsKeepLineFeedsAndMakeEveryOtherLineBreakOne() {
		List<FieldViolation> violations = new ArrayList<>();

		String text = TextFields.paragraphs("description", "One\r\nTwo\rThree\u2029Four\nFive", 100, true, violations);

		assertThat(text).isEqualTo("One\nTwo\nThree\nFour\nFive");
		assertThat(violations).isEmpty();
		TextFields.paragraphs("description", "Tab\there", 100, true, violations);
		assertThat(violations)
			.containsExactly(new FieldViolation("description", "must not contain control characters (U+0009)"));
	}

	@Test
	void controlBidiAndInvisibleCharactersAreRefusedByCodePoint() {
		assertThat(TextFields.characterProblem("Lyon\u0000", false)).contains("control characters (U+0000)");
		assertThat(TextFields.characterProblem("Lyon\u0085", true)).contains("control characters (U+0085)");
		assertThat(TextFields.characterProblem("Lyon\u009B", false)).contains("control characters (U+009B)");
		assertThat(TextFields.characterProblem("\u202Enoyl", false))
			.contains("bidirectional overrides or isolates (U+202E)");
		assertThat(TextFields.characterProblem("Lyon\u2066x\u2069", false)).contains("U+2066");
		assertThat(TextFields.characterProblem("Ly\u200Bon", false))
			.contains("invisible formatting characters (U+200B)");
		assertThat(TextFields.characterProblem("Ly\u00ADon", false)).contains("U+00AD");
		assertThat(TextFields.characterProblem("\uFEFFLyon", false)).contains("U+FEFF");
		assertThat(TextFields.characterProblem("Ly\u3164on", false)).contains("U+3164");
		assertThat(TextFields.characterProblem("Ly\uD800on", false)).contains("unpaired surrogate (U+D800)");
		assertThat(TextFields.characterProblem("Ly\uFFFFon", false)).contains("noncharacters (U+FFFF)");
	}

	@Test
	void scriptsEmojiAndJoinersAreText() {
		for (String text : List.of("Zürich", "Łódź", "Αθήνα", "Київ", "東京", "👩\u200D🔬 lab", "می\u200Cخواهم",
				"Québec\u00A0City")) {
			assertThat(TextFields.characterProblem(text, false)).as(text).isNull();
		}
	}

	@Test
	void theMatchKeyIgnoresCaseAccentsSpacingAndInvisibleCharacters() {
		String key = TextFields.matchKey("Saint-Étienne");

		assertThat(TextFields.matchKey("  saint-etienne ")).isEqualTo(key);
		assertThat(TextFields.matchKey("Saint-E\u0301tienne")).isEqualTo(key);
		assertThat(TextFields.matchKey("Saint-\u00C9ti\u200Denne")).isEqualTo(key);
		assertThat(TextFields.matchKey("Saint-\u00C9ti\u200Benne")).isEqualTo(key);
		assertThat(TextFields.matchKey("Saint-Étienne\u00A0")).isEqualTo(key);
		assertThat(TextFields.matchKey("Saint-Chamond")).isNotEqualTo(key);
	}

}
