package eu.citiesgateway.local;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.apache.kafka.common.utils.Exit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Starts the whole platform on this machine without Docker: a Kafka broker, a MongoDB
 * server, an SMTP server that writes every mail to a folder, and every service whose jar
 * has been built.
 */
public final class LocalPlatform {

	private static final String BUILD = "./mvnw -B -q install -DskipTests";

	private static final String MAIL_HOST = "127.0.0.1";

	/**
	 * A city the demo data does not hold (it lists cities of over 50,000 inhabitants by
	 * GeoNames' count).
	 */
	private static final String EXAMPLE_CITY = "{\"name\":\"Annecy\",\"country\":\"FR\",\"region\":\"Auvergne-Rhône-Alpes\","
			+ "\"population\":130721,\"latitude\":45.8992,\"longitude\":6.1294,\"languages\":[\"fr\",\"en\"],"
			+ "\"themes\":[\"nature-based-solutions\"],\"topics\":[\"lake restoration\"],\"offers\":[\"urban heat action plans\"],"
			+ "\"seeks\":[\"affordable housing finance\"],\"website\":\"https://www.annecy.fr\"}";

	/** The ready-to-paste command that puts a staff token in {@code $TOKEN}. */
	static final String TOKEN_COMMAND = "TOKEN=$(curl -s -u staff:staff-secret -d grant_type=client_credentials "
			+ "http://localhost:9000/oauth2/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')";

	private final LaunchOptions options;

	private final Path repository;

	private final Path home;

	private final LocalTokens tokens;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();

	private final Map<LocalService, String> problems = new ConcurrentHashMap<>();

	private final List<Runnable> kafkaCleanups = new CopyOnWriteArrayList<>();

	private volatile boolean stopping;

	private EmbeddedKafkaKraftBroker kafka;

	private MongoServer mongo;

	private GreenMail mail;

	private ServiceProcess issuer;

	LocalPlatform(LaunchOptions options, Path repository) {
		this(options, repository, repository.resolve(".local"));
	}

	/**
	 * A launcher.
	 * @param options what to start
	 * @param repository the repository root, where the built jars are
	 * @param home where data, mails and logs go
	 */
	LocalPlatform(LaunchOptions options, Path repository, Path home) {
		this.options = options;
		this.repository = repository;
		this.home = home;
		this.tokens = new LocalTokens(this.http, LocalService.ISSUER.url());
	}

	public static void main(String[] args) {
		System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
		if (Arrays.asList(args).contains("--help")) {
			System.out.println(LaunchOptions.USAGE);
			return;
		}
		try {
			LaunchOptions options = LaunchOptions.parse(args, System.getenv());
			new LocalPlatform(options, Path.of("").toAbsolutePath()).run();
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			System.err.println("Could not start the local platform: " + ex.getMessage());
			ex.printStackTrace();
			System.exit(1);
		}
	}

	void run() throws Exception {
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-platform-shutdown"));
		start();
		printSummary();
		Thread.currentThread().join();
	}

	/**
	 * Starts everything and waits until it is ready, without blocking afterwards.
	 * @throws Exception if the broker, the store or the SMTP server cannot start
	 */
	void start() throws Exception {
		Files.createDirectories(logs());
		startKafka();
		startMongo();
		startMail();
		startIssuer();
		startServices();
		awaitIssuer();
		awaitServices();
		loadDemoData();
	}

