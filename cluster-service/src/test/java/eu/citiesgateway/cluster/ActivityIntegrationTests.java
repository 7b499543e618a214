package eu.citiesgateway.cluster;

import java.io.StringReader;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import eu.citiesgateway.cluster.Programme.City;
import eu.citiesgateway.platform.test.EventContracts;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TopicRecords;
import eu.citiesgateway.platform.test.TestClock;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Activities scheduled, rescheduled, completed and cancelled through the API, their
 * events through the real broker, and the iCalendar feeds read back with iCal4j's own
 * parser.
 */
@ClusterIntegrationTest
class ActivityIntegrationTests {

	static final String TOPIC = "clusters.activities.v1";

	static final String CIRCULAR = "circular-economy";

	@Autowired
	EventFeed feed;

	@Autowired
	Http http;

	@Autowired
	TestClock clock;

	Programme programme;

	City lyon;

	City denver;

	@BeforeEach
	void twoMembers() {
		this.programme = new Programme(this.feed, this.http);
		this.lyon = this.programme.joined("Lyon", "FR", CIRCULAR);
		this.denver = this.programme.joined("Denver", "US", CIRCULAR);
		this.programme.awaitMembers(CIRCULAR, this.lyon, this.denver);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void anActivityScheduledRescheduledAndCompletedPublishesTheThreeEventsInOrder() {
		String id = schedule(studyVisit(at(10, 9), at(12, 17))).json().get("id").asString();

		Http.Response rescheduled = this.http.patch("/api/activities/" + id,
				"{\"startsAt\": \"" + at(11, 9) + "\", \"endsAt\": \"" + at(13, 17) + "\"}");
		this.clock.advance(Duration.ofDays(14));
		Http.Response completed = this.http.postJson("/api/activities/" + id + "/completion",
				"{\"outcomes\": [\"Lyon's reuse centre model documented for Denver\"]}");

		assertThat(rescheduled.status()).as(rescheduled.body()).isEqualTo(200);
		assertThat(rescheduled.json().get("startsAt").asString()).isEqualTo(at(11, 9));
		assertThat(completed.status()).as(completed.body()).isEqualTo(200);
		assertThat(completed.json().get("status").asString()).isEqualTo("COMPLETED");
		List<ConsumerRecord<String, String>> events = TopicRecords.await(TOPIC, (r) -> id.equals(r.key()), 3,
				Duration.ofMillis(500));
		assertThat(events).extracting((r) -> TopicRecords.header(r, "ce_type"))
			.containsExactly("eu.citiesgateway.cluster.ActivityScheduled.v1",
					"eu.citiesgateway.cluster.ActivityRescheduled.v1", "eu.citiesgateway.cluster.ActivityCompleted.v1");
		events.forEach(EventContracts::assertValid);
		assertThat(json(events.get(1)).get("changedFields").values()).extracting(JsonNode::asString)
			.containsExactly("startsAt", "endsAt");
		assertThat(json(events.get(0)).get("participantCityIds").values()).extracting(JsonNode::asString)
			.contains(this.lyon.id().toString());
	}

	@Test
	void theCalendarFeedsShowARescheduledActivityAtItsNewTimeAndACancelledOneAsCancelled() throws Exception {
		String moved = schedule(studyVisit(at(20, 9), at(21, 17))).json().get("id").asString();
		String called = schedule(hub(at(25, 15), at(25, 17))).json().get("id").asString();
		this.http.patch("/api/activities/" + moved,
				"{\"startsAt\": \"" + at(22, 10) + "\", \"endsAt\": \"" + at(23, 17) + "\"}");
		this.http.postJson("/api/activities/" + called + "/cancellation", "{\"reason\": \"Speakers unavailable\"}");

		Http.Response feed = this.http.get("/api/clusters/" + CIRCULAR + "/calendar.ics");

		assertThat(feed.status()).isEqualTo(200);
		assertThat(feed.contentType()).startsWith("text/calendar");
		Calendar calendar = new CalendarBuilder().build(new StringReader(feed.body()));
		VEvent rescheduled = event(calendar, moved);
		assertThat(property(rescheduled, Property.DTSTART)).isEqualTo(utc(at(22, 10)));
		assertThat(property(rescheduled, Property.SEQUENCE)).isEqualTo("1");
		assertThat(property(rescheduled, Property.STATUS)).isEqualTo("CONFIRMED");
		assertThat(rescheduled.getProperties(Property.DTSTAMP)).hasSize(1);
		assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
		VEvent cancelled = event(calendar, called);
		assertThat(property(cancelled, Property.STATUS)).isEqualTo("CANCELLED");
		assertThat(property(cancelled, Property.SEQUENCE)).isEqualTo("1");
		assertThat(property(cancelled, Property.DESCRIPTION)).contains("Speakers unavailable");

		Calendar denvers = new CalendarBuilder()
			.build(new StringReader(this.http.get("/api/cities/" + this.denver.id() + "/calendar.ics").body()));
		assertThat(event(denvers, moved)).isNotNull();
		assertThat(this.http.get("/api/cities/" + java.util.UUID.randomUUID() + "/calendar.ics").status())
			.isEqualTo(404);
	}

	@Test
	void aPilotProjectIsPlannedThenRunningAndTheClusterListsItAsUpcoming() {
		String body = """
				{"type": "pilot-project", "title": "Reuse centres in two cities", "description": "A joint pilot",
				 "participantCityIds": ["%s", "%s"], "startsAt": "%s", "endsAt": "%s", "online": true,
				 "objectives": ["Open one reuse centre per city"]}
				""".formatted(this.lyon.id(), this.denver.id(), at(30, 9), at(200, 17));
		String id = schedule(body).json().get("id").asString();

		assertThat(this.http.get("/api/activities/" + id).json().get("status").asString()).isEqualTo("PLANNED");
		assertThat(this.http.get("/api/clusters/" + CIRCULAR).json().get("upcomingActivities").values())
			.extracting((a) -> a.get("id").asString())
			.contains(id);
		this.clock.advance(Duration.ofDays(32));
		assertThat(this.http.get("/api/activities/" + id).json().get("status").asString()).isEqualTo("RUNNING");
		assertThat(this.http.get("/api/activities?cluster=" + CIRCULAR + "&type=pilot-project&city=" + this.denver.id())
			.json()
			.get("content")
			.values()).extracting((a) -> a.get("id").asString()).contains(id);
	}

	private Http.Response schedule(String body) {
		Http.Response response = this.http.postJson("/api/clusters/" + CIRCULAR + "/activities", body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response;
	}

	String studyVisit(String startsAt, String endsAt) {
		return """
				{"type": "study-visit", "title": "Reuse centres of Lyon", "description": "Three days with the metropole",
				 "hostCityId": "%s", "participantCityIds": ["%s"], "startsAt": "%s", "endsAt": "%s",
				 "location": "Lyon, Hôtel de Ville", "online": false}
				"""
			.formatted(this.lyon.id(), this.denver.id(), startsAt, endsAt);
	}

	String hub(String startsAt, String endsAt) {
		return """
				{"type": "thematic-hub", "title": "Circular procurement", "participantCityIds": ["%s", "%s"],
				 "startsAt": "%s", "endsAt": "%s", "online": true, "agenda": ["Welcome", "Two cases", "Questions"]}
				""".formatted(this.lyon.id(), this.denver.id(), startsAt, endsAt);
	}

	/** A time some days ahead, at an hour, at the offset +01:00. */
	static String at(int days, int hour) {
		return OffsetDateTime.now(ZoneOffset.ofHours(1))
			.plusDays(days)
			.withHour(hour)
			.truncatedTo(ChronoUnit.HOURS)
			.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
	}

	static String utc(String offsetDateTime) {
		return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
			.format(OffsetDateTime.parse(offsetDateTime).atZoneSameInstant(ZoneOffset.UTC));
	}

	static VEvent event(Calendar calendar, String activityId) {
		return calendar.<VEvent>getComponents()
			.stream()
			.filter((event) -> property(event, Property.UID).equals(activityId + "@citiesgateway.eu"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No event " + activityId + " in " + calendar));
	}

	static String property(VEvent event, String name) {
		Optional<Property> property = event.getProperty(name);
		return property.map(Property::getValue).orElse("");
	}

	private static JsonNode json(ConsumerRecord<String, String> record) {
		return JsonMapper.shared().readTree(record.value());
	}

}
