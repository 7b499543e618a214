package eu.citiesgateway.cluster.activity;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An activity to schedule, or the whole of one after a patch.
 *
 * @param type {@code study-visit}, {@code thematic-hub} or {@code pilot-project}
 * @param title its title, 1 to 200 characters
 * @param description what it is about, up to 5,000 characters
 * @param hostCityId the host of a study visit (required for one)
 * @param participantCityIds the cities taking part, each a member of the cluster
 * @param startsAt ISO-8601 with an offset, e.g. {@code 2027-03-02T09:00:00+01:00}
 * @param endsAt ISO-8601 with an offset, after {@code startsAt}
 * @param timeZone the IANA time zone of the place, e.g. {@code Europe/Paris}; its offsets
 * must be those of {@code startsAt} and {@code endsAt}
 * @param location where, for an activity held in person
 * @param online whether it is held online
 * @param agenda the agenda of a thematic hub session
 * @param objectives the objectives of a pilot project (at least one)
 */
public record ActivityRequest(@Nullable String type, @Nullable String title, @Nullable String description,
		@Nullable String hostCityId, @Nullable List<String> participantCityIds, @Nullable String startsAt,
		@Nullable String endsAt, @Nullable String timeZone, @Nullable String location, @Nullable Boolean online,
		@Nullable List<String> agenda, @Nullable List<String> objectives) {

	static ActivityRequest of(Activity activity) {
		Details details = activity.details();
		return new ActivityRequest(activity.type().slug(), details.title(), details.description(),
				(details.hostCityId() != null) ? details.hostCityId().toString() : null, details.participantIds(),
				details.startsAtText(), details.endsAtText(), details.timeZone(), details.location(), details.online(),
				details.agenda(), details.objectives());
	}

}
