package eu.citiesgateway.platform.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.messaging.Message;

/**
 * A small service that uses the event kit: it owns parcels and consumes notes.
 */
@SpringBootApplication
class KitTestApplication {

	/** What the notes consumer did, one entry per effect. */
	static final List<String> effects = new CopyOnWriteArrayList<>();

	/** Whether the consumer has been "fixed" to accept the poison note. */
	static final AtomicBoolean acceptPoison = new AtomicBoolean();

	@Bean
	Consumer<Message<byte[]>> notes(Inbox inbox) {
		return inbox.once("notes", (message) -> {
			String body = new String(message.getPayload());
			if (body.contains("poison") && !acceptPoison.get()) {
				throw new IllegalArgumentException("cannot digest " + body);
			}
			effects.add(body);
		});
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
