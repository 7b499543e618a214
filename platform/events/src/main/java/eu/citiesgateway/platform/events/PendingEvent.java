package eu.citiesgateway.platform.events;

import java.time.Instant;

/**
 * An event waiting in its aggregate's document until the broker acknowledged it. Stored
 * as an element of the document's {@code outbox} array.
 *
 * @param id the CloudEvents id, unique per event
 * @param type the CloudEvents type, {@code eu.citiesgateway.<service>.<EventName>.v<N>}
 * @param subject the aggregate id, also the Kafka key
 * @param time when the state change happened
 * @param topic the Kafka topic
 * @param data the event record as JSON
 */
public record PendingEvent(String id, String type, String subject, Instant time, String topic, String data) {

	/** Name of the array field that holds the pending events of a document. */
	public static final String OUTBOX_FIELD = "outbox";

}
