package eu.citiesgateway.matching;

import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import eu.citiesgateway.matching.RegistryFeed.City;
import eu.citiesgateway.matching.candidate.Candidate;
import eu.citiesgateway.matching.candidate.Candidates;
import eu.citiesgateway.platform.test.EventContracts;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.test.TopicRecords;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whatever matching accepts, the events it publishes meet their JSON Schemas. Each try
 * announces a small cohort of new cities through the broker as the registry would, with
 * names, regions, topics and practices at the edges of the registry's text rules (several
 * scripts, emoji with joiners, markup, format and regular-expression specials, names of
 * 200 characters, cities paired in an earlier programme); runs a round over them with
 * parameters anywhere in their accepted ranges; decides on each proposal as staff or as a
 * city's representative — accept, confirm, decline with a reason, complete with an
 * outcome, the texts multi-line with every kind of line break, composed or decomposed, in
 * several scripts, up to their limit as stored — and sometimes has an EU city withdraw.
 * Every event of every pairing of the round, refills included, is then read back from the
 * topic and validated, and the reasons and outcomes are checked to arrive as stored.
 * jqwik runs outside JUnit Jupiter: the service's shared test context is brought in by
 * Spring's {@link TestContextManager}.
 */
@MatchingIntegrationTest
class PairingContractIntegrationTests {

	private static final JsonMapper json = JsonMapper.shared();

	private static final List<String> THEMES = List.of("nature-based-solutions", "circular-economy",
			"digital-inclusive-innovation", "affordable-housing");

	private static final List<String> EU_COUNTRIES = List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
			"DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

	/**
	 * Characters that tested the rules: decomposed, expanding, joined, non-Latin, and
	 * specials of markup, format strings and regular-expression replacements.
	 */
	private static final List<String> EDGES = List.of("é", "e\u0301", "ß", "İ", "Ł", "A\u030A", "Ω", "Ж", "ї", "東", "京",
			"\u0958", "ש", "ع", "\u1112\u1161\u11AB", "ก", "\uD83D\uDC69\u200D\uD83D\uDD2C", "\uD83C\uDDEB\uD83C\uDDF7",
			"\u00A0", "\u200D", "\u200C", "ﬁ", "Ⅻ", "<b>", "&amp;", "\"", "\\", "%s", "%", "{0}", "$1", "$");

	/** Whole phrases of other scripts, so that a text can be mostly non-Latin. */
	private static final List<String> PHRASES = List.of("Обмін досвідом", "循環経済の協力", "الإسكان الميسور",
			"שיתוף פעולה עירוני", "नगर सहयोग", "การพัฒนาเมือง", "주거 협력", "Ελληνική συνεργασία", "Wohnraum für alle",
			"Économie circulaire");

	/** Practices cities offer and seek, so that offers meet seeks across a cohort. */
	private static final List<String> PRACTICES = List.of("green roof incentives", "reuse centres", "co-housing",
			"Ré-emploi des matériaux", "共享住房", "<b>repair</b> cafés", "100% renewable heat", "$1 transit fares",
			"C:\\open\\data", "{0} participatory budgets", "Wärmepumpen");

	private static final List<String> TOPICS = List.of("urban heat", "rent regulation", "straße", "i\u0307stanbul",
			"économie", "循環", "<i>", "50%", "civic tech");

	private static final List<String> LANGUAGES = List.of("en", "fr", "de", "es", "it", "pl", "nl", "sv", "pt", "el",
			"uk", "ar", "he", "ja", "zh", "ko", "hi", "th");

	/** Pairs of an earlier programme, recognised by name and country: a past pairing. */
	private static final List<Tuple.Tuple2<String, String>> HISTORY_EU = List.of(Tuple.of("Bologna", "IT"),
			Tuple.of("VILA NOVA DE FAMALICÃO", "PT"));

	private static final List<Tuple.Tuple2<String, String>> HISTORY_NA = List.of(Tuple.of("Austin", "US"),
			Tuple.of("fort collins", "US"));

	/** Line breaks a multi-line text may hold, stored as line feeds. */
	private static final List<String> BREAKS = List.of("\n", "\r\n", "\r", "\u2028", "\u2029");

