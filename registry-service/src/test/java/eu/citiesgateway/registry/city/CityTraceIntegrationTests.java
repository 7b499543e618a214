package eu.citiesgateway.registry.city;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import eu.citiesgateway.platform.test.TopicRecords;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.registry.RegistryIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event a request raises is in the request's trace: its record's {@code traceparent}
 * carries the trace id of the request, although the relay sends it later on a thread of
 * its own, and the request's sampling decision with it.
 */
@RegistryIntegrationTest
class CityTraceIntegrationTests {

	static final String TOPIC = "registry.cities.v1";

	@Autowired
	Http http;

	@Test
	void theRecordOfACityRegisteredInATraceCarriesThatTrace() {
		String trace = hex(16);

		String id = register(CityFixtures.lyon("Lyon-traced"), "00-" + trace + "-" + hex(8) + "-01");

		ConsumerRecord<String, String> record = TopicRecords.await(TOPIC, (r) -> id.equals(r.key()), 1, Duration.ZERO)
			.get(0);
		assertThat(TopicRecords.header(record, "ce_type")).isEqualTo("eu.citiesgateway.registry.CityJoined.v1");
		assertThat(TopicRecords.header(record, "traceparent")).matches("00-" + trace + "-[0-9a-f]{16}-01");
	}

	@Test
	void aRequestNotSampledRaisesARecordInItsTraceNotSampledEither() {
		String trace = hex(16);

		String id = register(CityFixtures.lyon("Lyon-unsampled"), "00-" + trace + "-" + hex(8) + "-00");

		ConsumerRecord<String, String> record = TopicRecords.await(TOPIC, (r) -> id.equals(r.key()), 1, Duration.ZERO)
			.get(0);
		assertThat(TopicRecords.header(record, "traceparent")).matches("00-" + trace + "-[0-9a-f]{16}-00");
	}

	private String register(String body, String traceparent) {
		Http.Response response = this.http.postJson("/api/cities", body, "traceparent", traceparent);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().get("id").asString();
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
