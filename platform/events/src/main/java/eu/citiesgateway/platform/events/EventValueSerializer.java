package eu.citiesgateway.platform.events;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * The value serializer of the platform's Kafka producers: bytes as they are, whether a
 * {@code byte[]} or Kafka {@link Bytes}.
 * <p>
 * The relay hands each event's JSON over as {@link Bytes}: Spring Cloud Function inspects
 * {@code byte[]} and {@code String} payloads by parsing them as JSON (to detect
 * collections), work the relay's already serialized events do not need.
 */
public class EventValueSerializer implements Serializer<Object> {

	@Override
	public byte[] serialize(String topic, Object data) {
		if (data == null || data instanceof byte[]) {
			return (byte[]) data;
		}
		if (data instanceof Bytes bytes) {
			return bytes.get();
		}
		throw new IllegalArgumentException("Cannot serialize " + data.getClass().getName() + " for " + topic
				+ "; the platform's producers send bytes");
	}

}
