package eu.citiesgateway.platform.events;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.messaging.Message;

/**
 * A small service that uses the event kit: it owns parcels and consumes notes, in two
 * groups: {@code kit-tests} takes effect, {@code kit-tests-copies} keeps a copy of every
 * note delivered to it.
 */
@SpringBootApplication
class KitTestApplication {

	/** What the notes consumer did, one entry per effect. */
	static final List<String> effects = new CopyOnWriteArrayList<>();

	/** The poison notes the consumer has been "fixed" to accept. */
	static final Set<String> cured = ConcurrentHashMap.newKeySet();

	/** Every note delivered to the other group, once per delivery. */
	static final List<String> copies = new CopyOnWriteArrayList<>();

	/** Notes whose handling waits until the test lets them through. */
	static final Map<String, Gate> gates = new ConcurrentHashMap<>();

	@Bean
	Consumer<Message<byte[]>> notes(Inbox inbox) {
		return inbox.once("notes", (message) -> {
			String body = new String(message.getPayload());
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
