package eu.citiesgateway.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What to start: from command-line arguments, else system properties, else environment
 * variables (ports only).
 *
 * @param kafkaPort the broker's port
 * @param mongoPort the MongoDB server's port
 * @param mailPort the SMTP server's port
 * @param demoData whether to load the demo cities into an empty registry
 * @param services the services to start
 */
record LaunchOptions(int kafkaPort, int mongoPort, int mailPort, boolean demoData, List<LocalService> services) {

	static final String USAGE = """
			Usage: java -jar infra/local/target/local-platform-0.1.0-SNAPSHOT.jar [options]
			  --services=registry-service,...  services to start (default: all four)
			  --no-demo-data                   do not load the demo cities into an empty registry
			  --kafka-port=9092                Kafka broker port (or KAFKA_PORT)
			  --mongo-port=27017               MongoDB port (or MONGO_PORT)
			  --mail-port=2525                 SMTP server port (or MAIL_PORT)
			  --help                           print this help
			Each option may also be given as a system property, e.g. -Dservices=registry-service,
			and each port as an environment variable.""";

	static LaunchOptions parse(String[] args, Map<String, String> environment) {
		Map<String, String> arguments = new LinkedHashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--")) {
				throw new IllegalArgumentException("Unknown argument " + arg + "\n" + USAGE);
			}
			String[] pair = arg.substring(2).split("=", 2);
			arguments.put(pair[0], (pair.length > 1) ? pair[1] : "true");
		}
		Options options = new Options(arguments, environment);
		int kafkaPort = options.port("kafka-port", "KAFKA_PORT", 9092);
		int mongoPort = options.port("mongo-port", "MONGO_PORT", 27017);
		int mailPort = options.port("mail-port", "MAIL_PORT", 2525);
		String noDemoData = options.value("no-demo-data", null);
		boolean demoData = noDemoData == null || noDemoData.equalsIgnoreCase("false");
		String services = options.value("services", null);
		List<String> unknown = new ArrayList<>(arguments.keySet());
		unknown.removeAll(List.of("kafka-port", "mongo-port", "mail-port", "no-demo-data", "services"));
		if (!unknown.isEmpty()) {
			throw new IllegalArgumentException("Unknown option --" + unknown.get(0) + "\n" + USAGE);
		}
		return new LaunchOptions(kafkaPort, mongoPort, mailPort, demoData,
				(services != null) ? services(services) : LocalService.ALL);
	}

	private static List<LocalService> services(String names) {
		List<LocalService> services = new ArrayList<>();
		for (String name : names.split(",")) {
			LocalService service = LocalService.ALL.stream()
				.filter((candidate) -> candidate.name().equals(name.trim()))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Unknown service '" + name.trim() + "'; known: "
						+ LocalService.ALL.stream().map(LocalService::name).collect(Collectors.joining(", "))));
			services.add(service);
		}
		return services;
	}

	private record Options(Map<String, String> arguments, Map<String, String> environment) {

		String value(String name, String variable) {
			if (this.arguments.containsKey(name)) {
				return this.arguments.get(name);
			}
			String property = System.getProperty(name, (variable != null) ? System.getProperty(variable) : null);
			if (property != null) {
				return property.isEmpty() ? "true" : property;
			}
			return (variable != null) ? this.environment.get(variable) : null;
		}

		int port(String name, String variable, int defaultPort) {
			String value = value(name, variable);
			try {
				return (value != null) ? Integer.parseInt(value.trim()) : defaultPort;
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"--" + name + " (" + variable + ") must be a port number, not '" + value + "'");
			}
		}

	}

}
