package eu.citiesgateway.platform.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks events against the JSON Schemas of {@code platform-contracts}: on the producer
 * side what a service published, on the consumer side what it is able to read. Formats
 * are asserted, not only annotated: a {@code date-time} must be RFC 3339 (no year
 * +999999), a {@code uuid} a UUID.
 */
public final class EventContracts {

	private static final Pattern TYPE = Pattern.compile("eu\\.citiesgateway\\.([a-z]+)\\.([A-Za-z]+)\\.v(\\d+)");

	private static final SchemaRegistry registry = SchemaRegistry
		.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (builder) -> builder
			.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build())
			.schemaIdResolvers(
					(resolvers) -> resolvers.mapPrefix("https://citiesgateway.eu/contracts/", "classpath:contracts/")));

	private static final Map<String, Schema> schemas = new ConcurrentHashMap<>();

	private EventContracts() {
	}

	/**
	 * The schema violations of an event.
	 * @param ceType the CloudEvents type, e.g.
	 * {@code eu.citiesgateway.registry.CityJoined.v1}
	 * @param json the event JSON
	 * @return the violations, empty when the event is valid
	 */
	public static List<String> violations(String ceType, String json) {
		return schemaOf(ceType).validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
	}

	/**
	 * Asserts that a published record is a valid CloudEvent of the platform: its type has
	 * a schema, its value validates, and its subject is its key.
	 * @param record a record read from a topic
	 */
	public static void assertValid(ConsumerRecord<String, String> record) {
		String type = TopicRecords.header(record, "ce_type");
		assertThat(type).as("ce_type").isNotNull();
		assertThat(violations(type, record.value())).as("schema violations of %s: %s", type, record.value()).isEmpty();
		assertThat(TopicRecords.header(record, "ce_subject")).as("ce_subject").isEqualTo(record.key());
	}

	private static Schema schemaOf(String ceType) {
		return schemas.computeIfAbsent(ceType, (type) -> {
			Matcher matcher = TYPE.matcher(type);
			if (!matcher.matches()) {
				throw new IllegalArgumentException("Not a platform event type: " + type);
			}
			String location = "https://citiesgateway.eu/contracts/" + matcher.group(1) + "/" + matcher.group(2) + ".v"
					+ matcher.group(3) + ".schema.json";
			return registry.getSchema(SchemaLocation.of(location));
		});
	}

}
