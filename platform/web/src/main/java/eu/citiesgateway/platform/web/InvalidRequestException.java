package eu.citiesgateway.platform.web;

import java.util.List;

/**
 * A request that breaks a rule of the API: answered 400 with the offending fields.
 */
public class InvalidRequestException extends RuntimeException {

	private final List<FieldViolation> violations;

	public InvalidRequestException(List<FieldViolation> violations) {
		super("Invalid request: " + violations);
		this.violations = List.copyOf(violations);
	}

	public InvalidRequestException(String field, String message) {
		this(List.of(new FieldViolation(field, message)));
	}

	public List<FieldViolation> violations() {
		return this.violations;
	}

}
