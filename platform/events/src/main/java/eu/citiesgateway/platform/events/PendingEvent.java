package eu.citiesgateway.platform.events;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An event waiting in its aggregate's document until the broker acknowledged it. Stored
 * as an element of the document's {@code outbox} array.
 * <p>
 * It keeps the W3C trace context of the work that raised it (a request, a consumed
 * event): the relay sends it later, on a thread of its own where that work's span is long
 * gone, and the record must still belong to that trace.
 *
 * @param id the CloudEvents id, unique per event
 * @param type the CloudEvents type, {@code eu.citiesgateway.<service>.<EventName>.v<N>}
 * @param subject the aggregate id, also the Kafka key
 * @param time when the state change happened
 * @param topic the Kafka topic
 * @param data the event record as JSON
 * @param traceparent the W3C {@code traceparent} of the span that raised the event,
 * {@code null} if it was raised outside a trace
 * @param tracestate the W3C {@code tracestate} that came with it, {@code null} if none
 */
public record PendingEvent(String id, String type, String subject, Instant time, String topic, String data,
		@Nullable String traceparent, @Nullable String tracestate) {

	/** Name of the array field that holds the pending events of a document. */
	public static final String OUTBOX_FIELD = "outbox";

	/**
	 * An event raised outside a trace.
	 * @param id the CloudEvents id, unique per event
	 * @param type the CloudEvents type
	 * @param subject the aggregate id, also the Kafka key
	 * @param time when the state change happened
	 * @param topic the Kafka topic
	 * @param data the event record as JSON
	 */
	public PendingEvent(String id, String type, String subject, Instant time, String topic, String data) {
		this(id, type, subject, time, topic, data, null, null);
	}

}
