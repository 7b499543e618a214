package eu.citiesgateway.platform.web;

import java.util.Map;

/**
 * A request that conflicts with the current state of a resource: answered 409, with
 * properties that help the caller resolve it (for example the id of an existing
 * duplicate).
 */
public class ConflictException extends RuntimeException {

	private final Map<String, Object> properties;

	public ConflictException(String message, Map<String, Object> properties) {
		super(message);
		this.properties = Map.copyOf(properties);
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

}
