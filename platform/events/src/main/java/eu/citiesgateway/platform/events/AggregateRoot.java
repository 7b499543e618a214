package eu.citiesgateway.platform.events;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.springframework.data.annotation.Transient;

/**
 * Base of a MongoDB document that publishes events through the transactional outbox.
 * <p>
 * A subclass records what happened with {@link #raise(Object)}; {@link OutboxWriter} then
 * stores the new state and the raised events in one atomic write of the aggregate's own
 * document, and the {@link OutboxRelay} sends them to the topic named by the class's
 * {@link PublishesTo} annotation. The {@code version} increases by one on every write and
 * guards against lost updates.
 */
public abstract class AggregateRoot {

	private long version;

	@Transient
	private final List<Object> raisedEvents = new ArrayList<>();

	/**
	 * The aggregate id: the Kafka key and the CloudEvents subject of every event it
	 * raises.
	 * @return the id as text
	 */
	public abstract String aggregateId();

	/**
	 * The number of writes the aggregate has seen: 1 after the first insert.
	 * @return the version
	 */
	public long version() {
		return this.version;
	}

	/**
	 * Records an event to be published once the aggregate is stored.
	 * @param event a record whose simple class name is the event name
	 */
	protected void raise(Object event) {
		this.raisedEvents.add(event);
	}

	/**
	 * The events raised since the aggregate was last stored, oldest first.
	 * @return a read-only view
	 */
	public List<Object> raisedEvents() {
		return Collections.unmodifiableList(this.raisedEvents);
	}

	void stored(long version) {
		this.version = version;
		this.raisedEvents.clear();
	}

}
