package eu.citiesgateway.platform.web;

/**
 * A conditional request ({@code If-Match}) naming a version that is no longer current:
 * answered 412 Precondition Failed, as RFC 9110 requires, with the current ETag.
 */
public class StaleVersionException extends RuntimeException {

	private final String currentEtag;

	public StaleVersionException(String resource, String currentEtag) {
		super(resource + " has changed; its current version is " + currentEtag
				+ ". Read it again and retry with that ETag in If-Match.");
		this.currentEtag = currentEtag;
	}

	public String currentEtag() {
		return this.currentEtag;
	}

}
