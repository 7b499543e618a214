package eu.citiesgateway.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one trace across the outbox: the work that raises an event (a request, a consumed
 * event), the relay that sends it later on a thread of its own, and the consumers of the
 * record, which continue the trace from its {@code traceparent} header (the Kafka
 * binder's observation does that for deliveries, {@link DeadLetterReplay} for replays).
 * <ul>
 * <li>When an aggregate is stored, the W3C context of the current span goes into each of
 * its outbox entries ({@link #current()}).</li>
 * <li>The relay sends each event in a span of that trace ({@link #relay}), which starts
 * when the event was stored, so its length shows how long the event waited; the Kafka
 * producer's span is its child and writes the record's {@code traceparent}.</li>
 * <li>A replay hands each dead-lettered record over in a consumer span continuing the
 * record's trace ({@link #replay}).</li>
 * </ul>
 * Without a tracer (tracing switched off) nothing is stored and nothing is traced.
 */
public final class EventTracing {

	/** The W3C trace context header: version, trace id, parent span id, flags. */
	public static final String TRACEPARENT = "traceparent";

	/** The W3C header of vendor-specific trace state that travels with the context. */
	public static final String TRACESTATE = "tracestate";

	static final EventTracing NONE = new EventTracing(Tracer.NOOP, Propagator.NOOP);

	private static final Propagator.Getter<PendingEvent> STORED = (event, key) -> switch (key) {
		case TRACEPARENT -> event.traceparent();
		case TRACESTATE -> event.tracestate();
		default -> null;
	};

	private static final Propagator.Getter<Headers> RECORD = (headers, key) -> {
		Header header = headers.lastHeader(key);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	};

	private final Tracer tracer;

	private final Propagator propagator;

	/**
	 * Traces events with the application's tracer and its W3C propagation.
	 * @param tracer the tracer
	 * @param propagator how trace contexts are written to and read from headers
	 */
	public EventTracing(Tracer tracer, Propagator propagator) {
		this.tracer = tracer;
		this.propagator = propagator;
	}

	/**
	 * The W3C context of the current span, to store with the events it raises.
	 * @return the context, with {@code null}s outside a trace
	 */
	Context current() {
		// also a span that is not sampled: its context goes on, flags and all, so that
		// the consumers keep the decision and their log lines the trace id
		Span span = this.tracer.currentSpan();
		if (span == null) {
			return Context.NONE;
		}
		Map<String, String> headers = new HashMap<>();
		this.propagator.inject(span.context(), headers, Map::put);
		return new Context(headers.get(TRACEPARENT), headers.get(TRACESTATE));
	}

	/**
	 * Sends an event in a span of the trace that raised it, from the time it was stored
	 * to the hand-over to the producer. An event raised outside a trace is sent as it is:
	 * the producer's span then begins a trace of its own.
	 * @param event the event
	 * @param send the hand-over
	 * @param <T> what the hand-over returns
	 * @return what the hand-over returned
	 */
	<T> T relay(PendingEvent event, Supplier<T> send) {
		if (event.traceparent() == null) {
			return send.get();
		}
		Span span = this.propagator.extract(event, STORED)
			.name("outbox relay")
			.tag("messaging.destination.name", event.topic())
			.tag("cloudevents.event_id", event.id())
			.tag("cloudevents.event_type", event.type())
			.startTimestamp(event.time().toEpochMilli(), TimeUnit.MILLISECONDS)
			.start();
		return inSpan(span, send);
	}

	/**
	 * Hands a dead-lettered record over to its consumer in a consumer span that continues
	 * the record's trace (a new trace if the record has none).
	 * @param headers the record's headers
	 * @param consumed the consumption that failed the record
	 * @param handOver the hand-over
	 */
	void replay(Headers headers, ConsumerBindings.Consumed consumed, Runnable handOver) {
		Span.Builder builder = this.propagator.extract(headers, RECORD)
			.name("deadletter replay")
			.kind(Span.Kind.CONSUMER)
			.tag("messaging.destination.name", String.valueOf(consumed.deadLetterTopic()))
			.tag("messaging.consumer.group.name", String.valueOf(consumed.group()));
		inSpan(builder.start(), () -> {
			handOver.run();
			return null;
		});
	}

	private <T> T inSpan(Span span, Supplier<T> work) {
		try (Tracer.SpanInScope scope = this.tracer.withSpan(span)) {
			return work.get();
		}
		catch (RuntimeException ex) {
			span.error(ex);
			throw ex;
		}
		finally {
			span.end();
		}
	}

	/**
	 * A W3C trace context as stored with an event.
	 *
	 * @param traceparent the {@code traceparent}, {@code null} outside a trace
	 * @param tracestate the {@code tracestate}, {@code null} if none
	 */
	record Context(@Nullable String traceparent, @Nullable String tracestate) {

		static final Context NONE = new Context(null, null);

	}

}
