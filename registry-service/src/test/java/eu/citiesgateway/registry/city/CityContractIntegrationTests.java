package eu.citiesgateway.registry.city;

import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import eu.citiesgateway.platform.test.EventContracts;
import eu.citiesgateway.platform.test.Http;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.registry.RegistryIntegrationTest;
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

import static eu.citiesgateway.platform.test.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whatever the registry accepts, the events it publishes meet their JSON Schemas. The
 * requests are generated with the edges of the text rules: names, regions and tags in
 * several scripts, composed and decomposed, with emoji, joiners, no-break spaces,
 * ligatures and characters that lengthen when composed or put in lower case, up to and
 * over their limits. Each accepted city is changed, given an organisation and withdrawn,
 * and every event that follows is read back from the topic and validated. jqwik runs
 * outside JUnit Jupiter: the registry's context, the one the other integration tests
 * share, is brought in by Spring's {@link TestContextManager}.
 */
@RegistryIntegrationTest
class CityContractIntegrationTests {

	private static final JsonMapper json = JsonMapper.shared();

	/** Characters that tested the rules: decomposed, expanding, invisible, markup. */
	private static final List<String> EDGES = List.of("é", "e\u0301", "ç", "c\u0327", "ß", "İ", "ı", "Ł", "ø",
			"A\u030A", "Ω", "Ж", "ї", "東", "京", "\u0958", "\uD83D\uDC69\u200D\uD83D\uDD2C", "\uD83C\uDDEB\uD83C\uDDF7",
			"\u00A0", "\u200D", "\u200C", "ﬁ", "Ⅻ", "<", "\"", "\\", "%", "{", "$");

	private static final List<String> COUNTRIES = List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR",
			"DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "US",
			"CA");

	@Autowired
	Http http;

	private Events events;

	@BeforeProperty
	void registry() throws Exception {
		new TestContextManager(getClass()).prepareTestInstance(this);
		this.events = new Events(CityEventsIntegrationTests.TOPIC);
	}

	@AfterProperty
	void close() {
		this.events.close();
	}

	@Property(tries = 50, shrinking = ShrinkingMode.BOUNDED, afterFailure = AfterFailureMode.SAMPLE_FIRST)
	void everyEventOfAnAcceptedCityMeetsItsSchema(@ForAll("registrations") Map<String, Object> city,
			@ForAll("tags") List<String> topics, @ForAll("names") String organisation, @ForAll("names") String reason) {
		Http.Response registered = this.http.postJson("/api/cities", json.writeValueAsString(city));
		Statistics.label("registration").collect(registered.status());
		Statistics.label("registration")
			.coverage((coverage) -> coverage.check(201).percentage((percent) -> percent >= 60));
		if (registered.status() != 201) {
			assertProblem(registered, 400);
			return;
		}
		String id = registered.json().get("id").asString();
		long population = ((Number) city.get("population")).longValue() % 100_000_000 + 1;
		Http.Response changed = this.http.patch("/api/cities/" + id,
				json.writeValueAsString(Map.of("population", population, "topics", topics)));
		Http.Response attached = this.http.postJson("/api/cities/" + id + "/organisations",
				json.writeValueAsString(Map.of("name", organisation, "type", "civil-society")));
		Http.Response withdrawn = this.http.postJson("/api/cities/" + id + "/withdrawal",
				json.writeValueAsString(Map.of("reason", reason)));
		assertThat(changed.status()).as(changed.body()).isIn(200, 400);
		assertThat(attached.status()).as(attached.body()).isIn(201, 400);
		assertThat(withdrawn.status()).as(withdrawn.body()).isIn(200, 400);
		int expected = 1 + ((changed.status() == 200) ? 1 : 0) + ((attached.status() == 201) ? 1 : 0)
				+ ((withdrawn.status() == 200) ? 1 : 0);

		List<ConsumerRecord<String, String>> records = this.events.read(id, expected);

		assertThat(records).hasSize(expected);
		records.forEach(EventContracts::assertValid);
		JsonNode joined = json.readTree(records.get(0).value()).get("profile");
		String name = joined.get("name").asString();
		assertThat(Normalizer.isNormalized(name, Normalizer.Form.NFC)).as(name).isTrue();
		assertThat(name).isEqualTo(Normalizer.normalize((String) city.get("name"), Normalizer.Form.NFC).strip());
	}

	@Provide
	Arbitrary<Map<String, Object>> registrations() {
		List<Arbitrary<Object>> fields = Stream
			.<Arbitrary<?>>of(names(), Arbitraries.of(COUNTRIES).flatMap(this::eitherCase),
					text(20).map((region) -> region + " " + UUID.randomUUID()),
					Arbitraries.longs().between(1, 100_000_000), Arbitraries.doubles().between(-90, 90).ofScale(6),
					Arbitraries.doubles().between(-180, 180).ofScale(6),
					Arbitraries.strings().withCharRange('a', 'z').ofLength(2).list().ofMinSize(1).ofMaxSize(10),
					Arbitraries.subsetOf(Themes.ALL).ofMinSize(1).map(ArrayList::new), tags(), phrases(), phrases(),
					Arbitraries.strings()
						.withCharRange('a', 'z')
						.ofMinLength(1)
						.ofMaxLength(40)
						.map((path) -> "https://www.example.org/" + path)
						.injectNull(0.3),
					Combinators.combine(text(10), text(10))
						.as((person, role) -> Map.of("name", person, "role", role, "email", "someone@example.org"))
						.injectNull(0.5))
			.map((field) -> field.map(Object.class::cast))
			.toList();
		List<String> names = List.of("name", "country", "region", "population", "latitude", "longitude", "languages",
				"themes", "topics", "offers", "seeks", "website", "contact");
		return Combinators.combine(fields).as((values) -> {
			Map<String, Object> city = new LinkedHashMap<>();
			for (int i = 0; i < names.size(); i++) {
				city.put(names.get(i), values.get(i));
			}
			return city;
		});
	}

	@Provide
	Arbitrary<String> names() {
		return Arbitraries.frequencyOf(Tuple.of(8, text(40)),
				Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofLength(200)),
				Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofLength(200).map((name) -> "É" + name)));
	}

	@Provide
	Arbitrary<List<String>> tags() {
		return text(12).list().ofMaxSize(30);
	}

	private Arbitrary<List<String>> phrases() {
		return text(40).list().ofMaxSize(30);
	}

	private Arbitrary<String> eitherCase(String country) {
		return Arbitraries.of(country, country.toLowerCase(java.util.Locale.ROOT));
	}

	/** Texts of up to so many pieces, each a letter, a punctuation mark or an edge. */
	private static Arbitrary<String> text(int pieces) {
		Arbitrary<String> piece = Arbitraries.frequencyOf(
				Tuple.of(12, Arbitraries.chars().range('a', 'z').map(String::valueOf)),
				Tuple.of(3, Arbitraries.chars().range('A', 'Z').map(String::valueOf)),
				Tuple.of(3, Arbitraries.of(" ", "-", "'", ".", "&", "/", "(", ")")),
				Tuple.of(4, Arbitraries.of(EDGES)));
		return piece.list().ofMinSize(1).ofMaxSize(pieces).map((parts) -> String.join("", parts));
	}

	/**
	 * The events of the registry's topic from the moment it was opened, by key.
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
			// fixes where reading starts before anything is registered
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
