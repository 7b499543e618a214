package eu.citiesgateway.local;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Which variables of a deployment's environment no setting of the service reads: the
 * misspellings that Spring Boot's relaxed binding silently ignores
 * ({@code SPRING_DATA_MONGODB_URI}, Boot 3's name, in a Boot 4 service). A variable is
 * read when:
 * <ul>
 * <li>it is the origin of a property the service bound, as its
 * {@code /actuator/configprops} shows ({@code System Environment Property "NAME"});</li>
 * <li>it is empty (an empty list shows no origin) and its name, as relaxed binding reads
 * it, is that of a property shown there;</li>
 * <li>it sets the Kafka binder ({@code SPRING_CLOUD_STREAM_KAFKA_BINDER_...}), which
 * binds its settings in a context of its own that the endpoint does not show, and its
 * name is that of a setting in the binder's configuration metadata, in the service's jar;
 * a key of the binder's Kafka client maps ({@code ..._CONFIGURATION_SECURITY_PROTOCOL})
 * must also be a setting of Kafka's clients ({@code security.protocol}).</li>
 * </ul>
 */
final class UnreadVariables {

	private static final Pattern ENVIRONMENT = Pattern.compile("System Environment Property \"([^\"]+)\"");

	private static final String BINDER = "spring.cloud.stream.kafka.binder.";

	private static final String BINDER_VARIABLES = "SPRING_CLOUD_STREAM_KAFKA_BINDER_";

	private static final ObjectMapper json = new ObjectMapper();

	private final Set<String> binderSettings;

	private final Map<String, Set<String>> binderMaps;

	private UnreadVariables(Set<String> binderSettings, Map<String, Set<String>> binderMaps) {
		this.binderSettings = binderSettings;
		this.binderMaps = binderMaps;
	}

	/**
	 * Reads the Kafka binder's settings from a service's executable jar.
	 * @param jar the service's jar
	 * @return the check for that service
	 * @throws IOException if the jar or the binder's metadata cannot be read
	 */
	static UnreadVariables of(Path jar) throws IOException {
		return of(binderMetadata(jar));
	}

	/**
	 * The check with the Kafka binder's configuration metadata given.
	 * @param binderMetadata the binder's {@code spring-configuration-metadata.json}
	 * @return the check
	 * @throws IOException if the metadata is not JSON
	 */
	static UnreadVariables of(String binderMetadata) throws IOException {
		Set<String> settings = new HashSet<>();
		Map<String, Set<String>> maps = new LinkedHashMap<>();
		for (JsonNode property : json.readTree(binderMetadata).path("properties")) {
			String name = property.path("name").asText();
			if (!name.startsWith(BINDER)) {
				continue;
			}
			String setting = name.substring(BINDER.length());
			if (property.path("type").asText().startsWith("java.util.Map<")) {
				maps.put(letters(name), kafkaSettings(setting));
			}
			else {
				settings.add(letters(name));
			}
		}
		if (settings.isEmpty()) {
			throw new IllegalStateException("The binder's metadata names no setting under " + BINDER);
		}
		return new UnreadVariables(settings, maps);
	}

	/**
	 * The variables of an environment that the service does not read.
	 * @param environment the variables the service was given
	 * @param configprops what its {@code /actuator/configprops} answered
	 * @return the names of those it does not read, sorted
	 * @throws IOException if the answer is not JSON
	 */
	Set<String> in(Map<String, String> environment, String configprops) throws IOException {
		Set<String> origins = new HashSet<>();
		Set<String> properties = new HashSet<>();
		for (JsonNode context : json.readTree(configprops).path("contexts")) {
			for (JsonNode bean : context.path("beans")) {
				String prefix = bean.path("prefix").asText();
				collectProperties(prefix, bean.path("properties"), properties);
				collectOrigins(bean.path("inputs"), origins);
			}
		}
		Set<String> unread = new TreeSet<>();
		environment.forEach((name, value) -> {
			boolean read = origins.contains(name) || (value.isEmpty() && properties.contains(letters(name)))
					|| readByTheBinder(name);
			if (!read) {
				unread.add(name);
			}
		});
		return unread;
	}

	private boolean readByTheBinder(String variable) {
		if (!variable.startsWith(BINDER_VARIABLES)) {
			return false;
		}
		if (this.binderSettings.contains(letters(variable))) {
			return true;
		}
		for (int split = variable.indexOf('_'); split > 0; split = variable.indexOf('_', split + 1)) {
			Set<String> keys = this.binderMaps.get(letters(variable.substring(0, split)));
			if (keys != null) {
				return keys.contains(variable.substring(split + 1).toLowerCase(Locale.ROOT).replace('_', '.'));
			}
		}
		return false;
	}

	/**
	 * A name without its separators, in upper case: what is left for relaxed binding to
	 * compare ({@code newsletter.trusted-proxies}, {@code NEWSLETTER_TRUSTEDPROXIES} and
	 * {@code NEWSLETTER_TRUSTED_PROXIES} are all {@code NEWSLETTERTRUSTEDPROXIES}). Where
	 * a separator decides (a map's key), the service's own binding is the judge: it fails
	 * to start, as {@code ..._PERCENTILES_HISTOGRAM_...} did.
	 */
	private static String letters(String name) {
		return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
	}

	private static void collectOrigins(JsonNode inputs, Set<String> origins) {
		if (inputs.isObject() && inputs.has("origin")) {
			Matcher origin = ENVIRONMENT.matcher(inputs.path("origin").asText());
			if (origin.find()) {
				origins.add(origin.group(1));
			}
			return;
		}
		for (JsonNode input : inputs) {
			collectOrigins(input, origins);
		}
	}

	/**
	 * Every property path of a bean, containers included (an empty list is a property
	 * with nothing under it), each as {@link #letters}.
	 */
	private static void collectProperties(String path, JsonNode node, Set<String> properties) {
		if (node.isObject()) {
			for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
				Map.Entry<String, JsonNode> field = fields.next();
				String name = path + "." + field.getKey();
				properties.add(letters(name));
				collectProperties(name, field.getValue(), properties);
			}
		}
	}

	/** The Kafka client settings a map of the binder's passes on. */
	private static Set<String> kafkaSettings(String map) {
		Set<String> settings = new HashSet<>();
		if (!map.startsWith("producer")) {
			settings.addAll(ConsumerConfig.configNames());
		}
		if (!map.startsWith("consumer")) {
			settings.addAll(ProducerConfig.configNames());
		}
		if (map.equals("configuration")) {
			settings.addAll(AdminClientConfig.configNames());
		}
		return settings;
	}

	private static String binderMetadata(Path jar) throws IOException {
		try (JarFile file = new JarFile(jar.toFile())) {
			List<JarEntry> binders = new ArrayList<>();
			file.stream()
				.filter((entry) -> entry.getName().matches("BOOT-INF/lib/spring-cloud-stream-binder-kafka-\\d.*\\.jar"))
				.forEach(binders::add);
			if (binders.size() != 1) {
				throw new IllegalStateException(jar + " holds " + binders.size() + " Kafka binders");
			}
			byte[] nested;
			try (InputStream in = file.getInputStream(binders.get(0))) {
				nested = in.readAllBytes();
			}
			try (JarInputStream binder = new JarInputStream(new ByteArrayInputStream(nested))) {
				for (JarEntry entry = binder.getNextJarEntry(); entry != null; entry = binder.getNextJarEntry()) {
					if (entry.getName().equals("META-INF/spring-configuration-metadata.json")) {
						return new String(binder.readAllBytes(), StandardCharsets.UTF_8);
					}
				}
			}
		}
		throw new IllegalStateException(jar + ": the Kafka binder has no configuration metadata");
	}

}
