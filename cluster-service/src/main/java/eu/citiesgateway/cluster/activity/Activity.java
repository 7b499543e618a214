package eu.citiesgateway.cluster.activity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.cluster.activity.ActivityEvents.ActivityCancelled;
import eu.citiesgateway.cluster.activity.ActivityEvents.ActivityCompleted;
import eu.citiesgateway.cluster.activity.ActivityEvents.ActivityRescheduled;
import eu.citiesgateway.cluster.activity.ActivityEvents.ActivityScheduled;
import eu.citiesgateway.platform.events.AggregateRoot;
import eu.citiesgateway.platform.events.PublishesTo;
import eu.citiesgateway.platform.web.ConflictException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A study visit, thematic hub session or joint pilot project of one cluster, from its
 * scheduling to its completion or cancellation.
 */
@Document("activities")
@PublishesTo("clusters.activities.v1")
public class Activity extends AggregateRoot {

	@Id
	private final UUID id;

	private final String clusterId;

	private final Type type;

	private Details details;

	private State state;

	private List<String> outcomes = List.of();

	private @Nullable String results;

	private @Nullable String cancellationReason;

	private final Instant scheduledAt;

	private @Nullable Instant closedAt;

	private @Nullable Instant updatedAt;

	/**
	 * Incremented whenever calendar applications must replace their copy: the iCalendar
	 * {@code SEQUENCE}.
	 */
	private int sequence;

	@PersistenceCreator
	Activity(UUID id, String clusterId, Type type, Details details, State state, Instant scheduledAt) {
		this.id = id;
		this.clusterId = clusterId;
		this.type = type;
		this.details = details;
		this.state = state;
		this.scheduledAt = scheduledAt;
	}

	static Activity schedule(String clusterId, Type type, Details details, Instant now) {
		Activity activity = new Activity(UUID.randomUUID(), clusterId, type, details, State.SCHEDULED, now);
		activity.raise(new ActivityScheduled(activity.id.toString(), clusterId, type.slug(), details.title(),
				details.description(), ids(details.hostCityId()), details.participantIds(), details.startsAtText(),
				details.endsAtText(), details.timeZone(), details.location(), details.online(), details.agenda(),
				details.objectives(), now));
		return activity;
	}

	/**
	 * Changes the details of a scheduled activity.
	 * @param changed the new details, already validated
	 * @param now when
	 * @return whether anything changed
	 */
	boolean reschedule(Details changed, Instant now) {
		requireScheduled("reschedule");
		List<String> fields = changed.changedFrom(this.details);
		if (fields.isEmpty()) {
			return false;
		}
		this.details = changed;
		this.sequence++;
		this.updatedAt = now;
		raise(new ActivityRescheduled(this.id.toString(), this.clusterId, this.type.slug(), changed.title(),
				changed.description(), ids(changed.hostCityId()), changed.participantIds(), changed.startsAtText(),
				changed.endsAtText(), changed.timeZone(), changed.location(), changed.online(), changed.agenda(),
				changed.objectives(), fields, now));
		return true;
	}

	/**
	 * Closes an activity that took place.
	 * @param outcomes what came of it
	 * @param results the results of a pilot project
	 * @param now when, at or after its start
	 */
	void complete(List<String> outcomes, @Nullable String results, Instant now) {
		requireScheduled("complete");
		if (now.isBefore(this.details.startsAt())) {
			throw new ConflictException(
					"Activity " + this.id + " has not started yet: it starts at " + this.details.startsAtText(),
					Map.of("state", this.state.name()));
		}
		this.state = State.COMPLETED;
		this.outcomes = List.copyOf(outcomes);
		this.results = results;
		this.closedAt = now;
		this.updatedAt = now;
		raise(new ActivityCompleted(this.id.toString(), this.clusterId, this.type.slug(), this.details.title(),
				this.outcomes, results, now));
	}

	/**
	 * Calls a scheduled activity off.
	 * @param reason why
	 * @param now when
	 */
	void cancel(String reason, Instant now) {
		requireScheduled("cancel");
		this.state = State.CANCELLED;
		this.cancellationReason = reason;
		this.closedAt = now;
		this.updatedAt = now;
		this.sequence++;
		raise(new ActivityCancelled(this.id.toString(), this.clusterId, this.type.slug(), this.details.title(), reason,
				now));
	}

	private void requireScheduled(String action) {
		if (this.state != State.SCHEDULED) {
			throw new ConflictException("Cannot " + action + " activity " + this.id + ": it is " + this.state,
					Map.of("state", this.state.name()));
		}
	}

	/**
	 * Where the activity is, seen at a moment: pilot projects are planned, then running
	 * from their start.
	 * @param now the moment
	 * @return the status shown in the API
	 */
	String status(Instant now) {
		if (this.state == State.SCHEDULED && this.type == Type.PILOT_PROJECT) {
			return now.isBefore(this.details.startsAt()) ? "PLANNED" : "RUNNING";
		}
		return this.state.name();
	}

	private static @Nullable String ids(@Nullable UUID id) {
		return (id != null) ? id.toString() : null;
	}

	@Override
	public String aggregateId() {
		return this.id.toString();
	}

	public UUID id() {
		return this.id;
	}

	public String clusterId() {
		return this.clusterId;
	}

	public Type type() {
		return this.type;
	}

	Details details() {
		return this.details;
	}

	public State state() {
		return this.state;
	}

	List<String> outcomes() {
		return this.outcomes;
	}

	@Nullable String results() {
		return this.results;
	}

	@Nullable String cancellationReason() {
		return this.cancellationReason;
	}

	Instant scheduledAt() {
		return this.scheduledAt;
	}

	@Nullable Instant closedAt() {
		return this.closedAt;
	}

	/** When the activity last changed: scheduled, rescheduled, completed or cancelled. */
	Instant updatedAt() {
		return (this.updatedAt != null) ? this.updatedAt : this.scheduledAt;
	}

	int sequence() {
		return this.sequence;
	}

	/** The stored state; pilot projects show PLANNED or RUNNING while scheduled. */
	public enum State {

		SCHEDULED, COMPLETED, CANCELLED

	}

}
