package eu.citiesgateway.platform.events;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.utils.Bytes;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHandler;

/**
 * Hands pending events to Spring Cloud Stream through {@link StreamBridge} and returns
 * the broker's acknowledgement as a future.
 * <p>
 * Every Kafka producer handler of the binder gets a futures channel (see
 * {@link #futuresChannelHandler()}); a message carrying a
 * {@link KafkaIntegrationHeaders#FUTURE_TOKEN} makes the handler deliver its send future
 * there, on the sending thread, before {@code StreamBridge.send} returns. This lets the
 * relay keep many sends in flight and still remove each event only after its own
 * {@code acks=all} acknowledgement.
 * <p>
 * Each send runs in a span of the trace that raised the event ({@link EventTracing}), so
 * the producer's span and the record's {@code traceparent} belong to that trace although
 * the relay sends on a thread of its own, later.
 */
public class EventSender {

	private final StreamBridge bridge;

	private final URI source;

	private final EventTracing tracing;

	private final Map<String, CompletableFuture<?>> handedOver = new ConcurrentHashMap<>();

	public EventSender(StreamBridge bridge, EventTypes types) {
		this(bridge, types, EventTracing.NONE);
	}

	public EventSender(StreamBridge bridge, EventTypes types, EventTracing tracing) {
		this.bridge = bridge;
		this.source = types.source();
		this.tracing = tracing;
	}

	/**
	 * Sends one event.
	 * @param event the event
	 * @return completes when the broker acknowledged the record, exceptionally if it did
	 * not
	 */
	public CompletableFuture<?> send(PendingEvent event) {
		return this.tracing.relay(event, () -> handOver(event));
	}

	private CompletableFuture<?> handOver(PendingEvent event) {
		Message<Bytes> message = CloudEventMessages.toRelayMessage(event, this.source, event.id());
		boolean accepted;
		try {
			accepted = this.bridge.send(event.topic(), message);
		}
		catch (RuntimeException ex) {
			this.handedOver.remove(event.id());
			return CompletableFuture.failedFuture(ex);
		}
		CompletableFuture<?> acknowledgement = this.handedOver.remove(event.id());
		if (!accepted || acknowledgement == null) {
			return CompletableFuture.failedFuture(new IllegalStateException("The binder did not accept event "
					+ event.id() + " for " + event.topic() + " or returned no acknowledgement to wait for"));
		}
		return acknowledgement;
	}

	/**
	 * The handler that receives the send futures of {@link KafkaProducerMessageHandler}s.
	 * @return the handler
	 */
	MessageHandler futuresChannelHandler() {
		return (message) -> {
			Object token = message.getHeaders().get(KafkaIntegrationHeaders.FUTURE_TOKEN);
			if (token != null && message.getPayload() instanceof CompletableFuture<?> future) {
				this.handedOver.put(token.toString(), future);
			}
		};
	}

}
