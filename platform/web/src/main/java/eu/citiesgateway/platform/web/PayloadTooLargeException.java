package eu.citiesgateway.platform.web;

/**
 * A request body over its size limit: answered 413.
 */
public class PayloadTooLargeException extends RuntimeException {

	private final long limit;

	public PayloadTooLargeException(long limit) {
		super("The request body is larger than the limit of " + limit + " bytes");
		this.limit = limit;
	}

	public long limit() {
		return this.limit;
	}

}
