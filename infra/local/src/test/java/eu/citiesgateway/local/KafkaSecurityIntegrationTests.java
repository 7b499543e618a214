package eu.citiesgateway.local;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Trust between services over Kafka as {@code infra/k8s} ships it. A KRaft broker
 * authenticates every client of the services with SCRAM-SHA-512 over TLS (a certificate
 * made here stands in for Strimzi's cluster CA) and authorises with Kafka's
 * {@code StandardAuthorizer} and exactly the ACLs of the {@code KafkaUser} manifests. The
 * registry and matching start from their jars with the whole environment of their
 * Deployments, as the kubelet would make it: only the addresses, the Secrets' values and
 * the paths of the mounted volumes are this test's. Their MongoDB is reached over TLS too
 * (mongo-java-server behind a TLS front, without credentials, which it does not check).
 * Three settings differ from the Deployments' ({@code onThisMachine}): the one broker
 * here cannot hold the topics' three replicas, and the actuator answers on the API's
 * port.
 */
class KafkaSecurityIntegrationTests {

	private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

	/** Kept after the run (logs of the services, the mounted Secrets) to look into. */
	private static final Path HOME = Path.of("target/kafka-security").toAbsolutePath();

	private static final String REGISTRY_TOPIC = "registry.cities.v1";

	private static final String DEAD_LETTERS = "error.registry.cities.v1.matching-service";

	private static final String FORGER = "forger";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final List<Runnable> kafkaCleanups = new CopyOnWriteArrayList<>();

	private static final Map<String, Map<String, String>> secrets = new HashMap<>();

	private static final Map<String, Map<String, String>> environments = new HashMap<>();

	private static final List<ServiceProcess> processes = new ArrayList<>();

	private static ServiceProcess issuerProcess;

	private static EmbeddedKafkaKraftBroker kafka;

	private static MongoServer mongo;

	private static TlsProxy mongoTls;

	private static LocalService registry;

	private static LocalService matching;

	private static LocalTokens tokens;

	@BeforeAll
	static void start() throws Exception {
		deleteRecursively(HOME);
		Files.createDirectories(HOME.resolve("logs"));
		LocalService issuer = new LocalService("local-issuer", "infra/issuer", freePort(), null);
		registry = new LocalService("registry-service", "registry-service", freePort(), "registry");
		matching = new LocalService("matching-service", "matching-service", freePort(), "matching");
		tokens = new LocalTokens(http, issuer.url());
		issuerProcess = start(issuer, List.of("--spring.security.oauth2.authorizationserver.issuer=" + issuer.url()),
				null);

		Manifests manifests = Manifests.load(REPOSITORY.resolve("infra/k8s"));
		TestCertificate certificate = TestCertificate.create(HOME.resolve("tls"));
		String kafkaAddress = "127.0.0.1:" + freePort();
		kafka = startKafka(kafkaAddress, certificate);
		declareUsers(manifests.kafkaUsers());
		mongo = new MongoServer(new H2Backend(HOME.resolve("mongo.mv").toString()));
		InetSocketAddress mongoAddress = mongo.bind();
		mongoTls = TlsProxy.start(certificate.serverContext(), mongoAddress);

		secrets.put("cities-gateway-cluster-ca-cert", Map.of("ca.crt", certificate.pem()));
		secrets.put("mongodb-ca", Map.of("ca.crt", certificate.pem()));
		Map<String, String> mongoUris = new HashMap<>();
		for (LocalService service : List.of(registry, matching)) {
			mongoUris.put(service.database() + "-mongodb-uri",
					"mongodb://127.0.0.1:" + mongoTls.port() + "/" + service.database() + "?tls=true");
		}
		secrets.put("platform-secrets", mongoUris);
		Map<String, String> config = manifests.configMap("platform-config");
		Map<String, String> addresses = Map.of(config.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS"), kafkaAddress,
				config.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI"), issuer.url());
		for (LocalService service : List.of(registry, matching)) {
			Map<String, String> environment = onThisMachine(service,
					manifests.environment(service.name(), secrets, HOME.resolve("volumes"), addresses));
			environments.put(service.name(), environment);
			processes.add(start(service, List.of("--management.info.process.enabled=true"), environment));
		}

		issuerProcess.awaitReady(http, "/.well-known/openid-configuration", null);
		String ops = tokens.get(LocalTokens.OPS);
		for (ServiceProcess process : processes) {
			process.awaitReady(http, "/actuator/health/readiness", ops);
		}
	}

	@AfterAll
	static void stop() throws Exception {
		if (issuerProcess != null) {
			processes.add(issuerProcess);
		}
		processes.forEach(ServiceProcess::stop);
		for (ServiceProcess process : processes) {
			process.awaitStopped(Duration.ofSeconds(20));
		}
		if (mongoTls != null) {
			mongoTls.close();
		}
		if (mongo != null) {
			mongo.shutdown();
		}
		if (kafka != null) {
			kafka.destroy();
			kafkaCleanups.forEach(Runnable::run);
		}
	}

	@Test
	void aCityRegisteredAtTheRegistryReachesMatchingThroughTheAuthenticatedBroker() throws Exception {
		String city = """
				{"name": "Lyon %s", "country": "FR", "region": "Auvergne-Rhône-Alpes", "population": 522250,
				 "latitude": 45.764, "longitude": 4.8357, "languages": ["fr", "en"], "themes": ["circular-economy"]}
				""".formatted(UUID.randomUUID());

		HttpResponse<String> registered = post(registry, "/api/cities", tokens.get(LocalTokens.STAFF), city);

		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(counter(matching, "events_consumed_total", "type", ".CityJoined.v1"))
				.isPositive());
		assertThat(authentications("successful")).as("authentications on the services' listener").isPositive();
		assertTheServicesWereRefusedNothing();
	}

	@Test
	void eachServiceDeclaredItsOwnTopicsWithTheirMinInsyncReplicas() throws Exception {
		List<String> topics = List.of(REGISTRY_TOPIC, "matching.pairings.v1", DEAD_LETTERS);
		try (Admin admin = superUser()) {
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> admin.listTopics().names().get().containsAll(topics));
			for (String topic : topics) {
				ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
				ConfigEntry minInsyncReplicas = admin.describeConfigs(List.of(resource))
					.all()
					.get(30, TimeUnit.SECONDS)
					.get(resource)
					.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
				assertThat(minInsyncReplicas.source()).as(topic)
					.isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
				assertThat(minInsyncReplicas.value()).as(topic).isEqualTo("1");
			}
		}
		assertTheServicesWereRefusedNothing();
	}

	@Test
	void matchingsPrincipalMayNotWriteToTheRegistrysTopic() {
		Map<String, Object> settings = new HashMap<>(clientSettings(environments.get(matching.name())));
		settings.put(ProducerConfig.CLIENT_ID_CONFIG, FORGER);
		settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings, new StringSerializer(),
				new StringSerializer())) {
			ProducerRecord<String, String> forged = withdrawal("/registry-service");

			assertThatExceptionOfType(ExecutionException.class)
				.isThrownBy(() -> producer.send(forged).get(60, TimeUnit.SECONDS))
				.havingCause()
				.isInstanceOfSatisfying(TopicAuthorizationException.class,
						(refused) -> assertThat(refused.unauthorizedTopics()).containsExactly(REGISTRY_TOPIC));
		}
	}

	@Test
	void aForgeryIsDeadLetteredAndReplayedWithMatchingsOwnPrincipalAndGroup() throws Exception {
		double rejectedBefore = counter(matching, "events_rejected_total", "topic", REGISTRY_TOPIC);
		// a principal that may write to every topic (here the broker's super user) is
		// still
		// not the registry: its event does not carry the owner's source
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()),
				new StringSerializer(), new StringSerializer())) {
			producer.send(withdrawal("/cluster-service")).get(30, TimeUnit.SECONDS);
		}
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(counter(matching, "events_rejected_total", "topic", REGISTRY_TOPIC))
				.isGreaterThan(rejectedBefore));

		HttpResponse<String> replay = post(matching, "/actuator/deadletters/" + DEAD_LETTERS,
				tokens.get(LocalTokens.OPS), "");

		assertThat(replay.statusCode()).as(replay.body()).isEqualTo(200);
		assertThat(replay.body()).containsPattern("\"rejected\"\\s*:\\s*[1-9]");
		assertTheServicesWereRefusedNothing();
	}

	@Test
	void theHistogramsTheDashboardNeedsArePublished() throws Exception {
		assertThat(get(registry, "/actuator/prometheus")).contains("http_server_requests_seconds_bucket{");
	}

	/**
	 * Every client of the services authenticated (a client without the SASL settings
	 * would fail the TLS handshake or the SCRAM exchange), and the broker refused them
	 * nothing: the ACLs of their {@code KafkaUser}s are all they need.
	 */
	private static void assertTheServicesWereRefusedNothing() throws Exception {
		assertThat(authentications("failed")).as("failed authentications on the services' listener").isZero();
		assertThat(RecordingAuthorizer.denials()).as("what the broker refused the services")
			.filteredOn((denial) -> !FORGER.equals(denial.clientId()))
			.isEmpty();
	}

	private static ProducerRecord<String, String> withdrawal(String source) {
		String city = UUID.randomUUID().toString();
		ProducerRecord<String, String> record = new ProducerRecord<>(REGISTRY_TOPIC, city,
				"{\"cityId\": \"" + city + "\", \"withdrawnAt\": \"" + Instant.now() + "\"}");
		Map.of("ce_id", UUID.randomUUID().toString(), "ce_type", "eu.citiesgateway.registry.CityWithdrawn.v1",
				"ce_source", source, "ce_subject", city, "ce_specversion", "1.0", "ce_time", Instant.now().toString(),
				"content-type", "application/json")
			.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
		return record;
	}

	/**
	 * A Deployment's environment for this machine. Its topics get the one replica this
	 * broker can give them instead of the ConfigMap's three (with two in sync), and its
	 * actuator answers on the service's free port, where {@link ServiceProcess} waits for
	 * readiness, instead of the Deployment's fixed management port, which another process
	 * on this machine may hold. Each replaced setting must be in the shipped environment,
	 * so that renaming it there fails here.
	 */
	private static Map<String, String> onThisMachine(LocalService service, Map<String, String> environment) {
		Map<String, String> replaced = new LinkedHashMap<>(environment);
		assertThat(replaced.put("PLATFORM_EVENTS_TOPICS_REPLICATIONFACTOR", "1")).isEqualTo("3");
		assertThat(replaced.put("PLATFORM_EVENTS_TOPICS_MININSYNCREPLICAS", "1")).isEqualTo("2");
		assertThat(replaced.put("MANAGEMENT_SERVER_PORT", Integer.toString(service.port()))).isNotNull();
		return replaced;
	}

	private static EmbeddedKafkaKraftBroker startKafka(String address, TestCertificate certificate) {
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
		// the test kit's own listeners (PLAINTEXT, the broker's and this test's admin, a
		// super user) and SECURE, the only one the services are given
		broker.brokerProperty("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,SECURE://" + address);
		broker.brokerProperty("listener.security.protocol.map",
				"EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,SECURE:SASL_SSL");
		broker.brokerProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512");
		broker.brokerProperty("listener.name.secure.scram-sha-512.sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required;");
		broker.brokerProperty("ssl.keystore.type", "PKCS12");
		broker.brokerProperty("ssl.keystore.location", certificate.keyStore().toString());
		broker.brokerProperty("ssl.keystore.password", certificate.password());
		broker.brokerProperty("ssl.key.password", certificate.password());
		broker.brokerProperty("authorizer.class.name", RecordingAuthorizer.class.getName());
		broker.brokerProperty("super.users", "User:ANONYMOUS");
		broker.brokerProperty("auto.create.topics.enable", "false");
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		Exit.setShutdownHookAdder((name, hook) -> kafkaCleanups.add(hook));
		broker.afterPropertiesSet();
		return broker;
	}

	/**
	 * What Strimzi's User Operator does for each {@code KafkaUser}: SCRAM-SHA-512
	 * credentials, their Secret ({@code password}, {@code sasl.jaas.config}), and the
	 * user's ACLs.
	 */
	private static void declareUsers(List<Manifests.KafkaUser> users) throws Exception {
		List<UserScramCredentialAlteration> credentials = new ArrayList<>();
		List<AclBinding> acls = new ArrayList<>();
		for (Manifests.KafkaUser user : users) {
			assertThat(user.authentication()).isEqualTo("scram-sha-512");
			String password = UUID.randomUUID().toString();
			credentials.add(new UserScramCredentialUpsertion(user.name(),
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password));
			acls.addAll(user.acls());
			secrets.put(user.name(),
					Map.of("password", password, "sasl.jaas.config",
							"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user.name()
									+ "\" password=\"" + password + "\";"));
		}
		try (Admin admin = superUser()) {
			admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);
			admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
			// the broker answers from its own copy of the metadata, which the services
			// meet
			await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.describeAcls(AclBindingFilter.ANY).values().get().size() == acls.size()
						&& admin.describeUserScramCredentials().all().get().size() == users.size());
		}
	}

	private static Admin superUser() {
		return Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()));
	}

	/**
	 * The Kafka client settings a service's environment gives its binder, as Spring Boot
	 * binds them.
	 */
	private static Map<String, Object> clientSettings(Map<String, String> environment) {
		String prefix = "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_";
		Map<String, Object> settings = new LinkedHashMap<>();
		environment.forEach((name, value) -> {
			if (name.startsWith(prefix)) {
				settings.put(name.substring(prefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
			}
		});
		settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
				environment.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS"));
		return settings;
	}

	private static ServiceProcess start(LocalService service, List<String> arguments, Map<String, String> environment)
			throws IOException {
		Path jar = ServiceProcess.findJar(REPOSITORY, service);
		assertThat(jar).as("the jar of " + service.module() + "; build it with ./mvnw install -DskipTests").isNotNull();
		return ServiceProcess.start(service, jar, HOME.resolve("logs").resolve(service.name() + ".log"), arguments,
				environment);
	}

	private static HttpResponse<String> post(LocalService service, String path, String token, String json)
			throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(service.url() + path))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String get(LocalService service, String path) throws Exception {
		return http
			.send(HttpRequest.newBuilder(URI.create(service.url() + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	/**
	 * A counter of a service's Prometheus endpoint.
	 * @param service the service
	 * @param name the counter
	 * @param tag the tag that picks the series
	 * @param ending how that tag's value ends
	 * @return its value, 0 while it has none
	 */
	private static double counter(LocalService service, String name, String tag, String ending) throws Exception {
		Matcher series = Pattern
			.compile("^" + name + "\\{[^}]*" + tag + "=\"[^\"]*" + Pattern.quote(ending) + "\"[^}]*} (\\S+)$",
					Pattern.MULTILINE)
			.matcher(get(service, "/actuator/prometheus"));
		return series.find() ? Double.parseDouble(series.group(1)) : 0;
	}

	/**
	 * Authentications on the services' listener, from the broker's socket server metrics.
	 */
	private static double authentications(String outcome) throws Exception {
		MBeanServer server = ManagementFactory.getPlatformMBeanServer();
		double total = 0;
		for (ObjectName name : server.queryNames(
				new ObjectName("kafka.server:type=socket-server-metrics,listener=SECURE,networkProcessor=*"), null)) {
			total += ((Number) server.getAttribute(name, outcome + "-authentication-total")).doubleValue();
		}
		return total;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (Files.exists(path)) {
			try (Stream<Path> paths = Files.walk(path)) {
				for (Path each : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(each);
				}
			}
		}
	}

}
