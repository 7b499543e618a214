package eu.citiesgateway.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code KafkaUser}s of {@code infra/k8s} against what the services do: each
 * service's principal has exactly the ACLs its {@code application.yml} and its
 * {@code @PublishesTo} aggregates call for, only a topic's owner may write to it, and
 * each Deployment authenticates as its own principal over TLS.
 */
class KafkaUsersTests {

	private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

	private static final Pattern PUBLISHES_TO = Pattern.compile("@PublishesTo\\(\"([^\"]+)\"\\)");

	private static final String CLUSTER = "cities-gateway";

	private final Manifests manifests = load();

	@TempDir
	Path volumes;

	@Test
	void eachServiceHasAPrincipalWithExactlyTheAclsItsSettingsCallFor() throws IOException {
		Map<String, Manifests.KafkaUser> users = users();

		assertThat(users.keySet())
			.containsExactlyInAnyOrderElementsOf(LocalService.ALL.stream().map(LocalService::name).toList());
		for (LocalService service : LocalService.ALL) {
			Manifests.KafkaUser user = users.get(service.name());
			assertThat(user.authentication()).isEqualTo("scram-sha-512");
			assertThat(user.cluster()).isEqualTo(CLUSTER);
			assertThat(user.acls()).as(service.name())
				.containsExactlyInAnyOrderElementsOf(expectedAcls(ServiceSettings.of(service)));
		}
	}

	@Test
	void onlyTheOwnerOfATopicMayWriteToIt() throws IOException {
		Map<String, String> owners = new HashMap<>();
		for (LocalService service : LocalService.ALL) {
			ServiceSettings settings = ServiceSettings.of(service);
			settings.published().forEach((topic) -> owners.put(topic, settings.application()));
			settings.owners().forEach((topic, source) -> assertThat(source).isEqualTo("/" + owners.get(topic)));
		}

		owners.forEach((topic, owner) -> assertThat(writersOf(topic)).as(topic).containsExactly(owner));
	}

	@Test
	void eachDeploymentAuthenticatesAsItsOwnPrincipalOverTlsTrustingTheClusterCa() throws IOException {
		Map<String, String> config = this.manifests.configMap("platform-config");
		String brokers = config.get("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS");
		assertThat(brokers).startsWith(CLUSTER + "-kafka-bootstrap");
		Map<String, Map<String, String>> secrets = new HashMap<>();
		secrets.put("platform-secrets", this.manifests.secret("platform-secrets"));
		secrets.put(CLUSTER + "-cluster-ca-cert", Map.of("ca.crt", "the cluster CA"));
		secrets.put("mongodb-ca", Map.of("ca.crt", "the MongoDB CA"));
		for (LocalService service : LocalService.ALL) {
			secrets.put(service.name(), Map.of("sasl.jaas.config", "the credentials of " + service.name()));
		}

		for (LocalService service : LocalService.ALL) {
			Map<String, String> environment = this.manifests.environment(service.name(), secrets, this.volumes,
					Map.of());
			String prefix = "SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_";
			assertThat(environment).as(service.name())
				.containsEntry(prefix + "SECURITY_PROTOCOL", "SASL_SSL")
				.containsEntry(prefix + "SASL_MECHANISM", "SCRAM-SHA-512")
				.containsEntry(prefix + "SASL_JAAS_CONFIG", "the credentials of " + service.name())
				.containsEntry(prefix + "SSL_TRUSTSTORE_TYPE", "PEM")
				.containsEntry("SPRING_CLOUD_STREAM_KAFKA_BINDER_BROKERS", brokers)
				.containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", brokers)
				.doesNotContainKey(prefix + "SSL_ENDPOINT_IDENTIFICATION_ALGORITHM");
			assertThat(Path.of(environment.get(prefix + "SSL_TRUSTSTORE_LOCATION"))).hasContent("the cluster CA");
			assertThat(Path.of(environment.get("SPRING_SSL_BUNDLE_PEM_MONGODB_TRUSTSTORE_CERTIFICATE")
				.substring("file:".length()))).hasContent("the MongoDB CA");
			assertThat(environment.get("SPRING_MONGODB_URI")).contains("tls=true");
		}
	}

