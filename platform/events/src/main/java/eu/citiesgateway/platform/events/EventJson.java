package eu.citiesgateway.platform.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tolerant reader for consumers of other services' events: fields added within a
 * {@code v1} type are ignored, and a field the consumer needs but the event lacks is an
 * {@link IllegalArgumentException}, so the message is retried and then dead-lettered.
 */
public final class EventJson {

	private static final JsonMapper json = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private EventJson() {
	}

	/**
	 * Reads an event.
	 * @param payload the event JSON
	 * @return its tree
	 */
	public static JsonNode read(byte[] payload) {
		return json.readTree(payload);
	}

	/**
	 * Binds part of an event to a type, ignoring unknown fields.
	 * @param node the part
	 * @param type the type
	 * @param <T> the type
	 * @return the value
	 */
	public static <T> T convert(JsonNode node, Class<T> type) {
		return json.treeToValue(node, type);
	}

	/**
	 * A field that must be there and not null.
	 * @param node the object
	 * @param field the field's name
	 * @return its value
	 */
	public static JsonNode required(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			throw new IllegalArgumentException("Event without " + field);
		}
		return value;
	}

	public static String text(JsonNode node, String field) {
		return required(node, field).asString();
	}

	public static Instant instant(JsonNode node, String field) {
		return Instant.parse(text(node, field));
	}

	public static UUID uuid(JsonNode node, String field) {
		return UUID.fromString(text(node, field));
	}

	/**
	 * A field that must be a list of strings.
	 * @param node the object
	 * @param field the field's name
	 * @return the strings
	 */
	public static List<String> strings(JsonNode node, String field) {
		JsonNode list = required(node, field);
		if (!list.isArray()) {
			throw new IllegalArgumentException(field + " is not a list");
		}
		List<String> values = new ArrayList<>();
		list.values().forEach((value) -> values.add(value.asString()));
		return values;
	}

}