	/** The limit of a decline's reason and a completion's outcome, as stored. */
	private static final int MAX_TEXT = 2000;

	@Autowired
	Http http;

	@Autowired
	RegistryFeed registry;

	@Autowired
	Candidates candidates;

	@Autowired
	Matchmaking matchmaking;

	private Events events;

	@BeforeProperty
	void matching() throws Exception {
		new TestContextManager(getClass()).prepareTestInstance(this);
		this.events = new Events(PairingLifecycleIntegrationTests.TOPIC);
	}

	@AfterProperty
	void close() {
		this.events.close();
	}

	@Property(tries = 25, shrinking = ShrinkingMode.BOUNDED, afterFailure = AfterFailureMode.SAMPLE_FIRST)
	void everyEventOfAnAcceptedRoundAndItsDecisionsMeetsItsSchema(@ForAll("cohorts") Cohort cohort,
			@ForAll("rounds") Map<String, Object> parameters, @ForAll("decisions") List<Decision> decisions,
			@ForAll("withdrawals") boolean withdrawal) {
		List<City> eu = cohort.eu().stream().map((profile) -> profile.city("EU")).toList();
		List<City> na = cohort.na().stream().map((profile) -> profile.city("NA")).toList();
		List<City> cities = Stream.concat(eu.stream(), na.stream()).toList();
		this.matchmaking.join(cities.toArray(City[]::new));

		Map<String, Object> request = new LinkedHashMap<>(parameters);
		Map<String, Object> inCohort = new LinkedHashMap<>();
		inCohort.put("cityIds", cities.stream().map((city) -> city.cityId().toString()).toList());
		if (cohort.themes() != null) {
			inCohort.put("themes", cohort.themes());
		}
		request.put("cohort", inCohort);
		Http.Response round = this.http.postJson("/api/rounds", json.writeValueAsString(request));
		assertThat(round.status()).as(round.body()).isEqualTo(201);
		String roundId = round.json().get("id").asString();
		List<JsonNode> proposals = round.json().get("proposals").values().stream().toList();
		Statistics.label("proposals").collect((proposals.size() < 5) ? String.valueOf(proposals.size()) : "5+");
		assertThat(proposals).allSatisfy((proposal) -> {
			assertThat(eu).extracting((city) -> city.cityId().toString()).contains(proposal.get("euCityId").asString());
			assertThat(na).extracting((city) -> city.cityId().toString()).contains(proposal.get("naCityId").asString());
		});

		Map<String, String> texts = new HashMap<>();
		for (int i = 0; i < proposals.size(); i++) {
			Decision decision = decisions.get(i % decisions.size());
			Statistics.label("decisions").collect(decision.kind());
			decide(proposals.get(i), decision);
			if (decision.text() != null) {
				texts.put(proposals.get(i).get("pairingId").asString(), decision.text().stored());
			}
		}
		if (withdrawal) {
			withdraw(eu.get(0), roundId);
		}

		List<JsonNode> pairings = this.http.get("/api/pairings?size=100&roundId=" + roundId)
			.json()
			.get("content")
			.values()
			.stream()
			.toList();
		Map<String, Integer> expected = pairings.stream()
			.collect(Collectors.toMap((pairing) -> pairing.get("id").asString(),
					PairingContractIntegrationTests::eventsOf));
		Map<String, List<ConsumerRecord<String, String>>> published = this.events.read(expected);

		assertThat(pairings).hasSizeGreaterThanOrEqualTo(proposals.size());
		Statistics.label("refills").collect(pairings.size() - proposals.size());
		expected.forEach((id, count) -> {
			List<ConsumerRecord<String, String>> records = published.get(id);
			assertThat(records).as("the events of pairing %s", id).hasSize(count);
			records.forEach(EventContracts::assertValid);
			records.forEach((record) -> Statistics.label("events").collect(type(record)));
			assertThat(type(records.get(0))).isEqualTo("PairingProposed");
			for (ConsumerRecord<String, String> record : records) {
				JsonNode event = json.readTree(record.value());
				switch (type(record)) {
					case "PairingDeclined" -> assertThat(event.get("reason").asString()).isEqualTo(texts.get(id));
					case "PairingCompleted" -> assertThat(event.get("outcome").asString()).isEqualTo(texts.get(id));
					default -> {
					}
				}
			}
		});
		Statistics.label("events")
			.coverage((coverage) -> List
				.of("PairingProposed", "PairingAccepted", "PairingConfirmed", "PairingDeclined", "PairingCompleted")
				.forEach((type) -> coverage.check(type).count((count) -> count > 0)));
	}

