package eu.citiesgateway.platform.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The free-text checks shared by the services' requests.
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

}
