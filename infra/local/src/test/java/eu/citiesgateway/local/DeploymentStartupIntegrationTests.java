package eu.citiesgateway.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.utils.Exit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The four services start, and turn ready, with exactly the environment that
 * {@code infra/docker-compose.yml} and the Deployments of {@code infra/k8s} give them:
 * eight processes, one per service and deployment, each from the jar this build made, all
 * started at once against one set of infrastructure. A variable that stops a service from
 * starting fails here, and so does one that no setting of the service reads (a
 * misspelling Spring Boot would silently ignore): every variable a deployment sets must
 * be read by the service, as {@link UnreadVariables} tells from its
 * {@code /actuator/configprops}, but for {@code THC_PATH} and {@code THC_PORT}, which are
 * the image's health checker's.
 * <p>
 * What differs from the shipped files, and why:
 * <ul>
 * <li><b>Addresses</b>, in every value holding them: the broker ({@code kafka:9092};
 * {@code cities-gateway-kafka-bootstrap:9093}) is this test's KRaft broker, on a plain
 * listener for Compose and a SASL_SSL one with SCRAM-SHA-512 and the {@code KafkaUser}s'
 * ACLs for Kubernetes, as Strimzi would run it; the store ({@code mongo:27017}) is
 * mongo-java-server, behind a TLS front with the test's CA for Kubernetes; the token
 * issuer ({@code http://localhost:9000} and {@code http://issuer:9000}; the ConfigMap's
 * issuer URI) is {@link TestIssuer}, in this JVM, whose tokens the test signs; the SMTP
 * server ({@code SPRING_MAIL_HOST}, {@code SPRING_MAIL_PORT}) is GreenMail.</li>
 * <li>{@code replicaSet=rs0} is taken out of Compose's MongoDB URIs: mongo-java-server is
 * a single server, not a member of a replica set, and the driver would wait for a primary
 * named {@code rs0} for ever.</li>
 * <li><b>Secrets</b>: Kubernetes' Secret values are the test's (the MongoDB URIs keep the
 * shipped database and {@code tls=true}, without the user and password that
 * mongo-java-server does not check; the newsletter's address key is random; the Kafka
 * credentials are those this test gives the broker for each {@code KafkaUser}), and the
 * Secret volumes are files in {@code target/deployment-startup/volumes}, which every
 * value naming a mount path names instead. Compose's {@code NEWSLETTER_ADDRESS_KEY} is
 * set, as its operator must.</li>
 * <li><b>Replicas of topics</b>: {@code PLATFORM_EVENTS_TOPICS_REPLICATIONFACTOR} and
 * {@code ..._MININSYNCREPLICAS}, where a file sets them, are 1: the test's broker is one
 * node.</li>
 * <li><b>Ports</b>: eight services cannot share four ports, so each listens on a free
 * port ({@code --server.port}, and {@code MANAGEMENT_SERVER_PORT} where a file sets one);
 * the shipped ports are checked by {@code ComposeFileTests}. Each environment otherwise
 * replaces the test JVM's whole environment (but for {@code PATH}, {@code HOME} and the
 * like, see {@link ServiceProcess}), as a container's would.</li>
 * <li>The test's own arguments: {@code --management.info.process.enabled=true} (the test
 * checks that the process answering is the one it started) and
 * {@code --management.endpoints.web.exposure.include=*} (to read
 * {@code /actuator/configprops}); and JVM options that make eight services starting at
 * once cheaper ({@link #QUICK_START}).</li>
 * </ul>
 * Readiness is asked where Docker and Kubernetes would ask it: the Compose health check's
 * {@code THC_PATH} and the Deployment's readiness probe path. Once ready, every service
 * is shown to go not-ready while the store or the broker is out of reach, with its
 * liveness UP throughout, and ready again when it is back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentStartupIntegrationTests {

	private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

	/** Kept after the run (logs of the services, the mounted Secrets) to look into. */
	private static final Path HOME = Path.of("target/deployment-startup").toAbsolutePath();

	/**
	 * Eight services start at once: about a minute and a half on two cores, five minutes
	 * and more when other builds share them.
	 */
	private static final Duration STARTUP = Duration.ofMinutes(10);

	/**
	 * Options that make eight JVMs starting at once cheaper on two cores (compiling less,
	 * collecting with one thread); they change nothing the service does.
	 */
	private static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private static final Duration OUTAGE = Duration.ofMinutes(3);

	/**
	 * Variables for the image's health checker, not for Spring: no setting reads them.
	 */
	private static final Pattern NOT_FOR_SPRING = Pattern.compile("THC_.*");

	private static final String MISSPELT_HISTOGRAM = "MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILES_HISTOGRAM_HTTP_SERVER_REQUESTS";

	/** Boot 3's name of the MongoDB URI; Boot 4 reads {@code spring.mongodb.uri}. */
	private static final String BOOT_3_MONGODB_URI = "SPRING_DATA_MONGODB_URI";

	private static final SecureRandom random = new SecureRandom();

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final List<Runnable> kafkaCleanups = new CopyOnWriteArrayList<>();

	private static final List<Deployment> deployments = new ArrayList<>();

	private static final List<ServiceProcess> processes = new ArrayList<>();

	private static final Map<String, Map<String, String>> secrets = new HashMap<>();

	private static EmbeddedKafkaKraftBroker kafka;

	private static final List<Gate> kafkaGates = new ArrayList<>();

	private static final List<Gate> mongoGates = new ArrayList<>();

	private static MongoServer mongo;

	private static GreenMail mail;

	private static TestIssuer issuer;

	/** The Compose registry with the histogram variable spelt as it once was. */
	private static Deployment misspelt;

	@BeforeAll
	static void start() throws Exception {
		deleteRecursively(HOME);
		Files.createDirectories(HOME.resolve("logs"));
		issuer = TestIssuer.start(freePort());

		TestCertificate certificate = TestCertificate.create(HOME.resolve("tls"));
		Manifests manifests = Manifests.load(REPOSITORY.resolve("infra/k8s"));
		startKafka(certificate);
		declareUsers(manifests.kafkaUsers());
		mongo = new MongoServer(new H2Backend(HOME.resolve("mongo.mv").toString()));
		InetSocketAddress store = mongo.bind();
		Gate plainMongo = Gate.open(store, null);
		Gate tlsMongo = Gate.open(store, certificate.serverContext());
		mongoGates.addAll(List.of(plainMongo, tlsMongo));
		mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();

		ComposeFile compose = ComposeFile.load(REPOSITORY.resolve("infra/docker-compose.yml"));
		Map<String, String> operator = Map.of("NEWSLETTER_ADDRESS_KEY", randomKey());
		Map<String, String> composeAddresses = Map.of("kafka:9092", kafkaGates.get(0).address(), "mongo:27017",
				plainMongo.address(), "http://localhost:9000", issuer.url(), "http://issuer:9000", issuer.url());
		for (LocalService service : LocalService.ALL) {
			Map<String, String> environment = onThisMachine(service,
					withoutReplicaSet(replaced(compose.environment(service.name(), operator), composeAddresses)));
			String readiness = environment.get("THC_PATH");
			assertThat(readiness).as("the health check path of %s in the Compose file", service.name()).isNotNull();
			deployments.add(start("compose", service, environment, readiness));
		}

		secrets.put("cities-gateway-cluster-ca-cert", Map.of("ca.crt", certificate.pem()));
		secrets.put("mongodb-ca", Map.of("ca.crt", certificate.pem()));
		secrets.put("platform-secrets", platformSecrets(manifests.secret("platform-secrets"), tlsMongo));
		Map<String, String> config = manifests.configMap("platform-config");
		Map<String, String> k8sAddresses = Map.of(config.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS"),
				kafkaGates.get(1).address(), config.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUERURI"),
				issuer.url());
		for (LocalService service : LocalService.ALL) {
			Map<String, String> environment = onThisMachine(service, replaced(
					manifests.environment(service.name(), secrets, HOME.resolve("volumes"), Map.of()), k8sAddresses));
			deployments.add(start("k8s", service, environment, manifests.probePath(service.name(), "readinessProbe")));
		}

		Map<String, String> registry = new LinkedHashMap<>(deployments.get(0).environment());
		registry.remove("MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_HTTP_SERVER_REQUESTS");
		registry.put(MISSPELT_HISTOGRAM, "true");
		misspelt = start("misspelt", LocalService.REGISTRY, registry, deployments.get(0).readiness());
	}

	@AfterAll
	static void stop() throws Exception {
		processes.forEach(ServiceProcess::stop);
		for (ServiceProcess process : processes) {
			process.awaitStopped(Duration.ofSeconds(20));
		}
		for (Gate gate : mongoGates) {
			gate.close();
		}
		for (Gate gate : kafkaGates) {
			gate.close();
		}
		if (issuer != null) {
			issuer.close();
		}
		if (mail != null) {
			mail.stop();
		}
		if (mongo != null) {
			mongo.shutdown();
		}
		if (kafka != null) {
			kafka.destroy();
			kafkaCleanups.forEach(Runnable::run);
		}
	}

	static List<Deployment> deployments() {
		return deployments;
	}

	@Order(1)
	@ParameterizedTest(name = "{0}")
	@MethodSource("deployments")
	void startsAndTurnsReadyWithTheShippedEnvironment(Deployment deployment) throws Exception {
		deployment.process().awaitReady(http, deployment.url(deployment.readiness()), issuer.opsToken(), STARTUP);
	}

	@Order(2)
	@ParameterizedTest(name = "{0}")
	@MethodSource("deployments")
	void readsEveryVariableItIsGiven(Deployment deployment) throws Exception {
		deployment.process().awaitReady(http, deployment.url(deployment.readiness()), null, STARTUP);

		assertThat(unreadVariables(deployment, deployment.environment()))
			.as("variables of %s that no setting of the service reads", deployment)
			.isEmpty();
	}

	@Order(3)
	@Test
	void aVariableThatBindsToTheWrongSettingStopsTheServiceFromStarting() throws Exception {
		assertThat(misspelt.process().awaitExit(STARTUP)).as("the exit code of %s", misspelt)
			.hasValueSatisfying((code) -> assertThat(code).isNotZero());
		assertThat(Files.readString(misspelt.process().log()))
			.contains("Failed to bind properties under 'management.metrics.distribution.percentiles");
	}

	@Order(4)
	@Test
	void aVariableThatNoSettingReadsIsNamed() throws Exception {
		Deployment registry = deployments.get(0);
		registry.process().awaitReady(http, registry.url(registry.readiness()), null, STARTUP);
		Map<String, String> environment = new LinkedHashMap<>(registry.environment());
		environment.put(BOOT_3_MONGODB_URI, environment.get("SPRING_MONGODB_URI"));

		assertThat(unreadVariables(registry, environment)).containsExactly(BOOT_3_MONGODB_URI);
	}

	@Order(5)
	@Test
	void everyServiceIsNotReadyWhileTheStoreIsOutOfReachAndAliveThroughout() throws Exception {
		awaitEveryServiceReady();
		try {
			for (Gate gate : mongoGates) {
				gate.shut();
			}
			awaitEveryService(503);
		}
		finally {
			for (Gate gate : mongoGates) {
				gate.reopen();
			}
		}
		awaitEveryService(200);
	}

	@Order(6)
	@Test
	void everyServiceIsNotReadyWhileTheBrokerIsOutOfReachAndAliveThroughout() throws Exception {
		awaitEveryServiceReady();
		try {
			for (Gate gate : kafkaGates) {
				gate.shut();
			}
			awaitEveryService(503);
		}
		finally {
			for (Gate gate : kafkaGates) {
				gate.reopen();
			}
		}
		awaitEveryService(200);
	}

	private static void awaitEveryServiceReady() throws InterruptedException {
		for (Deployment deployment : deployments) {
			deployment.process().awaitReady(http, deployment.url(deployment.readiness()), null, STARTUP);
		}
	}

	/**
	 * Waits until every service's readiness answers a status, checking all along that its
	 * liveness answers 200.
	 */
	private static void awaitEveryService(int readiness) {
		await().atMost(OUTAGE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			for (Deployment deployment : deployments) {
				assertThat(status(deployment.url("/actuator/health/liveness"))).as("liveness of %s", deployment)
					.isEqualTo(200);
			}
			for (Deployment deployment : deployments) {
				assertThat(status(deployment.url(deployment.readiness())))
					.as(() -> "readiness of " + deployment + "; its health: " + health(deployment))
					.isEqualTo(readiness);
			}
		});
	}

	/**
	 * The variables of an environment that a deployment's service does not read, but for
	 * those meant for other programs of the image; what the service answered is kept in
	 * {@code target/deployment-startup/configprops}.
	 */
	private static Set<String> unreadVariables(Deployment deployment, Map<String, String> environment)
			throws Exception {
		HttpResponse<String> properties = http.send(HttpRequest.newBuilder(deployment.url("/actuator/configprops"))
			.header("Authorization", "Bearer " + issuer.opsToken())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(properties.statusCode()).as(properties.body()).isEqualTo(200);
		Files.createDirectories(HOME.resolve("configprops"));
		Files.writeString(HOME.resolve("configprops").resolve(deployment.toString().replace(' ', '-') + ".json"),
				properties.body());
		Map<String, String> forSpring = new LinkedHashMap<>(environment);
		forSpring.keySet().removeIf((name) -> NOT_FOR_SPRING.matcher(name).matches());
		Path jar = ServiceProcess.findJar(REPOSITORY, deployment.process().service());
		return UnreadVariables.of(jar).in(forSpring, properties.body());
	}

	/**
	 * What a service's health endpoint shows to operations, to say why it is not ready.
	 */
	private static String health(Deployment deployment) {
		try {
			return http
				.send(HttpRequest.newBuilder(deployment.url("/actuator/health"))
					.header("Authorization", "Bearer " + issuer.opsToken())
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			return ex.toString();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ex.toString();
		}
	}

	private static int status(URI uri) {
		try {
			return http
				.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Replaces each shipped address by the test's in every value, and checks that each is
	 * in the environment at all, so that a changed address fails here rather than goes
	 * unnoticed.
	 */
	private static Map<String, String> replaced(Map<String, String> environment, Map<String, String> addresses) {
		Map<String, String> replaced = new LinkedHashMap<>(environment);
		for (Map.Entry<String, String> address : addresses.entrySet()) {
			assertThat(replaced.values()).as("values holding %s", address.getKey())
				.anyMatch((value) -> value.contains(address.getKey()));
			replaced.replaceAll((name, value) -> value.replace(address.getKey(), address.getValue()));
		}
		return replaced;
	}

	private static Map<String, String> withoutReplicaSet(Map<String, String> environment) {
		Map<String, String> replaced = new LinkedHashMap<>(environment);
		String uri = replaced.get("SPRING_MONGODB_URI");
		assertThat(uri).contains("replicaSet=rs0");
		replaced.put("SPRING_MONGODB_URI", uri.replaceAll("[?&]replicaSet=rs0$", "").replace("replicaSet=rs0&", ""));
		return replaced;
	}

	/**
	 * The settings that depend on the machine: the SMTP server (the newsletter's), and
	 * the replicas of topics where a file sets them. Each must be set where it is
	 * replaced.
	 */
	private static Map<String, String> onThisMachine(LocalService service, Map<String, String> environment) {
		Map<String, String> replaced = new LinkedHashMap<>(environment);
		if (service == LocalService.NEWSLETTER) {
			assertThat(replaced.put("SPRING_MAIL_HOST", "127.0.0.1")).as("the newsletter's SMTP host").isNotNull();
			assertThat(replaced.put("SPRING_MAIL_PORT", Integer.toString(mail.getSmtp().getPort())))
				.as("the newsletter's SMTP port")
				.isNotNull();
		}
		replaced.computeIfPresent("PLATFORM_EVENTS_TOPICS_REPLICATIONFACTOR", (name, value) -> "1");
		replaced.computeIfPresent("PLATFORM_EVENTS_TOPICS_MININSYNCREPLICAS", (name, value) -> "1");
		return replaced;
	}

	/**
	 * The test's values for {@code platform-secrets}: each MongoDB URI names the shipped
	 * database, over TLS to the test's front of the store; the address key is random.
	 */
	private static Map<String, String> platformSecrets(Map<String, String> shipped, Gate tlsMongo) {
		Map<String, String> values = new LinkedHashMap<>();
		shipped.forEach((key, value) -> {
			if (key.endsWith("-mongodb-uri")) {
				assertThat(value).as(key).contains("tls=true");
				String database = URI.create(value).getPath();
				values.put(key, "mongodb://" + tlsMongo.address() + database + "?tls=true");
			}
			else {
				values.put(key, randomKey());
			}
		});
		return values;
	}

	private static Deployment start(String source, LocalService shipped, Map<String, String> environment,
			String readiness) throws IOException {
		LocalService service = new LocalService(shipped.name(), shipped.module(), freePort(), shipped.database());
		Map<String, String> ports = new LinkedHashMap<>(environment);
		int management = service.port();
		if (ports.containsKey("MANAGEMENT_SERVER_PORT")) {
			management = freePort();
			ports.put("MANAGEMENT_SERVER_PORT", Integer.toString(management));
		}
		ServiceProcess process = start(service, source + "-" + shipped.name(),
				List.of("--management.info.process.enabled=true", "--management.endpoints.web.exposure.include=*"),
				ports);
		return new Deployment(source, environment, process, management, readiness);
	}

	private static ServiceProcess start(LocalService service, String log, List<String> arguments,
			Map<String, String> environment) throws IOException {
		Path jar = ServiceProcess.findJar(REPOSITORY, service);
		assertThat(jar).as("the jar of " + service.module() + "; build it with ./mvnw package -DskipTests").isNotNull();
		ServiceProcess process = ServiceProcess.start(service, jar, HOME.resolve("logs").resolve(log + ".log"),
				QUICK_START, arguments, environment);
		processes.add(process);
		return process;
	}

	/**
	 * One broker for both deployments, each reaching it through a gate the outage test
	 * shuts: PLAIN (PLAINTEXT, as Compose's broker) and SECURE (SASL_SSL with
	 * SCRAM-SHA-512 and the test's certificate, as the Strimzi listener), each advertised
	 * at its gate's address so that clients come back through it after the bootstrap. The
	 * test kit's own listener (the broker's and this test's admin, a super user) is
	 * direct.
	 */
	private static void startKafka(TestCertificate certificate) throws IOException {
		int plain = freePort();
		int secure = freePort();
		Gate plainGate = Gate.open(new InetSocketAddress("127.0.0.1", plain), null);
		Gate secureGate = Gate.open(new InetSocketAddress("127.0.0.1", secure), null);
		kafkaGates.addAll(List.of(plainGate, secureGate));
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
		broker.brokerProperty("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,PLAIN://127.0.0.1:" + plain
				+ ",SECURE://127.0.0.1:" + secure);
		broker.brokerProperty("advertised.listeners",
				"EXTERNAL://localhost:0,PLAIN://" + plainGate.address() + ",SECURE://" + secureGate.address());
		broker.brokerProperty("listener.security.protocol.map",
				"EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,PLAIN:PLAINTEXT,SECURE:SASL_SSL");
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
		kafka = broker;
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
			String password = UUID.randomUUID().toString();
			credentials.add(new UserScramCredentialUpsertion(user.name(),
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password));
			acls.addAll(user.acls());
			secrets.put(user.name(),
					Map.of("password", password, "sasl.jaas.config",
							"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user.name()
									+ "\" password=\"" + password + "\";"));
		}
		try (Admin admin = Admin
			.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString()))) {
			admin.alterUserScramCredentials(credentials).all().get(30, TimeUnit.SECONDS);
			admin.createAcls(acls).all().get(30, TimeUnit.SECONDS);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> admin.describeAcls(AclBindingFilter.ANY).values().get().size() == acls.size()
						&& admin.describeUserScramCredentials().all().get().size() == users.size());
		}
	}

	private static String randomKey() {
		byte[] key = new byte[48];
		random.nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	/**
	 * A free port below the range the system hands out to outgoing connections and to
	 * {@code new ServerSocket(0)} (32768 and up on Linux): a service takes its port
	 * minutes after it was chosen, and a port of that range may by then be some
	 * connection's.
	 */
	private static int freePort() throws IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			int port = 20000 + random.nextInt(12000);
			try (ServerSocket socket = new ServerSocket(port)) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				// taken: try another
			}
		}
		throw new IOException("no free port between 20000 and 32000");
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

	/**
	 * A service started as a deployment starts it.
	 *
	 * @param source where its environment comes from: {@code compose}, {@code k8s}, or
	 * one of the test's variations
	 * @param environment the environment it was given, as the file gives it but for what
	 * the class comment lists
	 * @param process the running process
	 * @param managementPort where its actuator answers
	 * @param readiness the path its readiness is asked at
	 */
	record Deployment(String source, Map<String, String> environment, ServiceProcess process, int managementPort,
			String readiness) {

		URI url(String path) {
			return URI.create("http://localhost:" + this.managementPort + path);
		}

		@Override
		public String toString() {
			return this.source + " " + this.process.service().name();
		}

	}

}
