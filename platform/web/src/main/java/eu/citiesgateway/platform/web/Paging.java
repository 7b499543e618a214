package eu.citiesgateway.platform.web;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks every paged search makes of its {@code page} and {@code size} parameters,
 * with the same messages in every service.
 */
public final class Paging {

	private Paging() {
	}

	/**
	 * What is wrong with a page request.
	 * @param page the page asked for, from 0
	 * @param size the page size asked for
	 * @param maxSize the largest page size allowed
	 * @return the violations, empty when the request is valid
	 */
	public static List<FieldViolation> violations(int page, int size, int maxSize) {
		List<FieldViolation> violations = new ArrayList<>();
		if (page < 0) {
			violations.add(new FieldViolation("page", "must be 0 or more"));
		}
		if (size < 1 || size > maxSize) {
			violations.add(new FieldViolation("size", "must be between 1 and " + maxSize));
		}
		else if ((long) page * size > Integer.MAX_VALUE) {
			violations.add(new FieldViolation("page", "is beyond the last page there can be"));
		}
		return violations;
	}

	/**
	 * Rejects an invalid page request.
	 * @param page the page asked for, from 0
	 * @param size the page size asked for
	 * @param maxSize the largest page size allowed
	 * @throws InvalidRequestException listing what is wrong
	 */
	public static void check(int page, int size, int maxSize) {
		List<FieldViolation> violations = violations(page, size, maxSize);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

}