	private void startKafka() {
		long start = System.nanoTime();
		ensureFree(this.options.kafkaPort(), "Kafka", "KAFKA_PORT");
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3);
		// The KRaft test kit binds its own listeners to random ports and ignores
		// kafkaPorts(...): clients get a third listener, on the fixed port
		broker.brokerProperty("listeners", "EXTERNAL://localhost:0,CONTROLLER://localhost:0,LOCAL://" + kafkaAddress());
		broker.brokerProperty("listener.security.protocol.map",
				"EXTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT,LOCAL:PLAINTEXT");
		// as in production: the services declare their topics, no client creates one by
		// asking
		broker.brokerProperty("auto.create.topics.enable", "false");
		broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
		// Kafka deletes its data folders in shutdown hooks that would race the broker's
		// own shutdown: run them after it instead
		Exit.setShutdownHookAdder((name, hook) -> this.kafkaCleanups.add(hook));
		this.kafka = broker;
		broker.afterPropertiesSet();
		System.out.printf("Kafka broker (KRaft) started at %s in %s%n", kafkaAddress(), since(start));
	}

	private void startMongo() {
		ensureFree(this.options.mongoPort(), "MongoDB", "MONGO_PORT");
		Path file = this.home.resolve("mongo.mv");
		MongoServer server = new MongoServer(new H2Backend(file.toString()));
		server.bind("127.0.0.1", this.options.mongoPort());
		this.mongo = server;
		System.out.printf("MongoDB server started at %s, data in %s%n", mongoUri(), file);
	}

	private void startMail() throws IOException {
		ensureFree(this.options.mailPort(), "SMTP", "MAIL_PORT");
		Files.createDirectories(mails());
		GreenMail server = new GreenMail(
				new ServerSetup(this.options.mailPort(), MAIL_HOST, ServerSetup.PROTOCOL_SMTP));
		this.mail = server;
		server.start();
		// start() creates the user manager: wrap its delivery only now
		UserManager users = server.getUserManager();
		users.setMessageDeliveryHandler(new MailFolder(users.getMessageDeliveryHandler(), mails()));
		System.out.printf("SMTP server started at %s, mails written to %s%n", mailAddress(), mails());
	}

	private void startIssuer() throws IOException {
		LocalService service = LocalService.ISSUER;
		this.issuer = startProcess(service, List.of());
		if (this.issuer == null) {
			System.out.println("Without the token issuer the services refuse every protected request.");
		}
	}

	private void startServices() throws IOException {
		for (LocalService service : this.options.services()) {
			ServiceProcess process = startProcess(service,
					List.of("--spring.mongodb.uri=" + mongoUri() + "/" + service.database(),
							"--spring.kafka.bootstrap-servers=" + kafkaAddress(),
							"--spring.cloud.stream.kafka.binder.brokers=" + kafkaAddress(),
							"--spring.mail.host=" + MAIL_HOST, "--spring.mail.port=" + this.options.mailPort(),
							"--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + LocalService.ISSUER.url(),
							"--management.info.process.enabled=true", "--spring.profiles.active=local"));
			if (process != null) {
				this.processes.add(process);
			}
		}
	}

	private ServiceProcess startProcess(LocalService service, List<String> arguments) throws IOException {
		Path jar = ServiceProcess.findJar(this.repository, service);
		if (jar == null) {
			skip(service, "no executable jar in " + service.module() + "/target; build it with " + BUILD);
		}
		else if (!isFree(service.port())) {
			skip(service, "port " + service.port() + " is already in use");
		}
		else if (!this.stopping) {
			Path log = logs().resolve(service.name() + ".log");
			ServiceProcess process = ServiceProcess.start(service, jar, log, arguments);
			System.out.printf("Starting %s on port %d, log in %s%n", service.name(), service.port(), log);
			return process;
		}
		return null;
	}

	private void awaitIssuer() throws InterruptedException {
		if (this.issuer == null) {
			return;
		}
		long start = System.nanoTime();
		try {
			this.issuer.awaitReady(this.http, "/.well-known/openid-configuration", null);
			System.out.printf("%s is up (%s)%n", LocalService.ISSUER.name(), since(start));
		}
		catch (IllegalStateException ex) {
			this.problems.put(LocalService.ISSUER, ex.getMessage());
			System.out.printf("PROBLEM: %s %s%n", LocalService.ISSUER.name(), ex.getMessage());
		}
	}

	private String token(LocalTokens.Client client) throws InterruptedException {
		if (this.issuer == null || this.problems.containsKey(LocalService.ISSUER)) {
			return null;
		}
		try {
			return this.tokens.get(client);
		}
		catch (IOException ex) {
			System.out.printf("PROBLEM: no token for %s from %s: %s%n", client.id(), LocalService.ISSUER.url(),
					ex.getMessage());
			return null;
		}
	}

	private void skip(LocalService service, String reason) {
		this.problems.put(service, "skipped: " + reason);
		System.out.printf("Skipping %s: %s%n", service.name(), reason);
	}

	private void awaitServices() throws InterruptedException {
		String ops = token(LocalTokens.OPS);
		for (ServiceProcess process : this.processes) {
			long start = System.nanoTime();
			try {
				process.awaitReady(this.http, "/actuator/health/readiness", ops);
				System.out.printf("%s is up (%s)%n", process.service().name(), since(start));
			}
			catch (IllegalStateException ex) {
				this.problems.put(process.service(), ex.getMessage());
				System.out.printf("PROBLEM: %s %s%n", process.service().name(), ex.getMessage());
			}
		}
	}

	private void loadDemoData() {
		if (!this.options.demoData() || !isRunning(LocalService.REGISTRY)) {
			return;
		}
		Path csv = this.repository.resolve("platform/demo-data/src/main/resources/demo/demo-cities.csv");
		try {
			String staff = token(LocalTokens.STAFF);
			if (staff == null) {
				System.out.println("Demo data: not loaded, as the token issuer is not running");
				return;
			}
			System.out.println("Demo data: " + new DemoData(this.http, LocalService.REGISTRY.url(), staff).load(csv));
		}
		catch (IOException ex) {
			System.out.println("Demo data: could not be loaded: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void printSummary() {
		StringBuilder summary = new StringBuilder();
		summary.append("\n==== Cities Gateway local platform ====\n");
		summary.append(String.format("  Kafka bootstrap servers  %s%n", kafkaAddress()));
		summary.append(
				String.format("  MongoDB                  %s/<database>  (one database per service)%n", mongoUri()));
		summary.append(String.format("  SMTP server              %s  (accepts every mail)%n", mailAddress()));
		summary
			.append(String.format("  Mail folder              %s  (one .eml file per mail and recipient)%n", mails()));
		summary.append(String.format("  Service logs             %s%n", logs()));
		String issuerProblem = this.problems.get(LocalService.ISSUER);
		summary.append(String.format("  Token issuer             %s%n%n",
				(issuerProblem != null) ? issuerProblem : LocalService.ISSUER.url() + "  (OAuth2 client credentials)"));
		for (LocalService service : this.options.services()) {
			String problem = this.problems.get(service);
			summary.append(String.format("  %-19s %s%n", service.name(), (problem != null) ? problem : service.url()));
			if (problem == null) {
				summary.append(String.format("      database   %s/%s%n", mongoUri(), service.database()));
				summary.append(String.format("      Swagger UI %s/swagger-ui.html%n", service.url()));
				summary.append(String.format("      Prometheus %s/actuator/prometheus%n", service.url()));
			}
		}
		if (issuerProblem == null) {
			summary.append("\nClients of the token issuer (id:secret, scopes):\n");
			summary.append("  staff:staff-secret                           every staff scope\n");
			summary.append("  privacy-officer:privacy-secret               newsletter:privacy\n");
			summary.append("  ops:ops-secret                               ops\n");
			summary
				.append("  city-representative:representative-secret    pairings:decide for the city of the request's"
						+ " city_id parameter\n");
			summary.append("\nGet a staff token (valid for an hour):\n");
			summary.append("  " + TOKEN_COMMAND + "\n");
		}
		if (isRunning(LocalService.REGISTRY)) {
			summary.append("\nRegister a city with it, then read it back (its URL is in the Location header):\n");
			summary.append("  curl -i -X POST http://localhost:8081/api/cities -H \"Authorization: Bearer $TOKEN\""
					+ " -H 'Content-Type: application/json' -d '" + EXAMPLE_CITY + "'\n");
			summary.append("  curl -s http://localhost:8081/api/cities/<id from the Location header>\n");
			summary.append("  curl -s 'http://localhost:8081/api/cities?size=20'\n");
		}
		if (isRunning(LocalService.NEWSLETTER)) {
			summary.append(String.format(
					"%nTry the newsletter: subscribe at %s/subscribe, then open the newest file in %s for the confirmation link.%n",
					LocalService.NEWSLETTER.url(), mails()));
		}
		summary.append("\nPress Ctrl-C to stop everything.\n");
		System.out.println(summary);
	}

	/**
	 * What did not start, and why.
	 * @return the problems, by process
	 */
	Map<LocalService, String> problems() {
		return Map.copyOf(this.problems);
	}

	private boolean isRunning(LocalService service) {
		return this.options.services().contains(service) && !this.problems.containsKey(service);
	}

	void stop() {
		this.stopping = true;
		System.out.println("Stopping the local platform...");
		this.processes.forEach(ServiceProcess::stop);
		try {
			for (ServiceProcess process : this.processes) {
				process.awaitStopped(Duration.ofSeconds(20));
			}
			if (this.issuer != null) {
				this.issuer.stop();
				this.issuer.awaitStopped(Duration.ofSeconds(20));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (this.mail != null) {
			this.mail.stop();
		}
		if (this.mongo != null) {
			this.mongo.shutdown();
		}
		if (this.kafka != null) {
			this.kafka.destroy();
			this.kafkaCleanups.forEach(Runnable::run);
		}
		System.out.println("Local platform stopped.");
	}

	private String kafkaAddress() {
		return "127.0.0.1:" + this.options.kafkaPort();
	}

	private String mongoUri() {
		return "mongodb://127.0.0.1:" + this.options.mongoPort();
	}

	private String mailAddress() {
		return MAIL_HOST + ":" + this.options.mailPort();
	}

	private Path mails() {
		return this.home.resolve("mail");
	}

	private Path logs() {
		return this.home.resolve("logs");
	}

	private static void ensureFree(int port, String what, String variable) {
		if (!isFree(port)) {
			throw new IllegalStateException(String.format(
					"port %d for %s is already in use (is another launcher running?); stop what holds it or set %s",
					port, what, variable));
		}
	}

	private static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static String since(long start) {
		return String.format("%.1f s", (System.nanoTime() - start) / 1e9);
	}

}
