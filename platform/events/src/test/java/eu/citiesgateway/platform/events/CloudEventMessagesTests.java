package eu.citiesgateway.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.cloudevents.CloudEvent;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CloudEventMessagesTests {

	static final PendingEvent EVENT = new PendingEvent("0b6d2c1e-7f7a-4a51-9a34-1d5d2d9c8e01",
			"eu.citiesgateway.registry.CityJoined.v1", "c7a4b3e2-1111-4222-8333-944455566677",
			Instant.parse("2026-11-27T10:00:00Z"), "registry.cities.v1", "{\"cityId\":\"c7a4\"}");

	@Test
	void aRelayedEventCarriesTheBinaryModeHeadersKeyAndJson() {
		Message<?> message = CloudEventMessages.toRelayMessage(EVENT, URI.create("/registry-service"), "token");
		RecordHeaders kafka = new RecordHeaders();
		new CloudEventsHeaderMapper().fromHeaders(message.getHeaders(), kafka);

		assertThat(text(kafka, "ce_id")).isEqualTo(EVENT.id());
		assertThat(text(kafka, "ce_type")).isEqualTo(EVENT.type());
		assertThat(text(kafka, "ce_source")).isEqualTo("/registry-service");
		assertThat(text(kafka, "ce_subject")).isEqualTo(EVENT.subject());
		assertThat(text(kafka, "ce_specversion")).isEqualTo("1.0");
		assertThat(text(kafka, "ce_time")).isEqualTo("2026-11-27T10:00:00Z");
		assertThat(text(kafka, "content-type")).isEqualTo("application/json");
		assertThat(kafka.toArray()).hasSize(7);
		assertThat(new String((byte[]) message.getHeaders().get("kafka_messageKey"), StandardCharsets.UTF_8))
			.isEqualTo(EVENT.subject());
		assertThat(new EventValueSerializer().serialize("registry.cities.v1", message.getPayload()))
			.isEqualTo(EVENT.data().getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aRelayedEventCarriesTheTraceContextItWasStoredWith() {
		PendingEvent traced = new PendingEvent(EVENT.id(), EVENT.type(), EVENT.subject(), EVENT.time(), EVENT.topic(),
				EVENT.data(), "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "congo=t61rcWkgMzE");
		Message<?> message = CloudEventMessages.toRelayMessage(traced, URI.create("/registry-service"), "token");
		RecordHeaders kafka = new RecordHeaders();
		new CloudEventsHeaderMapper().fromHeaders(message.getHeaders(), kafka);

		assertThat(text(kafka, "traceparent")).isEqualTo(traced.traceparent());
		assertThat(text(kafka, "tracestate")).isEqualTo(traced.tracestate());
		assertThat(kafka.toArray()).hasSize(9);
		assertThat(OutboxWriter.fromDocument(OutboxWriter.toDocument(traced))).as("as stored in the outbox")
			.isEqualTo(traced);
	}

	@Test
	void anEventRaisedOutsideATraceIsStoredAndRelayedWithoutTraceContext() {
		assertThat(OutboxWriter.toDocument(EVENT)).doesNotContainKeys("traceparent", "tracestate");
		assertThat(OutboxWriter.fromDocument(OutboxWriter.toDocument(EVENT))).isEqualTo(EVENT);
	}

	@Test
	void anInboundMessageReadsBackAsTheSameCloudEvent() {
		Message<?> relayed = CloudEventMessages.toRelayMessage(EVENT, URI.create("/registry-service"), "token");
		RecordHeaders kafka = new RecordHeaders();
		new CloudEventsHeaderMapper().fromHeaders(relayed.getHeaders(), kafka);
		MessageBuilder<byte[]> inbound = MessageBuilder.withPayload(EVENT.data().getBytes(StandardCharsets.UTF_8));
		for (Header header : kafka) {
			inbound.setHeader(header.key(), header.value());
		}

		CloudEvent event = CloudEventMessages.toCloudEvent(inbound.build());

		assertThat(event.getId()).isEqualTo(EVENT.id());
		assertThat(event.getType()).isEqualTo(EVENT.type());
		assertThat(event.getSubject()).isEqualTo(EVENT.subject());
		assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8)).isEqualTo(EVENT.data());
	}

	@Test
	void aMessageWithoutCloudEventsHeadersIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CloudEventMessages.toCloudEvent(MessageBuilder.withPayload("{}".getBytes()).build()));
	}

	@Test
	void headersAreReadAsTextWhetherBytesOrStrings() {
		MessageHeaders headers = MessageBuilder.withPayload("")
			.setHeader("ce_id", "abc".getBytes(StandardCharsets.UTF_8))
			.setHeader("ce_type", "t")
			.build()
			.getHeaders();

		assertThat(CloudEventMessages.header(headers, CloudEventMessages.ID)).isEqualTo("abc");
		assertThat(CloudEventMessages.header(headers, CloudEventMessages.TYPE)).isEqualTo("t");
		assertThat(CloudEventMessages.header(headers, CloudEventMessages.SUBJECT)).isNull();
	}

	private static String text(RecordHeaders headers, String name) {
		return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
