package eu.citiesgateway.cluster.activity;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What an activity is, when and where: everything a reschedule may change.
 *
 * @param title its title
 * @param description what it is about
 * @param hostCityId the host of a study visit
 * @param participantCityIds the cities taking part, the host included
 * @param startsAt when it starts
 * @param startOffset the UTC offset of the start where it takes place
 * @param endsAt when it ends
 * @param endOffset the UTC offset of the end where it takes place
 * @param timeZone the IANA time zone of its place, when given
 * @param location where, for an activity held in person
 * @param online whether it is held online
 * @param agenda the agenda of a thematic hub session
 * @param objectives the objectives of a pilot project
 */
record Details(String title, String description, @Nullable UUID hostCityId, List<UUID> participantCityIds,
		Instant startsAt, String startOffset, Instant endsAt, String endOffset, @Nullable String timeZone,
		@Nullable String location, boolean online, List<String> agenda, List<String> objectives) {

	String startsAtText() {
		return text(this.startsAt, this.startOffset);
	}

	String endsAtText() {
		return text(this.endsAt, this.endOffset);
	}

	OffsetDateTime start() {
		return this.startsAt.atOffset(ZoneOffset.of(this.startOffset));
	}

	OffsetDateTime end() {
		return this.endsAt.atOffset(ZoneOffset.of(this.endOffset));
	}

	List<String> participantIds() {
		return this.participantCityIds.stream().map(UUID::toString).toList();
	}

	/**
	 * The names of the fields that differ from another version of the details.
	 * @param other the other version
	 * @return the names, in the API's terms
	 */
	List<String> changedFrom(Details other) {
		List<String> changed = new ArrayList<>();
		add(changed, "title", this.title, other.title);
		add(changed, "description", this.description, other.description);
		add(changed, "hostCityId", this.hostCityId, other.hostCityId);
		add(changed, "participantCityIds", this.participantCityIds, other.participantCityIds);
		add(changed, "startsAt", startsAtText(), other.startsAtText());
		add(changed, "endsAt", endsAtText(), other.endsAtText());
		add(changed, "timeZone", this.timeZone, other.timeZone);
		add(changed, "location", this.location, other.location);
		add(changed, "online", this.online, other.online);
		add(changed, "agenda", this.agenda, other.agenda);
		add(changed, "objectives", this.objectives, other.objectives);
		return changed;
	}

	private static void add(List<String> changed, String field, @Nullable Object a, @Nullable Object b) {
		if (!Objects.equals(a, b)) {
			changed.add(field);
		}
	}

	private static String text(Instant instant, String offset) {
		return instant.atOffset(ZoneOffset.of(offset)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

}
