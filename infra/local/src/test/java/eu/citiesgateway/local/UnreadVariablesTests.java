package eu.citiesgateway.local;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link UnreadVariables} tells a variable a service reads from one it ignores.
 */
class UnreadVariablesTests {

	private static final String BINDER_METADATA = """
			{"properties": [
			  {"name": "spring.cloud.stream.kafka.binder.brokers", "type": "java.lang.String[]"},
			  {"name": "spring.cloud.stream.kafka.binder.health-timeout", "type": "java.lang.Integer"},
			  {"name": "spring.cloud.stream.kafka.binder.configuration",
			   "type": "java.util.Map<java.lang.String,java.lang.String>"},
			  {"name": "spring.cloud.stream.kafka.binder.consumer-properties",
			   "type": "java.util.Map<java.lang.String,java.lang.String>"}
			]}
			""";

	/**
	 * The shape of {@code /actuator/configprops}: beans by context, inputs by property.
	 */
	private static final String CONFIGPROPS = """
			{"contexts": {"registry-service": {"beans": {
			  "spring.mongodb-org.springframework.boot.mongodb.autoconfigure.MongoProperties": {
			    "prefix": "spring.mongodb",
			    "properties": {"uri": "******", "representation": {"uuid": "STANDARD"}},
			    "inputs": {"uri": {"value": "******",
			                       "origin": "System Environment Property \\"SPRING_MONGODB_URI\\""},
			               "representation": {"uuid": {"value": "standard", "origin": "platformEventDefaults"}}}},
			  "newsletter-eu.citiesgateway.newsletter.NewsletterProperties": {
			    "prefix": "newsletter",
			    "properties": {"trustedProxies": [], "publicUrl": "http://localhost:8084"},
			    "inputs": {"trustedProxies": [],
			               "publicUrl": {"value": "http://localhost:8084",
			                             "origin": "System Environment Property \\"NEWSLETTER_PUBLIC_URL\\""}}}
			}}}}
			""";

	private final UnreadVariables check = binder();

	@Test
	void aVariableThatIsTheOriginOfABoundPropertyIsRead() throws IOException {
		assertThat(this.check.in(Map.of("SPRING_MONGODB_URI", "mongodb://mongo/registry", "NEWSLETTER_PUBLIC_URL",
				"http://localhost:8084"), CONFIGPROPS))
			.isEmpty();
	}

	@Test
	void aVariableNoPropertyCameFromIsNotRead() throws IOException {
		assertThat(this.check.in(Map.of("SPRING_MONGODB_URI", "mongodb://mongo/registry", "SPRING_DATA_MONGODB_URI",
				"mongodb://mongo/registry"), CONFIGPROPS))
			.containsExactly("SPRING_DATA_MONGODB_URI");
	}

	@Test
	void anEmptyVariableIsReadWhenItNamesABoundProperty() throws IOException {
		assertThat(this.check.in(Map.of("NEWSLETTER_TRUSTED_PROXIES", "", "NEWSLETTER_TRUSTED_PROXY", ""), CONFIGPROPS))
			.containsExactly("NEWSLETTER_TRUSTED_PROXY");
	}

	@Test
	void aVariableOfTheBinderIsReadWhenItNamesOneOfItsSettings() throws IOException {
		assertThat(this.check.in(Map.of("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", "kafka:9092",
				"SPRING_CLOUD_STREAM_KAFKA_BINDER_HEALTHTIMEOUT", "5", "SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKER",
				"kafka:9092"), CONFIGPROPS))
			.containsExactly("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKER");
	}

	@Test
	void aKeyOfTheBindersClientSettingsIsReadWhenKafkaKnowsIt() throws IOException {
		assertThat(this.check.in(Map.of("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL", "SASL_SSL",
				"SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SSL_TRUSTSTORE_LOCATION", "/etc/kafka-ca/ca.crt",
				"SPRING_CLOUD_STREAM_KAFKA_BINDER_CONSUMERPROPERTIES_MAX_POLL_RECORDS", "50",
				"SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCL", "SASL_SSL",
				"SPRING_CLOUD_STREAM_KAFKA_BINDER_CONSUMERPROPERTIES_ACKS", "all"), CONFIGPROPS))
			.containsExactly("SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCL",
					"SPRING_CLOUD_STREAM_KAFKA_BINDER_CONSUMERPROPERTIES_ACKS");
	}

	private static UnreadVariables binder() {
		try {
			return UnreadVariables.of(BINDER_METADATA);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
