package eu.citiesgateway.cluster.activity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An activity as the API shows it. Times carry the offset of the activity's place.
 *
 * @param id the activity
 * @param clusterId its cluster
 * @param type {@code study-visit}, {@code thematic-hub} or {@code pilot-project}
 * @param title its title
 * @param description what it is about
 * @param hostCityId the host of a study visit
 * @param participantCityIds the cities taking part, the host included
 * @param startsAt when it starts
 * @param endsAt when it ends
 * @param timeZone the IANA time zone of its place, when given
 * @param location where
 * @param online whether it is held online
 * @param agenda the agenda of a thematic hub session
 * @param objectives the objectives of a pilot project
 * @param status SCHEDULED, COMPLETED or CANCELLED; PLANNED or RUNNING for a scheduled
 * pilot project
 * @param outcomes what came of a completed activity
 * @param results the results of a completed pilot project
 * @param cancellationReason why it was cancelled
 * @param scheduledAt when it was scheduled
 * @param closedAt when it was completed or cancelled
 */
public record ActivityView(UUID id, String clusterId, String type, String title, String description,
		@Nullable UUID hostCityId, List<UUID> participantCityIds, String startsAt, String endsAt,
		@Nullable String timeZone, @Nullable String location, boolean online, List<String> agenda,
		List<String> objectives, String status, List<String> outcomes, @Nullable String results,
		@Nullable String cancellationReason, Instant scheduledAt, @Nullable Instant closedAt) {

	public static ActivityView of(Activity activity, Instant now) {
		Details details = activity.details();
		return new ActivityView(activity.id(), activity.clusterId(), activity.type().slug(), details.title(),
				details.description(), details.hostCityId(), details.participantCityIds(), details.startsAtText(),
				details.endsAtText(), details.timeZone(), details.location(), details.online(), details.agenda(),
				details.objectives(), activity.status(now), activity.outcomes(), activity.results(),
				activity.cancellationReason(), activity.scheduledAt(), activity.closedAt());
	}

}