	private static List<AclBinding> expectedAcls(ServiceSettings service) {
		List<AclBinding> acls = new ArrayList<>();
		for (String topic : service.published()) {
			acls.addAll(acls(service, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.CREATE,
					AclOperation.DESCRIBE, AclOperation.WRITE));
		}
		service.consumed().forEach((topic, group) -> {
			acls.addAll(acls(service, ResourceType.TOPIC, "error." + topic + "." + group, PatternType.LITERAL,
					AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.READ, AclOperation.WRITE));
			acls.addAll(acls(service, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.DESCRIBE,
					AclOperation.READ));
		});
		if (!service.consumed().isEmpty()) {
			// its groups and <application>.deadletter-replay
			assertThat(service.consumed().values()).allMatch((group) -> group.startsWith(service.application()));
			acls.addAll(
					acls(service, ResourceType.GROUP, service.application(), PatternType.PREFIXED, AclOperation.READ));
		}
		return acls;
	}

	private static List<AclBinding> acls(ServiceSettings service, ResourceType type, String name, PatternType pattern,
			AclOperation... operations) {
		return Stream.of(operations)
			.map((operation) -> new AclBinding(new ResourcePattern(type, name, pattern),
					new AccessControlEntry("User:" + service.application(), "*", operation, AclPermissionType.ALLOW)))
			.toList();
	}

	private Set<String> writersOf(String topic) {
		Set<String> writers = new TreeSet<>();
		for (Manifests.KafkaUser user : this.manifests.kafkaUsers()) {
			for (AclBinding acl : user.acls()) {
				ResourcePattern resource = acl.pattern();
				boolean matches = resource.resourceType() == ResourceType.TOPIC
						&& ((resource.patternType() == PatternType.LITERAL
								&& (resource.name().equals(topic) || resource.name().equals("*")))
								|| (resource.patternType() == PatternType.PREFIXED
										&& topic.startsWith(resource.name())));
				AclOperation operation = acl.entry().operation();
				if (matches && acl.entry().permissionType() == AclPermissionType.ALLOW
						&& (operation == AclOperation.WRITE || operation == AclOperation.ALL)) {
					writers.add(user.name());
				}
			}
		}
		return writers;
	}

	private Map<String, Manifests.KafkaUser> users() {
		Map<String, Manifests.KafkaUser> users = new LinkedHashMap<>();
		this.manifests.kafkaUsers().forEach((user) -> users.put(user.name(), user));
		return users;
	}

	private static Manifests load() {
		try {
			return Manifests.load(REPOSITORY.resolve("infra/k8s"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What a service's code and {@code application.yml} say about its topics.
	 *
	 * @param application its {@code spring.application.name}
	 * @param published the topics its aggregates publish to ({@code @PublishesTo})
	 * @param consumed the topics its bindings consume, each with its group
	 * @param owners the owner's source of each topic it consumes
	 * ({@code platform.events.owners})
	 */
	record ServiceSettings(String application, Set<String> published, Map<String, String> consumed,
			Map<String, String> owners) {

		static ServiceSettings of(LocalService service) throws IOException {
			Path module = REPOSITORY.resolve(service.module());
			Map<String, Object> yaml;
			try (Reader reader = Files.newBufferedReader(module.resolve("src/main/resources/application.yml"),
					StandardCharsets.UTF_8)) {
				yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
			}
			String application = (String) get(yaml, "spring", "application", "name");
			Map<String, String> consumed = new LinkedHashMap<>();
			Map<String, Object> bindings = map(get(yaml, "spring", "cloud", "stream", "bindings"));
			for (Object binding : bindings.values()) {
				consumed.put((String) map(binding).get("destination"), (String) map(binding).get("group"));
			}
			Map<String, String> owners = new LinkedHashMap<>();
			map(get(yaml, "platform", "events", "owners"))
				.forEach((topic, source) -> owners.put(topic.replaceAll("^\\[|]$", ""), (String) source));
			Set<String> published = new LinkedHashSet<>();
			try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
				for (Path source : sources.filter((path) -> path.toString().endsWith(".java")).toList()) {
					Matcher publishes = PUBLISHES_TO.matcher(Files.readString(source, StandardCharsets.UTF_8));
					while (publishes.find()) {
						published.add(publishes.group(1));
					}
				}
			}
			assertThat(published).as("the topics %s publishes", application).isNotEmpty();
			return new ServiceSettings(application, published, consumed, owners);
		}

		private static Object get(Map<String, Object> yaml, String... path) {
			Object value = yaml;
			for (String key : path) {
				value = map(value).get(key);
			}
			return value;
		}

		@SuppressWarnings("unchecked")
		private static Map<String, Object> map(Object value) {
			return (value != null) ? (Map<String, Object>) value : Map.of();
		}

	}

}
