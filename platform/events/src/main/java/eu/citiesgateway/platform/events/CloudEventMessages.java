package eu.citiesgateway.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Bytes;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

/**
 * Converts between pending events, Spring messages and CloudEvents in Kafka binary mode
 * ({@code ce_*} headers, {@code content-type}, the event JSON as the value), using the
 * CloudEvents SDK's Kafka protocol binding for the header names and encoding.
 */
public final class CloudEventMessages {

	/** The CloudEvents id header in Kafka binary mode. */
	public static final String ID = "ce_id";

	/** The CloudEvents source header in Kafka binary mode: the publishing service. */
	public static final String SOURCE = "ce_source";

	/** The CloudEvents type header in Kafka binary mode. */
	public static final String TYPE = "ce_type";

	/** The CloudEvents subject header in Kafka binary mode. */
	public static final String SUBJECT = "ce_subject";

	private CloudEventMessages() {
	}

	/**
	 * The CloudEvent of a pending event.
	 * @param event the pending event
	 * @param source the publishing service
	 * @return the CloudEvent with JSON data
	 */
	public static CloudEvent toCloudEvent(PendingEvent event, URI source) {
		return CloudEventBuilder.v1()
			.withId(event.id())
			.withSource(source)
			.withType(event.type())
			.withSubject(event.subject())
			.withTime(event.time().atOffset(ZoneOffset.UTC))
			.withDataContentType("application/json")
			.withData(event.data().getBytes(StandardCharsets.UTF_8))
			.build();
	}

	/**
	 * The message the relay hands to {@code StreamBridge}: the event JSON as Kafka
	 * {@link Bytes}, the aggregate id as the key, and the record headers prepared by the
	 * CloudEvents SDK for {@link CloudEventsHeaderMapper} to write, with the W3C trace
	 * context of the work that raised the event ({@code traceparent}, {@code tracestate})
	 * when it has one. The producer's observation, when on, replaces that
	 * {@code traceparent} with its own span's, a child in the same trace.
	 * @param event the pending event
	 * @param source the publishing service
	 * @param futureToken the token under which the binder hands back the send's future
	 * @return the message
	 */
	static Message<Bytes> toRelayMessage(PendingEvent event, URI source, String futureToken) {
		ProducerRecord<Void, byte[]> record = KafkaMessageFactory.createWriter(event.topic())
			.writeBinary(toCloudEvent(event, source));
		if (event.traceparent() != null) {
			record.headers().add(EventTracing.TRACEPARENT, event.traceparent().getBytes(StandardCharsets.UTF_8));
		}
		if (event.tracestate() != null) {
			record.headers().add(EventTracing.TRACESTATE, event.tracestate().getBytes(StandardCharsets.UTF_8));
		}
		return MessageBuilder.withPayload(Bytes.wrap(record.value()))
			.setHeader(CloudEventsHeaderMapper.KAFKA_HEADERS, record.headers().toArray())
			.setHeader(KafkaHeaders.KEY, event.subject().getBytes(StandardCharsets.UTF_8))
			.setHeader(KafkaIntegrationHeaders.FUTURE_TOKEN, futureToken)
			.build();
	}

	/**
	 * Reads the CloudEvent carried by an inbound message.
	 * @param message a message from a Kafka binding
	 * @return the CloudEvent
	 * @throws IllegalArgumentException if the message is not a binary-mode CloudEvent
	 */
	public static CloudEvent toCloudEvent(Message<?> message) {
		RecordHeaders headers = new RecordHeaders();
		message.getHeaders().forEach((name, value) -> {
			if (name.startsWith("ce_") || name.equals("content-type")) {
				headers.add(name, bytes(value));
			}
		});
		try {
			return KafkaMessageFactory.createReader(headers, bytes(message.getPayload())).toEvent();
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a CloudEvent in Kafka binary mode: " + ex.getMessage(), ex);
		}
	}

	/**
	 * A CloudEvents attribute header of an inbound message as text.
	 * @param headers the message headers
	 * @param name the header, for example {@link #ID}
	 * @return the value, or {@code null} if absent
	 */
	public static @Nullable String header(MessageHeaders headers, String name) {
		Object value = headers.get(name);
		if (value == null) {
			return null;
		}
		return (value instanceof byte[] raw) ? new String(raw, StandardCharsets.UTF_8) : value.toString();
	}

	private static byte[] bytes(Object value) {
		if (value instanceof byte[] raw) {
			return raw;
		}
		return value.toString().getBytes(StandardCharsets.UTF_8);
	}

}
