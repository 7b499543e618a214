package eu.citiesgateway.platform.events;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.util.Assert;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Stores an {@link AggregateRoot} and the events it raised in ONE atomic write of its own
 * document, so that a state change is never stored without its events nor an event kept
 * for a change that was not stored. Works without multi-document transactions (standalone
 * MongoDB, mongo-java-server).
 * <p>
 * An update never rewrites the {@code outbox} array: it sets the aggregate's fields and
 * appends the new events, so events the relay is removing at the same moment are neither
 * resurrected nor lost.
 * <p>
 * Each event keeps the W3C trace context of the span that stored it (the request's, or
 * the consumer's that handled an event), so the record the relay sends later belongs to
 * that trace ({@link EventTracing}).
 */
public class OutboxWriter {

	private final MongoTemplate mongo;

	private final JsonMapper json;

	private final EventTypes types;

	private final OutboxRelay relay;

	private final Clock clock;

	private final EventTracing tracing;

	public OutboxWriter(MongoTemplate mongo, JsonMapper json, EventTypes types, OutboxRelay relay, Clock clock) {
		this(mongo, json, types, relay, clock, EventTracing.NONE);
	}

	public OutboxWriter(MongoTemplate mongo, JsonMapper json, EventTypes types, OutboxRelay relay, Clock clock,
			EventTracing tracing) {
		this.mongo = mongo;
		this.json = json;
		this.types = types;
		this.relay = relay;
		this.clock = clock;
		this.tracing = tracing;
	}

	/**
	 * Stores a new aggregate with version 1 and its events.
	 * @param aggregate the new aggregate
	 * @param <T> the aggregate type
	 * @return the aggregate, now at version 1
	 * @throws org.springframework.dao.DuplicateKeyException if the id or a unique key
	 * exists
	 */
	public <T extends AggregateRoot> T insert(T aggregate) {
		Document document = new Document();
		this.mongo.getConverter().write(aggregate, document);
		document.put("version", 1L);
		document.put(PendingEvent.OUTBOX_FIELD, toDocuments(pending(aggregate)));
		String collection = collectionOf(aggregate);
		this.mongo.execute(collection, (c) -> c.insertOne(document));
		aggregate.stored(1);
		this.relay.signal(collection, document.get("_id"));
		return aggregate;
	}

	/**
	 * Stores the new state of an aggregate read at {@link AggregateRoot#version()} and
	 * appends its events.
	 * @param aggregate the changed aggregate
	 * @param <T> the aggregate type
	 * @return the aggregate, its version one higher
	 * @throws OptimisticLockingFailureException if someone else changed it since it was
	 * read
	 */
	public <T extends AggregateRoot> T update(T aggregate) {
		Document document = new Document();
		this.mongo.getConverter().write(aggregate, document);
		Object id = document.remove("_id");
		long expected = aggregate.version();
		Document set = new Document(document);
		set.put("version", expected + 1);
		Document unset = new Document();
		MongoPersistentEntity<?> entity = this.mongo.getConverter()
			.getMappingContext()
			.getRequiredPersistentEntity(aggregate.getClass());
		for (MongoPersistentProperty property : entity) {
			if (!property.isIdProperty() && !document.containsKey(property.getFieldName())) {
				unset.put(property.getFieldName(), "");
			}
		}
		Document update = new Document("$set", set);
		if (!unset.isEmpty()) {
			update.put("$unset", unset);
		}
		List<PendingEvent> events = pending(aggregate);
		if (!events.isEmpty()) {
			update.put("$push", new Document(PendingEvent.OUTBOX_FIELD, new Document("$each", toDocuments(events))));
		}
		String collection = collectionOf(aggregate);
		Bson filter = and(eq("_id", id), eq("version", expected));
		UpdateResult result = this.mongo.execute(collection, (c) -> c.updateOne(filter, update));
		if (result.getMatchedCount() == 0) {
			throw new OptimisticLockingFailureException(aggregate.getClass().getSimpleName() + " "
					+ aggregate.aggregateId() + " was changed since version " + expected + " was read");
		}
		aggregate.stored(expected + 1);
		if (!events.isEmpty()) {
			this.relay.signal(collection, id);
		}
		return aggregate;
	}

	private String collectionOf(AggregateRoot aggregate) {
		Assert.state(aggregate.getClass().isAnnotationPresent(PublishesTo.class),
				() -> aggregate.getClass().getName() + " needs @PublishesTo to name its topic");
		return this.mongo.getCollectionName(aggregate.getClass());
	}

	private List<PendingEvent> pending(AggregateRoot aggregate) {
		String topic = aggregate.getClass().getAnnotation(PublishesTo.class).value();
		List<PendingEvent> events = new ArrayList<>();
		if (aggregate.raisedEvents().isEmpty()) {
			return events;
		}
		EventTracing.Context trace = this.tracing.current();
		for (Object event : aggregate.raisedEvents()) {
			events.add(new PendingEvent(UUID.randomUUID().toString(), this.types.typeOf(event.getClass()),
					aggregate.aggregateId(), this.clock.instant(), topic, this.json.writeValueAsString(event),
					trace.traceparent(), trace.tracestate()));
		}
		return events;
	}

	static List<Document> toDocuments(List<PendingEvent> events) {
		List<Document> documents = new ArrayList<>(events.size());
		for (PendingEvent event : events) {
			documents.add(toDocument(event));
		}
		return documents;
	}

	static Document toDocument(PendingEvent event) {
		Document document = new Document("id", event.id()).append("type", event.type())
			.append("subject", event.subject())
			.append("time", Date.from(event.time()))
			.append("topic", event.topic())
			.append("data", event.data());
		if (event.traceparent() != null) {
			document.append(EventTracing.TRACEPARENT, event.traceparent());
		}
		if (event.tracestate() != null) {
			document.append(EventTracing.TRACESTATE, event.tracestate());
		}
		return document;
	}

	static PendingEvent fromDocument(Document document) {
		return new PendingEvent(document.getString("id"), document.getString("type"), document.getString("subject"),
				document.getDate("time").toInstant(), document.getString("topic"), document.getString("data"),
				document.getString(EventTracing.TRACEPARENT), document.getString(EventTracing.TRACESTATE));
	}

}
