package eu.citiesgateway.cluster.activity;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import eu.citiesgateway.cluster.ClusterCatalog;
import eu.citiesgateway.cluster.directory.KnownCities;
import eu.citiesgateway.cluster.directory.KnownCity;
import eu.citiesgateway.cluster.membership.Members;
import eu.citiesgateway.platform.events.OutboxWriter;
import eu.citiesgateway.platform.web.DateTimes;
import eu.citiesgateway.platform.web.FieldViolation;
import eu.citiesgateway.platform.web.InvalidRequestException;
import eu.citiesgateway.platform.web.TextFields;
import eu.citiesgateway.platform.web.ResourceNotFoundException;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Schedules, reschedules, completes and cancels cluster activities, checking them against
 * the cluster's members and the rules of each kind of activity. Texts follow the
 * platform's rules ({@link TextFields}): titles, places and list items are one line;
 * descriptions, results and cancellation reasons may hold line feeds, which the calendar
 * feeds escape. Times follow {@link DateTimes}: with an offset, within the years it
 * allows, so that every event and feed written from them meets its contract.
 */
@Service
public class Scheduling {

	static final int MAX_TITLE = 200;

	static final int MAX_DESCRIPTION = 5000;

	static final int MAX_TEXT = 2000;

	static final int MAX_ITEM = 500;

	static final int MAX_ITEMS = 50;

	static final int MAX_PARTICIPANTS = 200;

	private final Activities activities;

	private final OutboxWriter outbox;

	private final Members members;

	private final KnownCities cities;

	private final Clock clock;

	Scheduling(Activities activities, OutboxWriter outbox, Members members, KnownCities cities, Clock clock) {
		this.activities = activities;
		this.outbox = outbox;
		this.members = members;
		this.cities = cities;
		this.clock = clock;
	}

	/**
	 * The activity of an id.
	 * @param id the id
	 * @return the activity
	 * @throws ResourceNotFoundException if there is none
	 */
	public Activity find(UUID id) {
		return this.activities.findById(id).orElseThrow(() -> new ResourceNotFoundException("activity", id));
	}

