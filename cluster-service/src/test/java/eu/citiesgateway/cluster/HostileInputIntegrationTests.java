package eu.citiesgateway.cluster;

import java.io.StringReader;
import java.time.Duration;
import java.util.UUID;

import eu.citiesgateway.cluster.Programme.City;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.TopicRecords;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The requests of a hostile client that cluster-service used to accept, publishing an
 * event that failed its own schema or a calendar feed calendar programs misread, or
 * answered with a 500 (issue 11): each is now a problem detail naming the field, and
 * nothing is stored or published.
 */
@ClusterIntegrationTest
class HostileInputIntegrationTests {

	static final String CIRCULAR = "circular-economy";

	static final String ACTIVITIES = "/api/clusters/" + CIRCULAR + "/activities";

	@Autowired
	EventFeed feed;

	@Autowired
	Http http;

	City vienna;

	@BeforeEach
	void member() {
		Programme programme = new Programme(this.feed, this.http);
		this.vienna = programme.joined("Vienna", "AT", CIRCULAR);
		programme.awaitMembers(CIRCULAR, this.vienna);
	}

	@Test
	void anActivityInTheYear999999IsRefusedAndNothingIsPublished() {
		String title = "Far future " + UUID.randomUUID();

		Http.Response response = this.http.postJson(ACTIVITIES,
				hub(title, "+999999-03-02T09:00:00+01:00", "+999999-03-02T11:00:00+01:00"));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("startsAt", "endsAt");
		assertThat(response.message("startsAt")).contains("between the years 1900 and 2200");
		assertThat(TopicRecords.readFor(ActivityIntegrationTests.TOPIC, (r) -> r.value().contains(title),
				Duration.ofSeconds(2)))
			.isEmpty();
	}

	@Test
	void anActivityCannotBeMovedToTheYear999999() {
		String id = schedule(hub("Hub " + UUID.randomUUID(), ActivityIntegrationTests.at(5, 10),
				ActivityIntegrationTests.at(5, 12)));

		Http.Response moved = this.http.patch("/api/activities/" + id,
				"{\"endsAt\": \"+999999-03-02T11:00:00+01:00\"}");

		assertProblem(moved, 400);
		assertThat(moved.fields()).containsExactly("endsAt");
		assertThat(this.http.get("/api/activities/" + id).json().get("endsAt").asString())
			.isEqualTo(ActivityIntegrationTests.at(5, 12));
	}

	@Test
	void aBareCarriageReturnInATitleCannotInjectCalendarProperties() {
		String title = "Hub\\rSTATUS:CANCELLED\\rX-" + UUID.randomUUID();

		Http.Response response = this.http.postJson(ACTIVITIES,
				hub(title, ActivityIntegrationTests.at(5, 10), ActivityIntegrationTests.at(5, 12)));

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("title");
		assertThat(response.message("title")).contains("single line").contains("U+000D");
	}

	@Test
	void lineBreaksOfADescriptionAreKeptAsLineFeedsAndStayInsideItInTheFeed() throws Exception {
		String body = hub("Hub " + UUID.randomUUID(), ActivityIntegrationTests.at(6, 10),
				ActivityIntegrationTests.at(6, 12))
			.replace("\"online\": true", "\"online\": true, \"description\": \"One\\r\\nTwo\\rSTATUS:CANCELLED\"");
		String id = schedule(body);

		assertThat(this.http.get("/api/activities/" + id).json().get("description").asString())
			.isEqualTo("One\nTwo\nSTATUS:CANCELLED");
		Calendar calendar = new CalendarBuilder()
			.build(new StringReader(this.http.get("/api/clusters/" + CIRCULAR + "/calendar.ics").body()));
		VEvent event = ActivityIntegrationTests.event(calendar, id);
		assertThat(event.getProperties(Property.STATUS)).hasSize(1);
		assertThat(ActivityIntegrationTests.property(event, Property.STATUS)).isEqualTo("CONFIRMED");
		assertThat(ActivityIntegrationTests.property(event, Property.DESCRIPTION))
			.startsWith("One\nTwo\nSTATUS:CANCELLED");
		assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
	}

	@Test
	void controlBidiAndInvisibleCharactersAreRefusedInEveryText() {
		String body = hub("Hub " + UUID.randomUUID(), ActivityIntegrationTests.at(5, 10),
				ActivityIntegrationTests.at(5, 12))
			.replace("\"online\": true", "\"online\": true, \"location\": \"Hall \\u202EB\", "
					+ "\"agenda\": [\"Welcome\", \"Pane\\u200Bl\"], \"description\": \"Bell\\u0007\"");

		Http.Response response = this.http.postJson(ACTIVITIES, body);

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactlyInAnyOrder("location", "agenda[1]", "description");
	}

	@Test
	void aCancellationReasonWithAControlCharacterIsRefusedAndChangesNothing() {
		String id = schedule(hub("Hub " + UUID.randomUUID(), ActivityIntegrationTests.at(5, 10),
				ActivityIntegrationTests.at(5, 12)));

		Http.Response response = this.http.postJson("/api/activities/" + id + "/cancellation",
				"{\"reason\": \"Storm\\u0000\"}");

		assertProblem(response, 400);
		assertThat(response.fields()).containsExactly("reason");
		assertThat(this.http.get("/api/activities/" + id).json().get("status").asString()).isEqualTo("SCHEDULED");
	}

	@Test
	void aSearchFromATimeThatIsNotUtf8OrNotSaneOrMisspeltIsABadRequestNamingIt() {
		Http.Response notUtf8 = this.http.anonymous().get("/api/activities?from=%FF");
		Http.Response farFuture = this.http.anonymous().get("/api/activities?from=%2B999999-01-01T00:00:00Z");
		Http.Response misspelt = this.http.anonymous().get("/api/activities?form=2027-01-01T00:00:00Z");

		assertProblem(notUtf8, 400);
		assertThat(notUtf8.fields()).containsExactly("from");
		assertProblem(farFuture, 400);
		assertThat(farFuture.fields()).containsExactly("from");
		assertProblem(misspelt, 400);
		assertThat(misspelt.fields()).containsExactly("form");
	}

	private String schedule(String body) {
		Http.Response response = this.http.postJson(ACTIVITIES, body);
		assertThat(response.status()).as(response.body()).isEqualTo(201);
		return response.json().get("id").asString();
	}

	private String hub(String title, String startsAt, String endsAt) {
		return """
				{"type": "thematic-hub", "title": "%s", "participantCityIds": ["%s"],
				 "startsAt": "%s", "endsAt": "%s", "online": true}
				""".formatted(title, this.vienna.id(), startsAt, endsAt);
	}

}
