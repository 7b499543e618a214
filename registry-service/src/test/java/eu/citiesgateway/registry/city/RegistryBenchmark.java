package eu.citiesgateway.registry.city;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import eu.citiesgateway.platform.events.EventSender;
import eu.citiesgateway.platform.events.OutboxRelay;
import eu.citiesgateway.platform.events.PendingEvent;
import eu.citiesgateway.platform.events.OutboxWriter;
import eu.citiesgateway.platform.test.HeapPeak;
import eu.citiesgateway.platform.test.SharedInfrastructure;
import eu.citiesgateway.platform.test.TestTokens;
import eu.citiesgateway.platform.web.security.Scopes;
import eu.citiesgateway.registry.RegistryApplication;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The registry's benchmark command: prints, in one run on one broker,
 * <ol>
 * <li>(a) all 2,198 real cities registered through the HTTP API: cities/s and the time
 * from the stored write to the broker's acknowledgement of its event (p50, p99);</li>
 * <li>(b) the outbox relay draining a backlog of pending events: events/s;</li>
 * <li>(c) Kafka's own producer sending records of the same size and headers
 * ({@code acks=all}, idempotent): records/s, and the ratio (b)/(c).</li>
 * </ol>
 * Run with {@code ./mvnw -B -q install -DskipTests && ./mvnw -B -q -pl registry-service
 * exec:java@benchmark} (optionally {@code -Dbenchmark.backlog=100000
 * -Dbenchmark.clients=4}, and {@code -Dbenchmark.mongodb.uri=mongodb://host/db} for a
 * MongoDB of your own, which then holds the benchmark's cities).
 */
public final class RegistryBenchmark {

	private static final String TOKEN = TestTokens.withScopes(Scopes.REGISTRY_WRITE);

	private RegistryBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int backlog = Integer.getInteger("benchmark.backlog", 100_000);
		int clients = Integer.getInteger("benchmark.clients", 4);
		String brokers = SharedInfrastructure.kafkaBrokers();
		// the broker creates no topic on request: the comparisons' topics are declared
		// here
		SharedInfrastructure.declareTopics(List.of("benchmark.bridge.v1", "benchmark.raw.v1"));
		// a MongoDB of your own (e.g. on its own host) instead of the in-memory store
		String external = System.getProperty("benchmark.mongodb.uri");
		String mongo = (external != null && !external.isBlank()) ? external
				: SharedInfrastructure.mongoUri("benchmark");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(RegistryApplication.class).run(
				"--server.port=0", "--spring.mongodb.uri=" + mongo, "--spring.kafka.bootstrap-servers=" + brokers,
				"--spring.cloud.stream.kafka.binder.brokers=" + brokers,
				"--" + TestTokens.PUBLIC_KEY_PROPERTY + "=" + TestTokens.publicKeyLocation(),
				"--logging.level.root=WARN", "--logging.level.org.apache.kafka=ERROR", "--spring.main.banner-mode=off");
		try {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			OutboxRelay relay = context.getBean(OutboxRelay.class);
			System.out.printf("%nRegistry benchmark — %d cores, max heap %d MiB, Java %s%n",
					Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
					System.getProperty("java.version"));
			System.out.println("One embedded KRaft broker (3 partitions), " + ((external != null && !external.isBlank())
					? "the MongoDB at -Dbenchmark.mongodb.uri" : "mongo-java-server (in memory)") + ", one JVM.");

			Result api = registerAllCities(port, clients, meters, relay);
			System.out.printf(
					"%n(a) %d cities through POST /api/cities (%d clients): %.0f cities/s; "
							+ "write→broker-ack p50 %.1f ms, p99 %.1f ms (%d events)%n",
					api.count(), clients, api.perSecond(), api.p50Millis(), api.p99Millis(), api.events());
			System.out.println(
					"    (latency: upper bounds of Micrometer's histogram buckets, warm-up of 200 cities excluded)");

			String sample = sampleEvent(context);
			double relayRate = drainBacklog(context, relay, meters, backlog);
			System.out.printf("(b) relay draining a backlog of %d pending events: %.0f events/s%n", backlog, relayRate);

			double bridgeRate = bridgeOnly(context, sample, backlog);
			double rawRate = rawProducer(brokers, sample, backlog);
			System.out.printf("(c) Kafka producer, same record size (%d bytes) and headers, acks=all, idempotent: "
					+ "%.0f records/s%n", sample.length(), rawRate);
			System.out.printf("    relay / raw producer = %.0f %%%n", 100 * relayRate / rawRate);
			System.out
				.printf("(d) for comparison, the same events through StreamBridge alone (no MongoDB), in waves of "
						+ "500: %.0f events/s (%.0f %% of raw)%n", bridgeRate, 100 * bridgeRate / rawRate);
			System.out.printf("    peak heap used: %d MiB%n", HeapPeak.mebibytes());
		}
		catch (Exception | Error ex) {
			ex.printStackTrace();
			throw ex;
		}
		finally {
			context.close();
		}
		System.exit(0);
	}

	private static Result registerAllCities(int port, int clients, MeterRegistry meters, OutboxRelay relay)
			throws Exception {
		List<String> bodies = demoCitiesAsJson();
		HttpClient http = HttpClient.newBuilder().build();
		warmUp(http, port, relay);
		Timer latency = meters.get("outbox.publish.latency").tag("topic", "registry.cities.v1").timer();
		CountAtBucket[] before = latency.takeSnapshot().histogramCounts();
		long countBefore = latency.count();
		AtomicInteger next = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(clients);
		long start = System.nanoTime();
		List<Future<?>> done = new ArrayList<>();
		for (int c = 0; c < clients; c++) {
			done.add(pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < bodies.size(); i = next.getAndIncrement()) {
					HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cities"))
						.header("Content-Type", "application/json")
						.header("Authorization", "Bearer " + TOKEN)
						.POST(HttpRequest.BodyPublishers.ofString(bodies.get(i)))
						.build();
					HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 201 && response.statusCode() != 409) {
						failures.incrementAndGet();
					}
				}
				return null;
			}));
		}
		for (Future<?> future : done) {
			future.get();
		}
		while (relay.pendingCount() > 0) {
			Thread.sleep(20);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		pool.shutdown();
		if (failures.get() > 0) {
			throw new IllegalStateException(failures.get() + " registrations failed");
		}
		CountAtBucket[] after = latency.takeSnapshot().histogramCounts();
		long events = latency.count() - countBefore;
		double p50 = percentile(before, after, events, 0.50);
		double p99 = percentile(before, after, events, 0.99);
		return new Result(bodies.size(), bodies.size() / seconds, p50, p99, events);
	}

	/**
	 * Registers a few synthetic cities first, so that topic creation, connections and the
	 * JIT are not part of the measured run.
	 */
	private static void warmUp(HttpClient http, int port, OutboxRelay relay) throws Exception {
		for (int i = 0; i < 200; i++) {
			String body = "{\"name\": \"Warm-up " + i + "\", \"country\": \"AT\", \"population\": 60000, "
					+ "\"latitude\": 48.2, \"longitude\": 16.4, \"languages\": [\"de\"], "
					+ "\"themes\": [\"circular-economy\"]}";
			http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/cities"))
				.header("Content-Type", "application/json")
				.header("Authorization", "Bearer " + TOKEN)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.discarding());
		}
		while (relay.pendingCount() > 0) {
			Thread.sleep(20);
		}
	}

	/**
	 * A percentile of the events recorded between two snapshots of the latency histogram
	 * (cumulative bucket counts), as the upper bound of the bucket it falls in.
	 */
	private static double percentile(CountAtBucket[] before, CountAtBucket[] after, long events, double percentile) {
		double rank = percentile * events;
		for (int i = 0; i < after.length; i++) {
			double count = after[i].count() - ((i < before.length) ? before[i].count() : 0);
			if (count >= rank) {
				return after[i].bucket(java.util.concurrent.TimeUnit.MILLISECONDS);
			}
		}
		return Double.NaN;
	}

	private static double drainBacklog(ConfigurableApplicationContext context, OutboxRelay relay, MeterRegistry meters,
			int backlog) throws InterruptedException {
		OutboxWriter writer = context.getBean(OutboxWriter.class);
		relay.stop();
		CityRequest template = new CityRequest("Backlog", "FR", "ARA", 100_000L, 45.0, 4.0, List.of("fr", "en"),
				List.of("circular-economy", "nature-based-solutions"), List.of("urban heat", "food waste"),
				List.of("district heating"), List.of("affordable housing finance"), "https://example.org", null);
		System.out.printf("%n    writing a backlog of %d cities with the relay stopped …%n", backlog);
		for (int i = 0; i < backlog; i++) {
			CityRequest request = new CityRequest("Backlog " + i, template.country(), template.region(),
					template.population(), template.latitude(), template.longitude(), template.languages(),
					template.themes(), template.topics(), template.offers(), template.seeks(), template.website(),
					null);
			writer.insert(City.join(UUID.randomUUID(), request, Side.EU, Instant.now()));
		}
		double publishedBefore = meters.get("events.published")
			.tag("type", "eu.citiesgateway.registry.CityJoined.v1")
			.counter()
			.count();
		long start = System.nanoTime();
		long cpuBefore = processCpuNanos();
		relay.start();
		double published = publishedBefore;
		while (published - publishedBefore < backlog) {
			Thread.sleep(10);
			published = meters.get("events.published")
				.tag("type", "eu.citiesgateway.registry.CityJoined.v1")
				.counter()
				.count();
		}
		long elapsed = System.nanoTime() - start;
		System.out.printf("    CPU of this JVM while the relay drained: %.0f %% of one core%n",
				100.0 * (processCpuNanos() - cpuBefore) / elapsed);
		return backlog / (elapsed / 1e9);
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static double bridgeOnly(ConfigurableApplicationContext context, String sample, int events)
			throws Exception {
		EventSender sender = context.getBean(EventSender.class);
		sender
			.send(new PendingEvent(UUID.randomUUID().toString(), "eu.citiesgateway.registry.CityJoined.v1", "warm-up",
					Instant.now(), "benchmark.bridge.v1", sample))
			.get();
		long start = System.nanoTime();
		for (int sent = 0; sent < events; sent += 500) {
			List<java.util.concurrent.CompletableFuture<?>> wave = new ArrayList<>(500);
			for (int i = 0; i < 500; i++) {
				String id = UUID.randomUUID().toString();
				wave.add(sender.send(new PendingEvent(id, "eu.citiesgateway.registry.CityJoined.v1", id, Instant.now(),
						"benchmark.bridge.v1", sample)));
			}
			for (java.util.concurrent.CompletableFuture<?> ack : wave) {
				ack.get();
			}
		}
		return events / ((System.nanoTime() - start) / 1e9);
	}

	private static double rawProducer(String brokers, String sample, int records) throws Exception {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
		byte[] value = sample.getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>("benchmark.raw.v1", "warm-up".getBytes(), value)).get();
			long start = System.nanoTime();
			List<java.util.concurrent.Future<?>> acks = new ArrayList<>(records);
			for (int i = 0; i < records; i++) {
				String id = UUID.randomUUID().toString();
				RecordHeaders headers = new RecordHeaders();
				headers.add("ce_id", id.getBytes(StandardCharsets.UTF_8));
				headers.add("ce_source", "/registry-service".getBytes(StandardCharsets.UTF_8));
				headers.add("ce_type", "eu.citiesgateway.registry.CityJoined.v1".getBytes(StandardCharsets.UTF_8));
				headers.add("ce_subject", id.getBytes(StandardCharsets.UTF_8));
				headers.add("ce_time", Instant.now().toString().getBytes(StandardCharsets.UTF_8));
				headers.add("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8));
				headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
				acks.add(producer.send(new ProducerRecord<>("benchmark.raw.v1", null,
						id.getBytes(StandardCharsets.UTF_8), value, headers)));
			}
			for (java.util.concurrent.Future<?> ack : acks) {
				ack.get();
			}
			return records / ((System.nanoTime() - start) / 1e9);
		}
	}

	private static String sampleEvent(ConfigurableApplicationContext context) {
		JsonMapper json = context.getBean(JsonMapper.class);
		CityRequest request = new CityRequest("Backlog 99999", "FR", "ARA", 100_000L, 45.0, 4.0, List.of("fr", "en"),
				List.of("circular-economy", "nature-based-solutions"), List.of("urban heat", "food waste"),
				List.of("district heating"), List.of("affordable housing finance"), "https://example.org", null);
		City city = City.join(UUID.randomUUID(), request, Side.EU, Instant.now());
		return json.writeValueAsString(new CityJoined(city.id(), city.profile(), Instant.now()));
	}

	private static List<String> demoCitiesAsJson() throws Exception {
		JsonMapper json = JsonMapper.shared();
		List<String> bodies = new ArrayList<>();
		try (InputStream csv = RegistryBenchmark.class.getResourceAsStream("/demo/demo-cities.csv")) {
			for (CSVRecord row : CSVFormat.DEFAULT.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
				Map<String, Object> city = new LinkedHashMap<>();
				city.put("name", row.get("name"));
				city.put("country", row.get("country"));
				city.put("region", row.get("region"));
				city.put("population", Long.parseLong(row.get("population")));
				city.put("latitude", Double.parseDouble(row.get("latitude")));
				city.put("longitude", Double.parseDouble(row.get("longitude")));
				for (String list : List.of("languages", "themes", "topics", "offers", "seeks")) {
					city.put(list, row.get(list).isEmpty() ? List.of() : Arrays.asList(row.get(list).split(";")));
				}
				bodies.add(json.writeValueAsString(city));
			}
		}
		return bodies;
	}

	private record Result(int count, double perSecond, double p50Millis, double p99Millis, long events) {
	}

}