	Activity schedule(String clusterId, ActivityRequest request) {
		requireCluster(clusterId);
		List<FieldViolation> violations = new ArrayList<>();
		Type type = null;
		if (request.type() == null) {
			violations.add(new FieldViolation("type", "is required: study-visit, thematic-hub or pilot-project"));
		}
		else {
			type = Type.of(request.type()).orElse(null);
			if (type == null) {
				violations.add(new FieldViolation("type", "'" + request.type()
						+ "' is not a type; allowed are study-visit, thematic-hub, pilot-project"));
			}
		}
		Details details = details(clusterId, type, request, null, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return this.outbox.insert(Activity.schedule(clusterId, type, details, this.clock.instant()));
	}

	Activity reschedule(Activity activity, ActivityRequest changed) {
		List<FieldViolation> violations = new ArrayList<>();
		if (changed.type() == null || !changed.type().equals(activity.type().slug())) {
			violations.add(new FieldViolation("type", "cannot change; schedule a new activity instead"));
		}
		Details details = details(activity.clusterId(), activity.type(), changed, activity.details().startsAt(),
				violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		if (activity.reschedule(details, this.clock.instant())) {
			this.outbox.update(activity);
		}
		return activity;
	}

	Activity complete(UUID id, @Nullable List<String> outcomes, @Nullable String results) {
		List<FieldViolation> violations = new ArrayList<>();
		List<String> cleaned = TextFields.items("outcomes", outcomes, MAX_ITEMS, MAX_TEXT, violations);
		if (cleaned.isEmpty() && violations.isEmpty()) {
			violations.add(new FieldViolation("outcomes", "name at least one outcome"));
		}
		String checked = TextFields.paragraphs("results", results, MAX_DESCRIPTION, false, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		Activity activity = find(id);
		activity.complete(cleaned, checked, this.clock.instant());
		return this.outbox.update(activity);
	}

	Activity cancel(UUID id, @Nullable String reason) {
		List<FieldViolation> violations = new ArrayList<>();
		String checked = TextFields.paragraphs("reason", reason, MAX_TEXT, true, violations);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		Activity activity = find(id);
		activity.cancel(checked, this.clock.instant());
		return this.outbox.update(activity);
	}

	private @Nullable Details details(String clusterId, @Nullable Type type, ActivityRequest request,
			@Nullable Instant currentStart, List<FieldViolation> violations) {
		String title = TextFields.text("title", request.title(), MAX_TITLE, true, violations);
		String description = TextFields.paragraphs("description", request.description(), MAX_DESCRIPTION, false,
				violations);
		String location = TextFields.text("location", request.location(), MAX_ITEM, false, violations);
		boolean online = Boolean.TRUE.equals(request.online());
		List<String> agenda = TextFields.items("agenda", request.agenda(), MAX_ITEMS, MAX_ITEM, violations);
		List<String> objectives = TextFields.items("objectives", request.objectives(), MAX_ITEMS, MAX_ITEM, violations);
		OffsetDateTime start = DateTimes.offsetDateTime("startsAt", request.startsAt(), true, violations);
		OffsetDateTime end = DateTimes.offsetDateTime("endsAt", request.endsAt(), true, violations);
		ZoneId zone = zone(request.timeZone(), start, end, violations);
		if (start != null && end != null && !end.isAfter(start)) {
			violations.add(new FieldViolation("endsAt", "must be after startsAt (" + request.startsAt() + ")"));
		}
		// a running activity may change its end or place; a new start must lie ahead
		if (start != null && !start.toInstant().equals(currentStart)
				&& !start.toInstant().isAfter(this.clock.instant())) {
			violations.add(new FieldViolation("startsAt", "must be in the future"));
		}
		UUID host = cityId("hostCityId", request.hostCityId(), violations);
		Set<UUID> participants = new LinkedHashSet<>();
		if (host != null) {
			participants.add(host);
		}
		List<String> ids = (request.participantCityIds() != null) ? request.participantCityIds() : List.of();
		if (ids.size() > MAX_PARTICIPANTS) {
			violations
				.add(new FieldViolation("participantCityIds", "may list at most " + MAX_PARTICIPANTS + " cities"));
		}
		else {
			for (int i = 0; i < ids.size(); i++) {
				UUID id = cityId("participantCityIds[" + i + "]", ids.get(i), violations);
				if (id != null) {
					participants.add(id);
				}
			}
		}
		if (participants.size() > MAX_PARTICIPANTS) {
			violations.add(new FieldViolation("participantCityIds",
					"may list at most " + MAX_PARTICIPANTS + " cities, the host included"));
			participants.clear();
		}
		List<KnownCity> known = new ArrayList<>();
		for (UUID id : participants) {
			String field = id.equals(host) ? "hostCityId" : "participantCityIds[" + ids.indexOf(id.toString()) + "]";
			KnownCity city = this.cities.findById(id).orElse(null);
			if (city == null) {
				violations.add(new FieldViolation(field, "unknown city " + id));
			}
			else if (!this.members.isMember(clusterId, id)) {
				violations
					.add(new FieldViolation(field, city.name() + " is not a member of the " + clusterId + " cluster"));
			}
			else {
				known.add(city);
			}
		}
		if (type != null) {
			rules(type, host, online, location, participants, known, objectives, violations);
		}
		if (!violations.isEmpty() || title == null || start == null || end == null) {
			return null;
		}
		return new Details(title, (description != null) ? description : "", host, List.copyOf(participants),
				start.toInstant(), start.getOffset().getId(), end.toInstant(), end.getOffset().getId(),
				(zone != null) ? zone.getId() : null, location, online, agenda, objectives);
	}

	private static void rules(Type type, @Nullable UUID host, boolean online, @Nullable String location,
			Set<UUID> participants, List<KnownCity> known, List<String> objectives, List<FieldViolation> violations) {
		if (participants.isEmpty()) {
			violations.add(new FieldViolation("participantCityIds", "name at least one city taking part"));
		}
		switch (type) {
			case STUDY_VISIT -> {
				if (host == null) {
					violations.add(new FieldViolation("hostCityId", "a study visit needs a host city"));
				}
				if (online) {
					violations.add(new FieldViolation("online", "a study visit takes place in the host city"));
				}
				if (location == null) {
					violations.add(new FieldViolation("location", "a study visit needs a place"));
				}
			}
			case THEMATIC_HUB -> {
				if (!online && location == null) {
					violations.add(new FieldViolation("location", "a session in person needs a place; or set online"));
				}
			}
			case PILOT_PROJECT -> {
				if (known.size() == participants.size() && (known.stream().noneMatch(KnownCity::european)
						|| known.stream().allMatch(KnownCity::european))) {
					violations.add(new FieldViolation("participantCityIds",
							"a pilot project needs at least one EU and one US or Canadian city"));
				}
				if (objectives.isEmpty()) {
					violations.add(new FieldViolation("objectives", "a pilot project needs at least one objective"));
				}
			}
		}
	}

	private static @Nullable ZoneId zone(@Nullable String text, @Nullable OffsetDateTime start,
			@Nullable OffsetDateTime end, List<FieldViolation> violations) {
		if (text == null) {
			return null;
		}
		ZoneId zone;
		try {
			if (!ZoneId.getAvailableZoneIds().contains(text)) {
				throw new DateTimeException(text);
			}
			zone = ZoneId.of(text);
		}
		catch (DateTimeException ex) {
			violations.add(new FieldViolation("timeZone", "'" + text + "' is not an IANA time zone like Europe/Paris"));
			return null;
		}
		for (OffsetDateTime time : new OffsetDateTime[] { start, end }) {
			if (time != null && !zone.getRules().getOffset(time.toInstant()).equals(time.getOffset())) {
				violations.add(new FieldViolation((time == start) ? "startsAt" : "endsAt",
						"the offset " + time.getOffset() + " is not that of " + zone + " at that time ("
								+ zone.getRules().getOffset(time.toInstant()) + ")"));
			}
		}
		return zone;
	}

	private static @Nullable UUID cityId(String field, @Nullable String text, List<FieldViolation> violations) {
		if (text == null) {
			return null;
		}
		try {
			return UUID.fromString(text);
		}
		catch (IllegalArgumentException ex) {
			violations.add(new FieldViolation(field, "'" + text + "' is not a city id (a UUID)"));
			return null;
		}
	}

	private static void requireCluster(String clusterId) {
		if (ClusterCatalog.find(clusterId).isEmpty()) {
			throw new ResourceNotFoundException("cluster", clusterId);
		}
	}

	Instant now() {
		return this.clock.instant();
	}

}
