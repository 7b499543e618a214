package eu.citiesgateway.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One service running as a child {@code java -jar} process, its output going to a log
 * file.
 */
final class ServiceProcess {

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

	private static final Pattern PID = Pattern.compile("\"pid\"\\s*:\\s*(\\d+)");

	/**
	 * The variables of this process that a service started with an environment of its own
	 * keeps: what the operating system and the JVM need, none of which names a setting of
	 * the services.
	 */
	private static final Set<String> SYSTEM_VARIABLES = Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ",
			"TMPDIR");

	private final LocalService service;

	private final Process process;

	private final Path log;

	private volatile boolean stopping;

	private ServiceProcess(LocalService service, Process process, Path log) {
		this.service = service;
		this.process = process;
		this.log = log;
	}

	/**
	 * Finds the executable jar that {@code ./mvnw install} built for a service.
	 * @param repository the repository root
	 * @param service the service
	 * @return the jar, or {@code null} if there is none
	 * @throws IOException if the target folder cannot be read
	 */
	static Path findJar(Path repository, LocalService service) throws IOException {
		Path target = repository.resolve(service.module()).resolve("target");
		if (!Files.isDirectory(target)) {
			return null;
		}
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "*-SNAPSHOT.jar")) {
			for (Path jar : jars) {
				if (!jar.getFileName().toString().contains("-plain") && isExecutable(jar)) {
					return jar;
				}
			}
		}
		return null;
	}

	private static boolean isExecutable(Path jar) {
		try (JarFile file = new JarFile(jar.toFile())) {
			return file.getManifest() != null && file.getManifest().getMainAttributes().getValue("Main-Class") != null;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Starts a service's or the issuer's jar.
	 * @param service what to start
	 * @param jar its executable jar
	 * @param log where its output goes
	 * @param arguments its settings, as {@code --name=value}
	 * @return the running process
	 * @throws IOException if it cannot be started
	 */
	static ServiceProcess start(LocalService service, Path jar, Path log, List<String> arguments) throws IOException {
		return start(service, jar, log, arguments, null);
	}

	/**
	 * Starts a service's or the issuer's jar with the environment given, as a container
	 * would: it gets those variables and, of this process's, only the few that no Spring
	 * setting of the services reads ({@link #SYSTEM_VARIABLES}), so that no variable of
	 * the machine that runs it (a {@code SERVER_PORT} or {@code LOGGING_LEVEL_ROOT} of a
	 * CI runner) changes what the deployment's variables make of it.
	 * @param service what to start
	 * @param jar its executable jar
	 * @param log where its output goes
	 * @param arguments its settings, as {@code --name=value}
	 * @param environment its environment; {@code null} to inherit this process's
	 * @return the running process
	 * @throws IOException if it cannot be started
	 */
	static ServiceProcess start(LocalService service, Path jar, Path log, List<String> arguments,
			Map<String, String> environment) throws IOException {
		return start(service, jar, log, List.of(), arguments, environment);
	}

	/**
	 * Starts a service's or the issuer's jar with options for its JVM and the environment
	 * given, as {@link #start(LocalService, Path, Path, List, Map)} does.
	 * @param service what to start
	 * @param jar its executable jar
	 * @param log where its output goes
	 * @param jvm options of its JVM ({@code -XX:TieredStopAtLevel=1})
	 * @param arguments its settings, as {@code --name=value}
	 * @param environment its environment; {@code null} to inherit this process's
	 * @return the running process
	 * @throws IOException if it cannot be started
	 */
	static ServiceProcess start(LocalService service, Path jar, Path log, List<String> jvm, List<String> arguments,
			Map<String, String> environment) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<String> command = new ArrayList<>(List.of(java));
		command.addAll(jvm);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + service.port()));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		if (environment != null) {
			builder.environment().keySet().retainAll(SYSTEM_VARIABLES);
			builder.environment().putAll(environment);
		}
		return new ServiceProcess(service, builder.start(), log);
	}

	/**
	 * Waits until the process answers a path with 200. With a token for the service's
	 * info endpoint, that endpoint must also show this process's id, as another program
	 * may have taken the port meanwhile.
	 * @param http the client to ask with
	 * @param ready the path that answers 200 once it is ready
	 * @param opsToken a token with the {@code ops} scope, or {@code null} to skip the
	 * check of the process id
	 * @throws IllegalStateException if the process exits or is not ready in time; it is
	 * then left running until the launcher stops
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitReady(HttpClient http, String ready, String opsToken) throws InterruptedException {
		awaitReady(http, URI.create(this.service.url() + ready), opsToken, STARTUP_TIMEOUT);
	}

	/**
	 * Waits until the process answers a URL with 200. With a token, the info endpoint on
	 * the same port ({@code /actuator/info}) must also show this process's id, as another
	 * program may have taken the port meanwhile.
	 * @param http the client to ask with
	 * @param ready the URL that answers 200 once it is ready
	 * @param opsToken a token with the {@code ops} scope, or {@code null} to skip the
	 * check of the process id
	 * @param timeout how long to wait at most
	 * @throws IllegalStateException if the process exits or is not ready in time; it is
	 * then left running
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitReady(HttpClient http, URI ready, String opsToken, Duration timeout) throws InterruptedException {
		HttpRequest health = get(ready, null);
		HttpRequest info = get(ready.resolve("/actuator/info"), opsToken);
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(String.format("exited with code %d while starting; see %s",
						this.process.exitValue(), this.log));
			}
			try {
				if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200
						&& (opsToken == null || answersItself(http.send(info, HttpResponse.BodyHandlers.ofString())))) {
					this.process.onExit().thenAccept(this::reportExit);
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(1000);
		}
		throw new IllegalStateException(
				String.format("not ready at %s after %d s; see %s", ready, timeout.toSeconds(), this.log));
	}

	/**
	 * Waits for the process to end by itself.
	 * @param timeout how long to wait at most
	 * @return its exit code, empty if it still runs
	 * @throws InterruptedException if interrupted while waiting
	 */
	Optional<Integer> awaitExit(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(this.process.exitValue())
				: Optional.empty();
	}

	/**
	 * Where its output goes.
	 * @return the log file
	 */
	Path log() {
		return this.log;
	}

	private HttpRequest get(URI uri, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request.build();
	}

	private boolean answersItself(HttpResponse<String> info) {
		if (info.statusCode() != 200) {
			return info.statusCode() == 404;
		}
		Matcher pid = PID.matcher(info.body());
		return pid.find() && Long.parseLong(pid.group(1)) == this.process.pid();
	}

	private void reportExit(Process exited) {
		if (!this.stopping) {
			System.out.printf("%s stopped by itself (exit code %d); see %s%n", this.service.name(), exited.exitValue(),
					this.log);
		}
	}

	/**
	 * Asks the process to stop (SIGTERM), without waiting.
	 */
	void stop() {
		this.stopping = true;
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
	}

	/**
	 * Waits for the process to end after {@link #stop()}, killing it if it takes too
	 * long.
	 * @param timeout how long to wait
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitStopped(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			System.out.printf("%s did not stop within %d s, killing it%n", this.service.name(), timeout.toSeconds());
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

	LocalService service() {
		return this.service;
	}

}
