package eu.citiesgateway.platform.web;

import java.time.Duration;

/**
 * A client or an address went over a rate limit: answered 429 with {@code Retry-After}.
 */
public class TooManyRequestsException extends RuntimeException {

	private final Duration retryAfter;

	public TooManyRequestsException(String message, Duration retryAfter) {
		super(message);
		this.retryAfter = retryAfter;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

}
