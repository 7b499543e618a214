package eu.citiesgateway.cluster.activity;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The events of {@code clusters.activities.v1}, keyed by activity id. Times are ISO-8601
 * with the offset of the activity's place ({@code 2027-03-02T09:00:00+01:00}).
 */
final class ActivityEvents {

	private ActivityEvents() {
	}

	/**
	 * A cluster scheduled an activity.
	 *
	 * @param activityId the activity, also the Kafka key
	 * @param clusterId its cluster
	 * @param type {@code study-visit}, {@code thematic-hub} or {@code pilot-project}
	 * @param title its title
	 * @param description what it is about
	 * @param hostCityId the host of a study visit
	 * @param participantCityIds the cities taking part, the host included
	 * @param startsAt when it starts
	 * @param endsAt when it ends
	 * @param timeZone the IANA time zone of its place, when known
	 * @param location where, for one held in person
	 * @param online whether it is held online
	 * @param agenda the agenda of a thematic hub session
	 * @param objectives the objectives of a pilot project
	 * @param scheduledAt when it was scheduled
	 */
	record ActivityScheduled(String activityId, String clusterId, String type, String title, String description,
			@Nullable String hostCityId, List<String> participantCityIds, String startsAt, String endsAt,
			@Nullable String timeZone, @Nullable String location, boolean online, List<String> agenda,
			List<String> objectives, Instant scheduledAt) {
	}

	/**
	 * An activity's schedule or details changed: its time, place, participants, title,
	 * description, agenda or objectives. It carries the whole new state and the names of
	 * the fields that changed.
	 *
	 * @param activityId the activity
	 * @param clusterId its cluster
	 * @param type its type
	 * @param title its title
	 * @param description what it is about
	 * @param hostCityId the host of a study visit
	 * @param participantCityIds the cities taking part
	 * @param startsAt when it starts now
	 * @param endsAt when it ends now
	 * @param timeZone the IANA time zone of its place, when known
	 * @param location where
	 * @param online whether it is held online
	 * @param agenda the agenda of a thematic hub session
	 * @param objectives the objectives of a pilot project
	 * @param changedFields the names of the fields that changed
	 * @param rescheduledAt when the change was made
	 */
	record ActivityRescheduled(String activityId, String clusterId, String type, String title, String description,
			@Nullable String hostCityId, List<String> participantCityIds, String startsAt, String endsAt,
			@Nullable String timeZone, @Nullable String location, boolean online, List<String> agenda,
			List<String> objectives, List<String> changedFields, Instant rescheduledAt) {
	}

	/**
	 * An activity took place and was closed with its outcomes.
	 *
	 * @param activityId the activity
	 * @param clusterId its cluster
	 * @param type its type
	 * @param title its title
	 * @param outcomes what came of it
	 * @param results the results of a pilot project
	 * @param completedAt when it was closed
	 */
	record ActivityCompleted(String activityId, String clusterId, String type, String title, List<String> outcomes,
			@Nullable String results, Instant completedAt) {
	}

	/**
	 * An activity was called off.
	 *
	 * @param activityId the activity
	 * @param clusterId its cluster
	 * @param type its type
	 * @param title its title
	 * @param reason why
	 * @param cancelledAt when
	 */
	record ActivityCancelled(String activityId, String clusterId, String type, String title, String reason,
			Instant cancelledAt) {
	}

}
