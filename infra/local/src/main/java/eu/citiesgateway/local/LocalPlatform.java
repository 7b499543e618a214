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

	private static final String EXAMPLE_CITY = "{\"name\":\"Lyon\",\"country\":\"FR\",\"region\":\"Auvergne-Rhône-Alpes\","
			+ "\"population\":522250,\"latitude\":45.764,\"longitude\":4.8357,\"languages\":[\"fr\",\"en\"],"
			+ "\"themes\":[\"circular-economy\"],\"topics\":[\"food waste\"],\"offers\":[\"district heating\"],"
			+ "\"seeks\":[\"affordable housing finance\"],\"website\":\"https://www.lyon.fr\"}";

	private final LaunchOptions options;

	private final Path repository;

	private final Path home;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<ServiceProcess> processes = new CopyOnWriteArrayList<>();

	private final Map<LocalService, String> problems = new ConcurrentHashMap<>();

	private final List<Runnable> kafkaCleanups = new CopyOnWriteArrayList<>();

	private volatile boolean stopping;

	private EmbeddedKafkaKraftBroker kafka;

	private MongoServer mongo;

	private GreenMail mail;

	LocalPlatform(LaunchOptions options, Path repository) {
		this.options = options;
		this.repository = repository;
		this.home = repository.resolve(".local");
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
		Files.createDirectories(logs());
		Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-platform-shutdown"));
		startKafka();
		startMongo();
		startMail();
		startServices();
		awaitServices();
		loadDemoData();
		printSummary();
		Thread.currentThread().join();
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
		broker.brokerProperty("auto.create.topics.enable", "true");
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

	private void startServices() throws IOException {
		for (LocalService service : this.options.services()) {
			Path jar = ServiceProcess.findJar(this.repository, service);
			if (jar == null) {
				skip(service, "no executable jar in " + service.name() + "/target; build it with " + BUILD);
			}
			else if (!isFree(service.port())) {
				skip(service, "port " + service.port() + " is already in use");
			}
			else if (!this.stopping) {
				Path log = logs().resolve(service.name() + ".log");
				this.processes.add(ServiceProcess.start(service, jar, log, kafkaAddress(), mongoUri(), MAIL_HOST,
						this.options.mailPort()));
				System.out.printf("Starting %s on port %d, log in %s%n", service.name(), service.port(), log);
			}
		}
	}

	private void skip(LocalService service, String reason) {
		this.problems.put(service, "skipped: " + reason);
		System.out.printf("Skipping %s: %s%n", service.name(), reason);
	}

	private void awaitServices() throws InterruptedException {
		for (ServiceProcess process : this.processes) {
			long start = System.nanoTime();
			try {
				process.awaitHealthy(this.http);
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
			System.out.println("Demo data: " + new DemoData(this.http, LocalService.REGISTRY.url()).load(csv));
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
		summary.append(String.format("  Service logs             %s%n%n", logs()));
		for (LocalService service : this.options.services()) {
			String problem = this.problems.get(service);
			summary.append(String.format("  %-19s %s%n", service.name(), (problem != null) ? problem : service.url()));
			if (problem == null) {
				summary.append(String.format("      database   %s/%s%n", mongoUri(), service.database()));
				summary.append(String.format("      Swagger UI %s/swagger-ui.html%n", service.url()));
				summary.append(String.format("      Prometheus %s/actuator/prometheus%n", service.url()));
			}
		}
		if (isRunning(LocalService.REGISTRY)) {
			summary.append("\nRegister a city, then read it back (its URL is in the Location header):\n");
			summary.append("  curl -i -X POST http://localhost:8081/api/cities -H 'Content-Type: application/json' -d '"
					+ EXAMPLE_CITY + "'\n");
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

	private boolean isRunning(LocalService service) {
		return this.options.services().contains(service) && !this.problems.containsKey(service);
	}

	private void stop() {
		this.stopping = true;
		System.out.println("Stopping the local platform...");
		this.processes.forEach(ServiceProcess::stop);
		try {
			for (ServiceProcess process : this.processes) {
				process.awaitStopped(Duration.ofSeconds(20));
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
