package eu.citiesgateway.platform.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.messaging.Message;

/**
 * A small service that uses the event kit: it owns parcels and consumes notes, in two
 * groups: {@code kit-tests} takes effect, {@code kit-tests-copies} keeps a copy of every
 * note delivered to it. Every span it ends is kept in {@link #spans}.
 */
@SpringBootApplication
class KitTestApplication {

	private static final Log logger = LogFactory.getLog(KitTestApplication.class);

	/** Every span of the service, as it would be exported, once ended. */
	static final InMemorySpanExporter spans = InMemorySpanExporter.create();

	/** The trace each note was last handled in, by note. */
	static final Map<String, String> traces = new ConcurrentHashMap<>();

	/** What the notes consumer did, one entry per effect. */
	static final List<String> effects = new CopyOnWriteArrayList<>();

	/** The poison notes the consumer has been "fixed" to accept. */
	static final Set<String> cured = ConcurrentHashMap.newKeySet();

	/** Every note delivered to the other group, once per delivery. */
	static final List<String> copies = new CopyOnWriteArrayList<>();

	/** Notes whose handling waits until the test lets them through. */
	static final Map<String, Gate> gates = new ConcurrentHashMap<>();

	@Bean
	SpanProcessor keptSpans() {
		return SimpleSpanProcessor.create(spans);
	}

	@Bean
	Consumer<Message<byte[]>> notes(Inbox inbox, Tracer tracer) {
		return inbox.once("notes", (message) -> {
			String body = new String(message.getPayload());
			Span span = tracer.currentSpan();
			if (span != null) {
				traces.put(body, span.context().traceId());
			}
			logger.info("Taking note " + body);
			Gate gate = gates.get(body);
			if (gate != null) {
				gate.pass();
			}
			if (body.contains("poison") && !cured.contains(body)) {
				throw new IllegalArgumentException("cannot digest " + body);
			}
			effects.add(body);
		});
	}

	@Bean
	Consumer<Message<byte[]>> noteCopies() {
		return (message) -> copies.add(new String(message.getPayload()));
	}

	/**
	 * Holds the handling of a note until released, and tells when it is held.
	 */
	static final class Gate {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch released = new CountDownLatch(1);

		void pass() {
			this.entered.countDown();
			try {
				this.released.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	record ParcelPosted(String parcelId, String label) {
	}

	record ParcelRelabelled(String parcelId, String label) {
	}

	@Document("parcels")
	@PublishesTo("test.parcels.v1")
	static class Parcel extends AggregateRoot {

		@Id
		private String id;

		private String label;

		Parcel() {
		}

		static Parcel post(String id, String label) {
			Parcel parcel = new Parcel();
			parcel.id = id;
			parcel.label = label;
			parcel.raise(new ParcelPosted(id, label));
			return parcel;
		}

		Parcel relabel(String label) {
			this.label = label;
			raise(new ParcelRelabelled(this.id, label));
			return this;
		}

		String label() {
			return this.label;
		}

		@Override
		public String aggregateId() {
			return this.id;
		}

	}

}
