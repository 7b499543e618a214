package eu.citiesgateway.platform.events;

/**
 * An event that does not come from the owner of its topic: it is not processed, not
 * retried, and goes to the consumer's dead-letter topic, counted in
 * {@code events.rejected}.
 */
public class UntrustedEventException extends RuntimeException {

	private final String topic;

	UntrustedEventException(String topic, String message) {
		super(message);
		this.topic = topic;
	}

	/**
	 * The topic the event was read from.
	 * @return the topic, or {@code "unknown"}
	 */
	public String topic() {
		return this.topic;
	}

}
