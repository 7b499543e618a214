package eu.citiesgateway.cluster;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.citiesgateway.cluster.Programme.City;
import eu.citiesgateway.platform.test.EventContracts;
import eu.citiesgateway.platform.test.EventFeed;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.CalendarComponent;
import net.fortuna.ical4j.model.component.VEvent;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.api.statistics.Statistics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestContextManager;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whatever activity cluster-service accepts, its events meet their JSON Schemas and the
 * calendar feed it appears in passes iCal4j's validation with the activity as one event.
 * The activities are generated with the edges of the input rules: texts in several
 * scripts with emoji, markup, iCalendar's own delimiters and every kind of line break in
 * the multi-line ones; starts from tomorrow up to the last days of 2200, at offsets from
 * -12:00 to +14:00 in whole minutes. Each accepted activity is then cancelled with a
 * multi-line reason, and both events are read back from the topic. jqwik runs outside
 * JUnit Jupiter: the service's shared test context is brought in by Spring's
 * {@link TestContextManager}.
 */
@ClusterIntegrationTest
class ActivityContractIntegrationTests {

	private static final JsonMapper json = JsonMapper.shared();

	private static final String CIRCULAR = "circular-economy";

	/** Characters that tested the rules, and iCalendar's delimiters and escapes. */
	private static final List<String> EDGES = List.of("é", "e\u0301", "ß", "İ", "Ж", "東", "\u0958",
			"\uD83D\uDC69\u200D\uD83D\uDD2C", "\u00A0", "\u200D", ";", ",", ":", "\\", "\\n", "\"", "<b>",
			"BEGIN:VEVENT", "STATUS:CANCELLED");

	/** The last instant of 2200 in UTC: a start in its last days may end past it. */
	private static final Instant LAST = Instant.parse("2200-12-31T23:59:00Z");

	/** Line breaks a multi-line text may hold, stored as line feeds. */
	private static final List<String> BREAKS = List.of("\n", "\r\n", "\r", "\u2028", "\u2029");

	@Autowired
	Http http;

	@Autowired
	EventFeed feed;

	private City lyon;

	private City denver;

	private Events events;

	@BeforeProperty
	void members() throws Exception {
		new TestContextManager(getClass()).prepareTestInstance(this);
		Programme programme = new Programme(this.feed, this.http);
		this.lyon = programme.joined("Lyon", "FR", CIRCULAR);
		this.denver = programme.joined("Denver", "US", CIRCULAR);
		programme.awaitMembers(CIRCULAR, this.lyon, this.denver);
		this.events = new Events(ActivityIntegrationTests.TOPIC);
	}

	@AfterProperty
	void close() {
		this.events.close();
	}

	@net.jqwik.api.Property(tries = 30, shrinking = ShrinkingMode.BOUNDED, afterFailure = AfterFailureMode.SAMPLE_FIRST)
	void everyAcceptedActivityMeetsItsSchemasAndItsFeedIsValidICalendar(@ForAll("activities") Activity activity,
			@ForAll("paragraphs") String reason) throws Exception {
		Http.Response scheduled = this.http.postJson("/api/clusters/" + CIRCULAR + "/activities",
				json.writeValueAsString(activity.request(this.lyon, this.denver)));
		Statistics.label("scheduling").collect(scheduled.status());
		Statistics.label("scheduling")
			.coverage((coverage) -> coverage.check(201).percentage((percent) -> percent >= 60));
		if (scheduled.status() != 201) {
			assertProblem(scheduled, 400);
			return;
		}
		String id = scheduled.json().get("id").asString();
		Http.Response cancelled = this.http.postJson("/api/activities/" + id + "/cancellation",
				json.writeValueAsString(Map.of("reason", reason)));
		assertThat(cancelled.status()).as(cancelled.body()).isIn(200, 400);
		int expected = (cancelled.status() == 200) ? 2 : 1;

		List<ConsumerRecord<String, String>> records = this.events.read(id, expected);

		assertThat(records).hasSize(expected);
		records.forEach(EventContracts::assertValid);
		Calendar calendar = new CalendarBuilder()
			.build(new StringReader(this.http.get("/api/cities/" + this.denver.id() + "/calendar.ics").body()));
		assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
		VEvent event = ActivityIntegrationTests.event(calendar, id);
		assertThat(event.getProperties(Property.STATUS)).hasSize(1);
		assertThat(ActivityIntegrationTests.property(event, Property.STATUS))
			.isEqualTo((expected == 2) ? "CANCELLED" : "CONFIRMED");
		assertThat(calendar.<CalendarComponent>getComponents().stream().map(CalendarComponent::getName))
			.containsOnly("VEVENT");
	}

