package eu.citiesgateway.newsletter.issue;

import java.text.Normalizer;
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
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import eu.citiesgateway.newsletter.NewsletterIntegrationTest;
import eu.citiesgateway.platform.test.EventContracts;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestContextManager;
import org.springframework.web.util.HtmlUtils;

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whatever issue the newsletter accepts, its {@code NewsletterIssuePublished} meets its
 * JSON Schema and says what was published, and its preview renders. Each try drafts an
 * issue and edits it with titles, introductions, sections and entries in both languages
 * at the edges of the platform's text rules: several scripts, emoji with joiners, markup
 * that would break the mail's HTML, every kind of line break in the multi-line texts,
 * composed or decomposed, white space around, one text at its limit once stored, some
 * sections empty and one of 200 entries. An accepted issue is previewed in both
 * languages, then published at a time from 2100 to the end of 2200 at any whole-minute
 * offset, so that no dispatcher run of the other tests mails it; its event is read back
 * from the topic. jqwik runs outside JUnit Jupiter: the service's shared test context is
 * brought in by Spring's {@link TestContextManager}.
 */
@NewsletterIntegrationTest
class IssueContractIntegrationTests {

	static final String TOPIC = "newsletter.issues.v1";

	private static final JsonMapper json = JsonMapper.shared();

	private static final List<String> CLUSTERS = List.of("nature-based-solutions", "circular-economy",
			"digital-inclusive-innovation", "affordable-housing");

	/**
	 * Characters that tested the rules: decomposed, expanding, joined, non-Latin, and the
	 * mail's own markup.
	 */
	private static final List<String> EDGES = List.of("é", "e\u0301", "ç", "ß", "İ", "A\u030A", "Ж", "ї", "東", "\u0958",
			"ש", "ع", "\u1112\u1161\u11AB", "\uD83D\uDC69\u200D\uD83D\uDD2C", "\uD83C\uDDEB\uD83C\uDDF7", "\u00A0",
			"\u200D", "\u200C", "ﬁ", "<li>", "</section>", "<h1>", "<script>alert(1)</script>", "&amp;", "&", "\"", "'",
			"\\", "%s", "{0}", "$1", "[[${title}]]");

	/** Whole phrases of other scripts, so that a text can be mostly non-Latin. */
	private static final List<String> PHRASES = List.of("Nouvelles des villes partenaires", "Обмін досвідом", "循環経済の協力",
			"الإسكان الميسور", "שיתוף פעולה עירוני", "नगर सहयोग", "주거 협력", "Ελληνική συνεργασία",
			"Économie circulaire à Montréal");

	/** Line breaks a multi-line text may hold, stored as line feeds. */
	private static final List<String> BREAKS = List.of("\n", "\r\n", "\r", "\u2028", "\u2029");

	private static final Pattern LINE_BREAKS = Pattern.compile("\r\n|[\r\u2028\u2029]");

	/**
	 * From 2100 to the last day of 2200, where a time at +14:00 is still written in 2200.
	 */
	private static final Instant FIRST = Instant.parse("2100-01-01T00:00:00Z");

	private static final Instant LAST = Instant.parse("2200-12-31T09:59:00Z");

	private static final int MAX_TITLE = 200;

	private static final int MAX_TEXT = 5000;

	@Autowired
	Http http;

	private Events events;

	@BeforeProperty
	void newsletter() throws Exception {
		new TestContextManager(getClass()).prepareTestInstance(this);
		this.events = new Events(TOPIC);
	}

	@AfterProperty
	void close() {
		this.events.close();
	}

