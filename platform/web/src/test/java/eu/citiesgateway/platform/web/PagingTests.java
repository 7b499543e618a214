package eu.citiesgateway.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The page and size checks shared by the paged searches.
 */
class PagingTests {

	@Test
	void aNegativePageAndASizeOutOfRangeAreListedTogether() {
		assertThat(Paging.violations(-1, 0, 100)).extracting(FieldViolation::field).containsExactly("page", "size");
		assertThat(Paging.violations(0, 101, 100)).singleElement()
			.satisfies((violation) -> assertThat(violation.message()).isEqualTo("must be between 1 and 100"));
	}

	@Test
	void aPageBeyondWhatAnOffsetCanHoldIsRefused() {
		assertThatThrownBy(() -> Paging.check(21_474_837, 100, 100)).isInstanceOf(InvalidRequestException.class);
		assertThat(Paging.violations(21_474_837, 100, 100)).extracting(FieldViolation::field).containsExactly("page");
	}

	@Test
	void theFirstPageAndTheLargestSizeAreAccepted() {
		assertThatNoException().isThrownBy(() -> Paging.check(0, 100, 100));
		assertThat(Paging.violations(0, 1, 100)).isEmpty();
	}

}
