package eu.citiesgateway.cluster.activity;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import eu.citiesgateway.cluster.ClusterCatalog;
import eu.citiesgateway.cluster.directory.KnownCities;
import eu.citiesgateway.cluster.directory.KnownCity;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Categories;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import org.springframework.stereotype.Component;

/**
 * iCalendar (RFC 5545) feeds of activities that calendar applications subscribe to. Each
 * activity is one event with a stable {@code UID}; a reschedule or a cancellation raises
 * its {@code SEQUENCE}, and a cancelled activity stays in the feed with
 * {@code STATUS:CANCELLED}, so subscribers update their copy instead of keeping a stale
 * one. Times are written in UTC.
 */
@Component
class Calendars {

	static final String UID_DOMAIN = "@citiesgateway.eu";

	private final KnownCities cities;

	Calendars(KnownCities cities) {
		this.cities = cities;
	}

	/**
	 * A feed of activities.
	 * @param name the calendar's name
	 * @param activities its activities
	 * @param base the service's base URL, for each event's link
	 * @return the calendar
	 */
	Calendar feed(String name, List<Activity> activities, URI base) {
		Map<UUID, String> names = this.cities
			.findAllById(
					activities.stream().flatMap((a) -> a.details().participantCityIds().stream()).distinct().toList())
			.stream()
			.collect(Collectors.toMap(KnownCity::id, KnownCity::name));
		Calendar calendar = new Calendar();
		calendar.add(new ProdId("-//EU Cities Gateway//cluster-service//EN"));
		calendar.add(ImmutableVersion.VERSION_2_0);
		calendar.add(ImmutableCalScale.GREGORIAN);
		// no METHOD: a subscribed feed is not an iTIP message (RFC 5546 would require an
		// ORGANIZER on every event)
		calendar.add(new XProperty("X-WR-CALNAME", name));
		for (Activity activity : activities) {
			calendar.add(event(activity, names, base));
		}
		return calendar;
	}

	private static VEvent event(Activity activity, Map<UUID, String> names, URI base) {
		Details details = activity.details();
		Instant modified = activity.updatedAt();
		VEvent event = new VEvent(details.startsAt(), details.endsAt(),
				ClusterCatalog.find(activity.clusterId()).map((c) -> c.name().en() + ": ").orElse("")
						+ details.title());
		event.add(new Uid(activity.id() + UID_DOMAIN));
		event.replace(new DtStamp(modified));
		event.add(new LastModified(modified));
		event.add(new Sequence(activity.sequence()));
		event.add((Property) ((activity.state() == Activity.State.CANCELLED) ? ImmutableStatus.VEVENT_CANCELLED
				: ImmutableStatus.VEVENT_CONFIRMED));
		event.add(new Categories(activity.type().slug()));
		event.add(new Description(description(activity, names)));
		String place = details.online() ? "Online" + ((details.location() != null) ? " / " + details.location() : "")
				: details.location();
		if (place != null) {
			event.add(new Location(place));
		}
		event.add(new Url(base.resolve("/api/activities/" + activity.id())));
		return event;
	}

	private static String description(Activity activity, Map<UUID, String> names) {
		Details details = activity.details();
		StringBuilder text = new StringBuilder(details.description());
		List<String> cities = details.participantCityIds()
			.stream()
			.map((id) -> names.getOrDefault(id, id.toString()))
			.toList();
		append(text, "Cities taking part: " + String.join(", ", cities));
		if (!details.agenda().isEmpty()) {
			append(text, "Agenda:\n- " + String.join("\n- ", details.agenda()));
		}
		if (!details.objectives().isEmpty()) {
			append(text, "Objectives:\n- " + String.join("\n- ", details.objectives()));
		}
		if (activity.cancellationReason() != null) {
			append(text, "Cancelled: " + activity.cancellationReason());
		}
		return text.toString();
	}

	private static void append(StringBuilder text, String paragraph) {
		if (!text.isEmpty()) {
			text.append("\n\n");
		}
		text.append(paragraph);
	}

}
