package eu.citiesgateway.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@code infra/docker-compose.yml} read as Docker Compose reads it: YAML merge keys
 * ({@code <<: *service}) replace whole keys, never merge into them, and {@code ${NAME}},
 * {@code ${NAME:-default}} and {@code ${NAME:?message}} in values are interpolated from
 * the environment of whoever runs {@code docker compose}.
 */
final class ComposeFile {

	private static final Pattern VARIABLE = Pattern
		.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

	private final Map<String, Map<String, Object>> services;

	private ComposeFile(Map<String, Map<String, Object>> services) {
		this.services = services;
	}

	static ComposeFile load(Path file) throws IOException {
		Map<String, Object> document;
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			document = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
		}
		Map<String, Map<String, Object>> services = new LinkedHashMap<>();
		map(document.get("services")).forEach((name, service) -> services.put(name, map(service)));
		return new ComposeFile(services);
	}

	/**
	 * The names of the services.
	 * @return them, in the order of the file
	 */
	List<String> services() {
		return List.copyOf(this.services.keySet());
	}

	/**
	 * The environment a service's container gets, interpolated.
	 * @param service the service
	 * @param host the environment of whoever runs {@code docker compose}
	 * @return its variables, in the order of the file
	 * @throws IllegalStateException if a required variable ({@code ${NAME:?message}}) is
	 * missing from {@code host}, or the service reads an {@code env_file}, which this
	 * reader does not know
	 */
	Map<String, String> environment(String service, Map<String, String> host) {
		Map<String, Object> definition = service(service);
		if (definition.containsKey("env_file")) {
			throw new IllegalStateException(service + " reads an env_file; teach ComposeFile to read it");
		}
		Map<String, String> environment = new LinkedHashMap<>();
		Object declared = definition.get("environment");
		if (declared instanceof List<?> entries) {
			for (Object entry : entries) {
				String[] pair = String.valueOf(entry).split("=", 2);
				environment.put(pair[0],
						(pair.length > 1) ? interpolate(pair[1], host) : host.getOrDefault(pair[0], ""));
			}
		}
		else {
			map(declared).forEach((name, value) -> environment.put(name,
					(value != null) ? interpolate(String.valueOf(value), host) : host.getOrDefault(name, "")));
		}
		return environment;
	}

	/**
	 * What a service waits for before it starts.
	 * @param service the service
	 * @return the condition of each service it depends on ({@code service_started} for
	 * the short form)
	 */
	Map<String, String> dependsOn(String service) {
		Object declared = service(service).get("depends_on");
		Map<String, String> conditions = new LinkedHashMap<>();
		if (declared instanceof List<?> names) {
			names.forEach((name) -> conditions.put(String.valueOf(name), "service_started"));
		}
		else {
			map(declared).forEach((name, condition) -> conditions.put(name,
					String.valueOf(map(condition).getOrDefault("condition", "service_started"))));
		}
		return conditions;
	}

	/**
	 * A service's health check.
	 * @param service the service
	 * @return its {@code healthcheck} entries ({@code test}, {@code interval}...), empty
	 * if it has none
	 */
	Map<String, Object> healthcheck(String service) {
		return map(service(service).get("healthcheck"));
	}

	/**
	 * The ports a service publishes.
	 * @param service the service
	 * @return each {@code host:container} mapping as written
	 */
	List<String> ports(String service) {
		List<String> ports = new ArrayList<>();
		list(service(service).get("ports")).forEach((port) -> ports.add(String.valueOf(port)));
		return ports;
	}

	/**
	 * A service's image.
	 * @param service the service
	 * @return its image reference
	 */
	String image(String service) {
		return String.valueOf(service(service).get("image"));
	}

	private Map<String, Object> service(String name) {
		Map<String, Object> service = this.services.get(name);
		if (service == null) {
			throw new IllegalStateException("No service " + name + " in the Compose file");
		}
		return service;
	}

	/**
	 * Compose's interpolation: {@code $$} is a dollar sign, {@code ${NAME:-default}} the
	 * default when the variable is unset or empty, {@code ${NAME-default}} only when it
	 * is unset, {@code ${NAME:?message}} and {@code ${NAME?message}} an error instead.
	 */
	static String interpolate(String value, Map<String, String> host) {
		Matcher matcher = VARIABLE.matcher(value);
		StringBuilder result = new StringBuilder();
		while (matcher.find()) {
			String replacement;
			if (matcher.group().equals("$$")) {
				replacement = "$";
			}
			else if (matcher.group(4) != null) {
				replacement = host.getOrDefault(matcher.group(4), "");
			}
			else {
				String name = matcher.group(1);
				String set = host.get(name);
				String operator = matcher.group(2);
				boolean missing = (operator != null && operator.startsWith(":")) ? (set == null || set.isEmpty())
						: (set == null);
				if (operator == null || !missing) {
					replacement = (set != null) ? set : "";
				}
				else if (operator.endsWith("-")) {
					replacement = interpolate(matcher.group(3), host);
				}
				else {
					throw new IllegalStateException("required variable " + name + " is missing: " + matcher.group(3));
				}
			}
			matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(result);
		return result.toString();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value != null) ? (List<Object>) value : List.of();
	}

}