	@Property(tries = 25, shrinking = ShrinkingMode.BOUNDED, afterFailure = AfterFailureMode.SAMPLE_FIRST)
	void everyPublishedIssueMeetsItsSchemaAndWhatWasAcceptedRenders(@ForAll("issues") Edit edit,
			@ForAll("times") OffsetDateTime at, @ForAll("interests") List<String> interests) {
		String id = this.http.post("/api/issues", "application/json", "").json().get("id").asString();
		Http.Response edited = this.http.put("/api/issues/" + id, json.writeValueAsString(edit.request()));
		Statistics.label("edit").collect(edited.status());
		Statistics.label("edit").coverage((coverage) -> coverage.check(200).percentage((percent) -> percent >= 50));
		Statistics.label("long text").collect(edit.stretched());
		if (edited.status() != 200) {
			assertProblem(edited, 400);
			Statistics.label("refused").collect(edit.stretched() + ": " + edited.message(edited.fields().get(0)));
			return;
		}
		for (String language : List.of("en", "fr")) {
			rendersAsEdited(this.http.get("/api/issues/" + id + "/preview?language=" + language), edit, language,
					CLUSTERS);
			rendersAsEdited(this.http.get("/api/issues/" + id + "/preview?language=" + language + "&interests="
					+ String.join("&interests=", interests)), edit, language, interests);
		}

		Http.Response published = this.http.postJson("/api/issues/" + id + "/publication",
				json.writeValueAsString(Map.of("at", at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))));