	/**
	 * Decides on a proposal as generated, each request accepted.
	 */
	private void decide(JsonNode proposal, Decision decision) {
		String path = "/api/pairings/" + proposal.get("pairingId").asString();
		UUID euCity = UUID.fromString(proposal.get("euCityId").asString());
		UUID naCity = UUID.fromString(proposal.get("naCityId").asString());
		String other = decision.side().equals("EU") ? "NA" : "EU";
		switch (decision.kind()) {
			case "leave" -> {
			}
			case "accept" -> accept(path, decision.side(), decision, euCity, naCity);
			case "confirm", "complete" -> {
				accept(path, decision.side(), decision, euCity, naCity);
				accept(path, other, decision, euCity, naCity);
				if (decision.kind().equals("complete")) {
					accepted(this.http.postJson(path + "/completion",
							json.writeValueAsString(Map.of("outcome", decision.text().sent()))));
				}
			}
			case "decline" -> {
				if (decision.otherAcceptedFirst()) {
					accept(path, other, decision, euCity, naCity);
				}
				accepted(as(decision, decision.side(), euCity, naCity).postJson(path + "/declines",
						json.writeValueAsString(Map.of("side", decision.side(), "reason", decision.text().sent()))));
			}
			default -> throw new IllegalArgumentException(decision.kind());
		}
	}

	private void accept(String path, String side, Decision decision, UUID euCity, UUID naCity) {
		accepted(as(decision, side, euCity, naCity).postJson(path + "/acceptances",
				json.writeValueAsString(Map.of("side", side))));
	}

	/**
	 * Staff, or the representative of the city on the side decided for.
	 */
	private Http as(Decision decision, String side, UUID euCity, UUID naCity) {
		return decision.representative()
				? this.http.as(TestTokens.representativeOf(side.equals("EU") ? euCity : naCity)) : this.http;
	}

	private static void accepted(Http.Response response) {
		assertThat(response.status()).as(response.body()).isEqualTo(200);
	}

