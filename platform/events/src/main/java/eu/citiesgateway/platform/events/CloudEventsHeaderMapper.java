package eu.citiesgateway.platform.events;

import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import org.springframework.cloud.stream.binder.kafka.common.BinderHeaderMapper;
import org.springframework.kafka.support.JsonKafkaHeaderMapper;
import org.springframework.kafka.support.KafkaHeaderMapper;
import org.springframework.messaging.MessageHeaders;

/**
 * The Kafka binder's header mapper ({@code kafkaBinderHeaderMapper}). For a message from
 * the outbox relay it writes exactly the record headers prepared for it (the {@code ce_*}
 * attributes and {@code content-type} from the CloudEvents SDK, and the W3C
 * {@code traceparent} and {@code tracestate} of the work that raised the event), and
 * nothing else; every other message is mapped as the binder would by default.
 * <p>
 * Keeping the CloudEvents attributes out of the Spring message until the record is built
 * also keeps Spring Cloud Function from re-processing each relayed message as a
 * CloudEvent.
 */
public class CloudEventsHeaderMapper implements KafkaHeaderMapper {

	/** The message header that carries the prepared Kafka headers of a relayed event. */
	public static final String KAFKA_HEADERS = "outbox_kafkaHeaders";

	private final KafkaHeaderMapper outbound = new BinderHeaderMapper();

	private final KafkaHeaderMapper inbound = new JsonKafkaHeaderMapper();

	@Override
	public void fromHeaders(MessageHeaders headers, Headers target) {
		if (headers.get(KAFKA_HEADERS) instanceof Header[] prepared) {
			for (Header header : prepared) {
				target.add(header);
			}
			return;
		}
		this.outbound.fromHeaders(headers, target);
	}

	@Override
	public void toHeaders(Headers source, Map<String, Object> headers) {
		this.inbound.toHeaders(source, headers);
	}

}