		assertThat(published.status()).as(published.body()).isEqualTo(200);
		assertThat(Instant.parse(published.json().get("publishAt").asString())).isEqualTo(at.toInstant());
		List<ConsumerRecord<String, String>> records = this.events.read(id, 1);
		assertThat(records).hasSize(1);
		EventContracts.assertValid(records.get(0));
		JsonNode event = json.readTree(records.get(0).value());
		assertThat(event.get("issueId").asString()).isEqualTo(id);
		assertThat(stored(event.get("title").get("en").asString())).isEqualTo(stored(edit.title().en()));
		assertThat(stored(event.get("title").get("fr").asString())).isEqualTo(stored(edit.title().fr()));
		assertThat(event.get("clusters").values()).extracting(JsonNode::asString)
			.containsExactlyElementsOf(edit.withNews(CLUSTERS));
		assertThat(event.get("entries").asInt()).isEqualTo(edit.entries());
		assertThat(Instant.parse(event.get("sendsAt").asString())).isEqualTo(at.toInstant());
		assertThat(Instant.parse(event.get("publishedAt").asString())).isBefore(at.toInstant());
	}

	/**
	 * The preview is the mail's HTML with the title as edited, and with one section per
	 * cluster of the interests with news and one item per entry of those: markup in a
	 * text is shown, not obeyed.
	 */
	private static void rendersAsEdited(Http.Response response, Edit edit, String language, List<String> interests) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
		assertThat(response.contentType()).startsWith("text/html");
		String html = response.body();
		String heading = html.substring(html.indexOf("<h1>") + 4, html.indexOf("</h1>"));
		assertThat(stored(HtmlUtils.htmlUnescape(heading))).isEqualTo(stored(edit.title().in(language)));
		String preview = "the " + language + " preview for " + interests;
		assertThat(count(html, "<h1>")).as("headings of %s", preview).isEqualTo(1);
		assertThat(count(html, "<section>")).as("sections of %s", preview).isEqualTo(edit.withNews(interests).size());
		assertThat(count(html, "<li>")).as("entries of %s", preview)
			.isEqualTo(edit.sections()
				.stream()
				.filter((section) -> interests.contains(section.clusterId()))
				.mapToInt((section) -> section.entries().size())
				.sum());
		assertThat(html).doesNotContain("<script>");
	}

	private static int count(String html, String tag) {
		return html.split(Pattern.quote(tag), -1).length - 1;
	}

	@Provide
	Arbitrary<Edit> issues() {
		Arbitrary<Entry> entry = Combinators
			.combine(Arbitraries.of("story", "city-joined:" + CLUSTERS.get(0), "activity-completed:x").injectNull(0.6),
					pair(paragraphs(20, 2)))
			.as(Entry::new);
		Arbitrary<Entry> brief = pair(text(3)).map((text) -> new Entry(null, text));
		Arbitrary<List<Entry>> entries = Arbitraries.frequencyOf(Tuple.of(12, entry.list().ofMaxSize(5)),
				Tuple.of(1, brief.list().ofSize(IssueController.MAX_ENTRIES)));
		Arbitrary<List<Section>> sections = Arbitraries.shuffle(CLUSTERS)
			.flatMap((order) -> Arbitraries.integers()
				.between(0, CLUSTERS.size())
				.flatMap((count) -> entries.list()
					.ofSize(count)
					.map((lists) -> IntStream.range(0, count)
						.mapToObj((i) -> new Section(order.get(i), lists.get(i)))
						.toList())));
		Arbitrary<String> stretched = Arbitraries.frequency(Tuple.of(6, "none"), Tuple.of(1, "title"),
				Tuple.of(1, "introduction"), Tuple.of(1, "entry"));
		return Combinators.combine(pair(line()), pair(paragraphs(40, 5)), sections, stretched)
			.as((title, introduction, parts, longText) -> new Edit(title, introduction, parts, "none")
				.stretch(longText));
	}

	/**
	 * Times to publish at, from 2100 to the end of 2200, at offsets from -12:00 to +14:00
	 * in whole minutes, some with fractions of a second.
	 */
	@Provide
	Arbitrary<OffsetDateTime> times() {
		Arbitrary<Instant> instant = Arbitraries.longs()
			.between(FIRST.getEpochSecond(), LAST.getEpochSecond())
			.map(Instant::ofEpochSecond);
		Arbitrary<Integer> millis = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
				Tuple.of(1, Arbitraries.integers().between(1, 999)));
		Arbitrary<ZoneOffset> offset = Arbitraries.integers()
			.between(-12 * 60, 14 * 60)
			.map((minutes) -> ZoneOffset.ofTotalSeconds(minutes * 60));
		return Combinators.combine(instant, millis, offset)
			.as((when, fraction, zone) -> when.plusMillis(fraction).atOffset(zone));
	}

	@Provide
	Arbitrary<List<String>> interests() {
		return Arbitraries.subsetOf(CLUSTERS).ofMinSize(1).map((chosen) -> List.copyOf(chosen));
	}

	private static Arbitrary<Bilingual> pair(Arbitrary<String> text) {
		return Combinators.combine(text, text).as(Bilingual::new);
	}

	/** One-line texts as sent: composed or decomposed, sometimes with spaces around. */
	private static Arbitrary<String> line() {
		return Combinators
			.combine(Arbitraries.oneOf(text(30), Arbitraries.of(PHRASES)), Arbitraries.of("", " ", "\u00A0 "),
					Arbitraries.of(Normalizer.Form.NFC, Normalizer.Form.NFD))
			.as((text, around, form) -> Normalizer.normalize(around + text + around, form));
	}

	/**
	 * Multi-line texts as sent: lines of letters, edges and phrases joined by one kind of
	 * line break, composed or decomposed, with white space around.
	 */
	private static Arbitrary<String> paragraphs(int pieces, int moreLines) {
		Arbitrary<String> line = Arbitraries.oneOf(text(pieces), Arbitraries.of(PHRASES), Arbitraries.just(""));
		return Combinators.combine(text(pieces), line.list().ofMaxSize(moreLines), Arbitraries.of(BREAKS),
				Arbitraries.of("", " ", "\r\n", "\u2029 "), Arbitraries.of(Normalizer.Form.NFC, Normalizer.Form.NFD))
			.as((first, rest, lineBreak, around, form) -> {
				List<String> lines = new ArrayList<>(List.of(first));
				lines.addAll(rest);
				return Normalizer.normalize(around + String.join(lineBreak, lines) + around, form);
			});
	}

	/**
	 * Texts of a letter and up to so many pieces, each a letter, a space, a punctuation
	 * mark or an edge.
	 */
	private static Arbitrary<String> text(int pieces) {
		Arbitrary<String> piece = Arbitraries.frequencyOf(
				Tuple.of(12, Arbitraries.chars().range('a', 'z').map(String::valueOf)),
				Tuple.of(3, Arbitraries.chars().range('A', 'Z').map(String::valueOf)),
				Tuple.of(3, Arbitraries.of(" ", "-", ".", ",", ":", "(", ")")), Tuple.of(4, Arbitraries.of(EDGES)));
		return Combinators.combine(Arbitraries.chars().range('A', 'Z'), piece.list().ofMaxSize(pieces - 1))
			.as((first, rest) -> first + String.join("", rest));
	}

	/**
	 * A text as the platform's rules store it: every line break a line feed, composed,
	 * without surrounding white space.
	 */
	static String stored(String text) {
		return Normalizer.normalize(LINE_BREAKS.matcher(text).replaceAll("\n"), Normalizer.Form.NFC).strip();
	}

	/**
	 * A text made longer, in the form it was sent in, so that it holds exactly so many
	 * characters once stored: a last sentence (or line) of text that composition leaves
	 * as it is, whose accented letters take two characters decomposed.
	 */
	static String atLimit(String text, int max, boolean multiLine) {
		String separator = multiLine ? "\n" : " ";
		String before = Normalizer
			.normalize(LINE_BREAKS.matcher(text + separator).replaceAll("\n"), Normalizer.Form.NFC)
			.stripLeading();
		if (before.length() >= max) {
			return text;
		}
		String pattern = "Réseau des villes, 東京 и Київ; ";
		StringBuilder filler = new StringBuilder();
		while (filler.length() < max - before.length()) {
			filler.append(pattern.charAt(filler.length() % pattern.length()));
		}
		filler.setCharAt(filler.length() - 1, '.');
		Normalizer.Form form = Normalizer.isNormalized(text, Normalizer.Form.NFC) ? Normalizer.Form.NFC
				: Normalizer.Form.NFD;
		return text + separator + Normalizer.normalize(filler, form);
	}

	/**
	 * A text in the newsletter's two languages, as sent.
	 *
	 * @param en in English
	 * @param fr in French
	 */
	record Bilingual(String en, String fr) {

		String in(String language) {
			return language.equals("fr") ? this.fr : this.en;
		}

		Bilingual atLimit(int max, boolean multiLine) {
			return new Bilingual(IssueContractIntegrationTests.atLimit(this.en, max, multiLine),
					IssueContractIntegrationTests.atLimit(this.fr, max, multiLine));
		}

		Map<String, String> request() {
			return Map.of("en", this.en, "fr", this.fr);
		}

	}

	/**
	 * One piece of news.
	 *
	 * @param source the digest item it came from, or none
	 * @param text what it says
	 */
	record Entry(String source, Bilingual text) {

		Map<String, Object> request() {
			Map<String, Object> entry = new LinkedHashMap<>();
			if (this.source != null) {
				entry.put("source", this.source);
			}
			entry.put("text", this.text.request());
			return entry;
		}

	}

	/**
	 * The part of an issue about one cluster.
	 *
	 * @param clusterId the cluster
	 * @param entries its entries, maybe none
	 */
	record Section(String clusterId, List<Entry> entries) {
	}

	/**
	 * An edit of a draft.
	 *
	 * @param title the title
	 * @param introduction the introduction
	 * @param sections the sections, in order
	 * @param stretched which text, if any, is at its limit once stored
	 */
	record Edit(Bilingual title, Bilingual introduction, List<Section> sections, String stretched) {

		/** The same edit with one text at its limit, if there is such a text. */
		Edit stretch(String which) {
			return switch (which) {
				case "title" -> new Edit(this.title.atLimit(MAX_TITLE, false), this.introduction, this.sections, which);
				case "introduction" ->
					new Edit(this.title, this.introduction.atLimit(MAX_TEXT, true), this.sections, which);
				case "entry" -> this.sections.stream()
					.filter((section) -> !section.entries().isEmpty())
					.findFirst()
					.map((section) -> new Edit(this.title, this.introduction,
							this.sections.stream()
								.map((each) -> (each == section) ? longFirstEntry(each) : each)
								.toList(),
							which))
					.orElse(this);
				default -> this;
			};
		}

		private static Section longFirstEntry(Section section) {
			List<Entry> entries = new ArrayList<>(section.entries());
			Entry first = entries.get(0);
			entries.set(0, new Entry(first.source(), first.text().atLimit(MAX_TEXT, true)));
			return new Section(section.clusterId(), entries);
		}

		/** The clusters of some interests that have news, in the issue's order. */
		List<String> withNews(List<String> interests) {
			return this.sections.stream()
				.filter((section) -> interests.contains(section.clusterId()) && !section.entries().isEmpty())
				.map(Section::clusterId)
				.toList();
		}

		int entries() {
			return this.sections.stream().mapToInt((section) -> section.entries().size()).sum();
		}

		Map<String, Object> request() {
			return Map.of("title", this.title.request(), "introduction", this.introduction.request(), "sections",
					this.sections.stream()
						.map((section) -> Map.of("clusterId", section.clusterId(), "entries",
								section.entries().stream().map(Entry::request).toList()))
						.toList());
		}

	}

	/**
	 * The events of the issues' topic from the moment it was opened, by key.
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
			// fixes where reading starts before anything is published
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