	@Provide
	Arbitrary<Activity> activities() {
		Arbitrary<String> type = Arbitraries.of("thematic-hub", "study-visit", "pilot-project");
		Arbitrary<Long> start = Arbitraries.frequencyOf(
				Tuple.of(3, Arbitraries.longs().between(2, 3_650).map((days) -> days * 86_400)),
				Tuple.of(1,
						Arbitraries.longs()
							.between(0, 86_400 * 40)
							.map((back) -> LAST.getEpochSecond() - back - Instant.now().getEpochSecond())));
		Arbitrary<Integer> offset = Arbitraries.integers().between(-12 * 60, 14 * 60).map((minutes) -> minutes * 60);
		Arbitrary<Long> length = Arbitraries.longs().between(60, 86_400 * 30);
		return Combinators
			.combine(type, text(40), paragraphs(), text(30), text(20).list().ofMaxSize(5),
					text(20).list().ofMinSize(1).ofMaxSize(3), start, Combinators.combine(offset, length).as(Tuple::of))
			.as((kind, title, description, location, agenda, objectives, ahead, timing) -> new Activity(kind, title,
					description, location, agenda, objectives, ahead, timing.get1(), timing.get2()));
	}

	@Provide
	Arbitrary<String> paragraphs() {
		Arbitrary<String> line = text(30);
		return Combinators.combine(line.list().ofMinSize(1).ofMaxSize(5), Arbitraries.of(BREAKS))
			.as((lines, lineBreak) -> String.join(lineBreak, lines));
	}

	/**
	 * Texts of up to so many pieces, each a letter, a space, a punctuation mark or an
	 * edge.
	 */
	private static Arbitrary<String> text(int pieces) {
		Arbitrary<String> piece = Arbitraries.frequencyOf(
				Tuple.of(12, Arbitraries.chars().range('a', 'z').map(String::valueOf)),
				Tuple.of(3, Arbitraries.chars().range('A', 'Z').map(String::valueOf)),
				Tuple.of(3, Arbitraries.of(" ", "-", "'", ".", "&", "/")), Tuple.of(3, Arbitraries.of(EDGES)));
		return piece.list().ofMinSize(1).ofMaxSize(pieces).map((parts) -> String.join("", parts));
	}

	/**
	 * A generated activity: what to send but the ids of the cities, which the property's
	 * members give.
	 */
	record Activity(String type, String title, String description, String location, List<String> agenda,
			List<String> objectives, long secondsAhead, int offsetSeconds, long lengthSeconds) {

		Map<String, Object> request(City eu, City na) {
			ZoneOffset offset = ZoneOffset.ofTotalSeconds(this.offsetSeconds);
			OffsetDateTime start = Instant.now().plusSeconds(this.secondsAhead).atOffset(offset).withNano(0);
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("type", this.type);
			request.put("title", this.title);
			request.put("description", this.description);
			request.put("participantCityIds", List.of(eu.id(), na.id()));
			request.put("startsAt", start.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
			request.put("endsAt", start.plusSeconds(this.lengthSeconds).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
			switch (this.type) {
				case "study-visit" -> {
					request.put("hostCityId", eu.id());
					request.put("location", this.location);
				}
				case "thematic-hub" -> {
					request.put("online", true);
					request.put("location", this.location);
					request.put("agenda", this.agenda);
				}
				default -> {
					request.put("online", true);
					request.put("objectives", this.objectives);
				}
			}
			return request;
		}

	}

	/**
	 * The events of the activities' topic from the moment it was opened, by key.
	 */
	private static final class Events implements AutoCloseable {

		private final KafkaConsumer<String, String> consumer;

		private final Map<String, List<ConsumerRecord<String, String>>> byKey = new HashMap<>();

		Events(String topic) {
			this.consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.kafkaBrokers(),
							ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
					new StringDeserializer(), new StringDeserializer());
			List<TopicPartition> partitions = this.consumer.partitionsFor(topic)
				.stream()
				.map((partition) -> new TopicPartition(topic, partition.partition()))
				.toList();
			this.consumer.assign(partitions);
			this.consumer.seekToEnd(partitions);
			// fixes where reading starts before anything is scheduled
			partitions.forEach(this.consumer::position);
		}

		List<ConsumerRecord<String, String>> read(String key, int count) {
			await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
				for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
					this.byKey.computeIfAbsent(record.key(), (k) -> new ArrayList<>()).add(record);
				}
				return this.byKey.getOrDefault(key, List.of()).size() >= count;
			});
			return this.byKey.get(key);
		}

		@Override
		public void close() {
			this.consumer.close();
		}

	}

}
