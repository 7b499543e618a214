package eu.citiesgateway.platform.web;

/**
 * A resource that does not exist: answered 404.
 */
public class ResourceNotFoundException extends RuntimeException {

	public ResourceNotFoundException(String kind, Object id) {
		super(kind + " " + id + " does not exist");
	}

}