	/**
	 * Announces the withdrawal of an EU city and waits until matching has ended its
	 * pairings in the round (an EU city's slots are not refilled).
	 */
	private void withdraw(City city, String roundId) {
		this.registry.withdrawn(city);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> !this.candidates.findById(city.cityId()).map(Candidate::active).orElse(true) && this.http
				.get("/api/pairings?size=100&roundId=" + roundId + "&cityId=" + city.cityId())
				.json()
				.get("content")
				.values()
				.stream()
				.noneMatch((pairing) -> Set.of("PROPOSED", "CONFIRMED").contains(pairing.get("status").asString())));
	}

	/**
	 * The events a pairing published to get where it is: its proposal, each acceptance,
	 * the confirmation once both sides accepted, and the end of it, if it ended.
	 */
	private static int eventsOf(JsonNode pairing) {
		int accepted = pairing.get("acceptedBy").size();
		boolean ended = !Set.of("PROPOSED", "CONFIRMED").contains(pairing.get("status").asString());
		return 1 + accepted + ((accepted == 2) ? 1 : 0) + (ended ? 1 : 0);
	}

	private static String type(ConsumerRecord<String, String> record) {
		return TopicRecords.header(record, "ce_type").split("\\.")[3];
	}

	@Provide
	Arbitrary<Cohort> cohorts() {
		Arbitrary<List<String>> themes = Arbitraries.subsetOf(THEMES)
			.ofMinSize(1)
			.<List<String>>map(List::copyOf)
			.injectNull(0.7);
		return Combinators
			.combine(Arbitraries.of(THEMES), profiles(EU_COUNTRIES, HISTORY_EU).list().ofMinSize(1).ofMaxSize(3),
					profiles(List.of("US", "CA"), HISTORY_NA).list().ofMinSize(2).ofMaxSize(4), themes)
			.as((shared, eu, na, chosen) -> new Cohort(withTheme(eu, shared), withTheme(na, shared), chosen));
	}

	private static List<Profile> withTheme(List<Profile> profiles, String theme) {
		return profiles.stream().map((profile) -> profile.withTheme(theme)).toList();
	}

	/**
	 * Public profiles as the registry stores them: texts composed (NFC) and stripped,
	 * topics in lower case, no duplicates, every limit kept.
	 */
	private Arbitrary<Profile> profiles(List<String> countries, List<Tuple.Tuple2<String, String>> history) {
		Arbitrary<Tuple.Tuple2<String, String>> named = Arbitraries.frequencyOf(
				Tuple.of(8, Combinators.combine(names(), Arbitraries.of(countries)).as(Tuple::of)),
				Tuple.of(1, Arbitraries.of(history)));
		Arbitrary<String> region = Arbitraries
			.frequencyOf(Tuple.of(4, text(20)), Tuple.of(1,
					Arbitraries.strings().withCharRange('a', 'z').ofLength(199).map((letters) -> "Ü" + letters)))
			.map(PairingContractIntegrationTests::stored)
			.injectNull(0.3);
		Arbitrary<Tuple.Tuple4<Long, Double, Double, List<String>>> place = Combinators
			.combine(Arbitraries.longs().between(1, 100_000_000), Arbitraries.doubles().between(-90, 90).ofScale(6),
					Arbitraries.doubles().between(-180, 180).ofScale(6),
					Arbitraries.subsetOf(LANGUAGES).ofMinSize(1).ofMaxSize(10).<List<String>>map(List::copyOf))
			.as(Tuple::of);
		Arbitrary<List<String>> topics = Arbitraries.oneOf(Arbitraries.of(TOPICS), text(12))
			.list()
			.ofMaxSize(30)
			.map((list) -> unique(list, (topic) -> stored(topic.toLowerCase(Locale.ROOT)), 60));
		Arbitrary<List<String>> practices = Arbitraries
			.frequencyOf(Tuple.of(4, Arbitraries.of(PRACTICES)), Tuple.of(1, text(40)))
			.list()
			.ofMaxSize(8)
			.map((list) -> unique(list, PairingContractIntegrationTests::stored, 200));
		Arbitrary<String> website = Arbitraries.strings()
			.withCharRange('a', 'z')
			.ofMinLength(1)
			.ofMaxLength(30)
			.map((path) -> "https://www.example.org/" + path)
			.injectNull(0.5);
		return Combinators
			.combine(named, region, place, Arbitraries.subsetOf(THEMES).<List<String>>map(List::copyOf), topics,
					practices, practices, website)
			.as((name, area, where, themes, tags, offers, seeks, site) -> new Profile(name.get1(), name.get2(), area,
					where.get1(), where.get2(), where.get3(), where.get4(), themes, tags, offers, seeks, site));
	}

	/** Names as stored, some at the limit of 200 characters. */
	private Arbitrary<String> names() {
		return Arbitraries
			.frequencyOf(Tuple.of(8, text(30)), Tuple.of(1, Arbitraries.of(PHRASES)),
					Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofLength(199).map((name) -> "É" + name)))
			.map(PairingContractIntegrationTests::stored);
	}

	/**
	 * Round parameters anywhere in their ranges (0 to 20 partners, at least 1 for the
	 * maximum and the capacity, the minimum not above the maximum), mostly fewer partners
	 * than a cohort has cities, so that a decline's slot can be refilled; some left to
	 * their defaults (2, 3, 2, true).
	 */
	@Provide
	Arbitrary<Map<String, Object>> rounds() {
		Arbitrary<Integer> few = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(1, 3)),
				Tuple.of(1, Arbitraries.integers().between(1, 20)));
		Arbitrary<Tuple.Tuple2<Integer, Integer>> partners = few
			.flatMap((max) -> Arbitraries.integers().between(0, max).map((min) -> Tuple.of(min, max)));
		return Combinators.combine(partners, few, Arbitraries.of(true, false), Arbitraries.integers().between(0, 15))
			.as((minMax, capacity, both, omitted) -> {
				Map<String, Object> parameters = new LinkedHashMap<>();
				if ((omitted & 1) == 0 || minMax.get2() < 2) {
					parameters.put("minPartners", minMax.get1());
				}
				if ((omitted & 2) == 0 || minMax.get1() > 3) {
					parameters.put("maxPartners", minMax.get2());
				}
				if ((omitted & 4) == 0) {
					parameters.put("naCapacity", capacity);
				}
				if ((omitted & 8) == 0) {
					parameters.put("requireBothCountries", both);
				}
				return parameters;
			});
	}

	@Provide
	Arbitrary<List<Decision>> decisions() {
		Arbitrary<String> kind = Arbitraries.frequency(Tuple.of(1, "leave"), Tuple.of(2, "accept"),
				Tuple.of(2, "confirm"), Tuple.of(4, "decline"), Tuple.of(3, "complete"));
		return Combinators
			.combine(kind, Arbitraries.of("EU", "NA"), Arbitraries.of(true, false), Arbitraries.of(true, false),
					paragraphs())
			.as((what, side, representative, otherFirst, text) -> new Decision(what, side, representative, otherFirst,
					(what.equals("decline") || what.equals("complete")) ? text : null))
			.list()
			.ofMinSize(1)
			.ofMaxSize(6);
	}

	@Provide
	Arbitrary<Boolean> withdrawals() {
		return Arbitraries.frequency(Tuple.of(1, true), Tuple.of(3, false));
	}

	/**
	 * Multi-line texts as sent, with what is stored of them: lines of letters, edges and
	 * phrases of several scripts, joined by one kind of line break, sent composed or
	 * decomposed, with white space around; a fifth of them exactly at the limit once
	 * stored (longer as sent when decomposed or with CRLF).
	 */
	Arbitrary<Paragraph> paragraphs() {
		Arbitrary<String> line = Arbitraries.oneOf(text(25), text(25).map((start) -> start + " " + PHRASES.get(0)),
				Arbitraries.of(PHRASES), Arbitraries.just(""));
		Arbitrary<List<String>> lines = Combinators.combine(text(25), line.list().ofMaxSize(4))
			.as((first, rest) -> Stream.concat(Stream.of(first), rest.stream()).toList());
		Arbitrary<Tuple.Tuple3<String, String, String>> around = Combinators
			.combine(Arbitraries.of("", " ", "\r\n", "\t"), Arbitraries.of("", " ", "\r\n\r\n", "\u2029"),
					Arbitraries.of(BREAKS))
			.as(Tuple::of);
		return Combinators
			.combine(lines, around, Arbitraries.of(Normalizer.Form.NFC, Normalizer.Form.NFD),
					Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)))
			.as((body, whitespace, form, atLimit) -> {
				List<String> all = new ArrayList<>(body);
				if (atLimit) {
					String before = Normalizer.normalize(String.join("\n", body) + "\n", Normalizer.Form.NFC)
						.stripLeading();
					all.add(filler(MAX_TEXT - before.length()));
				}
				String stored = stored(String.join("\n", all));
				String sent = whitespace.get1() + String.join(whitespace.get3(), all) + whitespace.get2();
				return new Paragraph(Normalizer.normalize(sent, form), stored);
			});
	}

	/**
	 * So many characters of text that composition leaves as they are; decomposed, the
	 * accented ones take two.
	 */
	private static String filler(int length) {
		String pattern = "Réseau des villes, 東京 и Київ; ";
		StringBuilder filler = new StringBuilder(length);
		while (filler.length() < length) {
			filler.append(pattern.charAt(filler.length() % pattern.length()));
		}
		filler.setCharAt(length - 1, '.');
		return filler.toString();
	}

	/**
	 * Texts of a letter and up to so many pieces, each a letter, a space, a punctuation
	 * mark or an edge.
	 */
	private static Arbitrary<String> text(int pieces) {
		Arbitrary<String> piece = Arbitraries.frequencyOf(
				Tuple.of(12, Arbitraries.chars().range('a', 'z').map(String::valueOf)),
				Tuple.of(3, Arbitraries.chars().range('A', 'Z').map(String::valueOf)),
				Tuple.of(3, Arbitraries.of(" ", "-", "'", ".", "&", "/", "(", ")")),
				Tuple.of(4, Arbitraries.of(EDGES)));
		return Combinators.combine(Arbitraries.chars().range('A', 'Z'), piece.list().ofMaxSize(pieces - 1))
			.as((first, rest) -> first + String.join("", rest));
	}

	/** A text as the rules store it: composed, without surrounding white space. */
	private static String stored(String text) {
		return Normalizer.normalize(text, Normalizer.Form.NFC).strip();
	}

	/**
	 * Texts as stored, within their limit, the first of those that differ only in case.
	 */
	private static List<String> unique(List<String> texts, UnaryOperator<String> form, int max) {
		Map<String, String> byKey = new LinkedHashMap<>();
		for (String text : texts) {
			String stored = form.apply(text);
			if (!stored.isEmpty() && stored.length() <= max) {
				byKey.putIfAbsent(stored.toLowerCase(Locale.ROOT), stored);
			}
		}
		return List.copyOf(byKey.values());
	}

	/**
	 * The cities of a round, each working on one theme they share, and the themes the
	 * round is restricted to, if any.
	 */
	record Cohort(List<Profile> eu, List<Profile> na, List<String> themes) {
	}

	/**
	 * A city's public profile as the registry publishes it, without its id: each try
	 * announces new cities.
	 */
	record Profile(String name, String country, String region, long population, double latitude, double longitude,
			List<String> languages, List<String> themes, List<String> topics, List<String> offers, List<String> seeks,
			String website) {

		Profile withTheme(String theme) {
			List<String> all = new ArrayList<>(this.themes);
			if (!all.contains(theme)) {
				all.add(theme);
			}
			return new Profile(this.name, this.country, this.region, this.population, this.latitude, this.longitude,
					this.languages, all, this.topics, this.offers, this.seeks, this.website);
		}

		City city(String side) {
			return new City(UUID.randomUUID(), this.name, this.country, side, this.region, this.population,
					this.latitude, this.longitude, this.languages, this.themes, this.topics, this.offers, this.seeks,
					this.website, "ACTIVE");
		}

	}

	/**
	 * What is done with one proposal.
	 *
	 * @param kind leave, accept, confirm, decline or complete
	 * @param side the side that accepts, declines, or accepts first
	 * @param representative whether the representatives of the cities accept and decline,
	 * not staff (who alone complete)
	 * @param otherAcceptedFirst whether the other side accepted before a decline
	 * @param text the reason of a decline or the outcome of a completion
	 */
	record Decision(String kind, String side, boolean representative, boolean otherAcceptedFirst, Paragraph text) {
	}

	/**
	 * A multi-line text.
	 *
	 * @param sent as the client sends it
	 * @param stored as the rules store and publish it
	 */
	record Paragraph(String sent, String stored) {
	}

	/**
	 * The events of the pairings' topic from the moment it was opened, by key.
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
			// fixes where reading starts before anything is proposed
			partitions.forEach(this.consumer::position);
		}

		/**
		 * Reads until each key has at least so many events.
		 */
		Map<String, List<ConsumerRecord<String, String>>> read(Map<String, Integer> counts) {
			await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
				for (ConsumerRecord<String, String> record : this.consumer.poll(Duration.ofMillis(100))) {
					this.byKey.computeIfAbsent(record.key(), (k) -> new ArrayList<>()).add(record);
				}
				return counts.entrySet()
					.stream()
					.allMatch((count) -> this.byKey.getOrDefault(count.getKey(), List.of()).size() >= count.getValue());
			});
			return this.byKey;
		}

		@Override
		public void close() {
			this.consumer.close();
		}

	}

}
