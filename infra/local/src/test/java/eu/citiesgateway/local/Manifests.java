package eu.citiesgateway.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes manifests of {@code infra/k8s}, the resources of its kustomization, read
 * as the cluster would use them: the Strimzi {@code KafkaUser}s as the ACLs the User
 * Operator would give the broker, and a Deployment's environment as the kubelet would
 * make it.
 */
final class Manifests {

	private final List<Map<String, Object>> documents;

	private Manifests(List<Map<String, Object>> documents) {
		this.documents = documents;
	}

	static Manifests load(Path directory) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		Map<String, Object> kustomization = documents(directory.resolve("kustomization.yaml")).get(0);
		for (Object resource : list(kustomization.get("resources"))) {
			documents.addAll(documents(directory.resolve((String) resource)));
		}
		return new Manifests(documents);
	}

	/**
	 * The {@code KafkaUser}s.
	 * @return them, in the order of the manifests
	 */
	List<KafkaUser> kafkaUsers() {
		List<KafkaUser> users = new ArrayList<>();
		for (Map<String, Object> user : ofKind("KafkaUser")) {
			Map<String, Object> metadata = map(user.get("metadata"));
			Map<String, Object> spec = map(user.get("spec"));
			String name = (String) metadata.get("name");
			String authentication = (String) map(spec.get("authentication")).get("type");
			Map<String, Object> authorization = map(spec.get("authorization"));
			List<AclBinding> acls = new ArrayList<>();
			if ("simple".equals(authorization.get("type"))) {
				for (Object rule : list(authorization.get("acls"))) {
					acls.addAll(acls(name, map(rule)));
				}
			}
			users.add(new KafkaUser(name, (String) map(metadata.get("labels")).get("strimzi.io/cluster"),
					authentication, acls));
		}
		return users;
	}

	/**
	 * A ConfigMap's data.
	 * @param name its name
	 * @return its entries
	 */
	Map<String, String> configMap(String name) {
		Map<String, String> data = new LinkedHashMap<>();
		map(named("ConfigMap", name).get("data")).forEach((key, value) -> data.put(key, String.valueOf(value)));
		return data;
	}

	/**
	 * A Secret's {@code stringData}, the placeholders shipped.
	 * @param name its name
	 * @return its entries
	 */
	Map<String, String> secret(String name) {
		Map<String, String> data = new LinkedHashMap<>();
		map(named("Secret", name).get("stringData")).forEach((key, value) -> data.put(key, String.valueOf(value)));
		return data;
	}

	/**
	 * The environment of a Deployment's container as the kubelet makes it: its
	 * {@code envFrom} ConfigMaps, then its {@code env}, values from Secrets taken from
	 * the secrets given. The Secret volumes it mounts are written as files to a folder of
	 * their own, and every value naming a mount path names that folder instead. Values
	 * holding a shipped address hold the test's instead.
	 * @param deployment the Deployment's name; its first container is read
	 * @param secrets the Secrets the test has, by name, each by key
	 * @param volumes where to write the mounted Secrets
	 * @param addresses the test's address for each shipped one
	 * @return the container's environment, by variable
	 * @throws IOException if a mounted Secret cannot be written
	 * @throws IllegalStateException if the Deployment uses a Secret or key the test lacks
	 */
	Map<String, String> environment(String deployment, Map<String, Map<String, String>> secrets, Path volumes,
			Map<String, String> addresses) throws IOException {
		Map<String, Object> pod = map(
				map(map(named("Deployment", deployment).get("spec")).get("template")).get("spec"));
		Map<String, Object> container = map(list(pod.get("containers")).get(0));
		Map<String, String> environment = new LinkedHashMap<>();
		for (Object source : list(container.get("envFrom"))) {
			Map<String, Object> from = map(source);
			if (from.containsKey("configMapRef")) {
				environment.putAll(configMap((String) map(from.get("configMapRef")).get("name")));
			}
			else {
				environment.putAll(secret(secrets, (String) map(from.get("secretRef")).get("name")));
			}
		}
		for (Object variable : list(container.get("env"))) {
			Map<String, Object> entry = map(variable);
			environment.put((String) entry.get("name"), value(entry, secrets));
		}
		Map<String, String> mounts = mount(pod, container, secrets, volumes.resolve(deployment));
		environment.replaceAll((name, value) -> {
			String replaced = value;
			for (Map.Entry<String, String> address : addresses.entrySet()) {
				replaced = replaced.replace(address.getKey(), address.getValue());
			}
			for (Map.Entry<String, String> mount : mounts.entrySet()) {
				replaced = replaced.replace(mount.getKey() + "/", mount.getValue() + "/");
			}
			return replaced;
		});
		return environment;
	}

	/**
	 * The path an HTTP probe of a Deployment's first container asks.
	 * @param deployment the Deployment's name
	 * @param probe {@code readinessProbe}, {@code livenessProbe} or {@code startupProbe}
	 * @return the path of its {@code httpGet}
	 * @throws IllegalStateException if the container has no such HTTP probe
	 */
	String probePath(String deployment, String probe) {
		Map<String, Object> pod = map(
				map(map(named("Deployment", deployment).get("spec")).get("template")).get("spec"));
		Object path = map(map(map(list(pod.get("containers")).get(0)).get(probe)).get("httpGet")).get("path");
		if (path == null) {
			throw new IllegalStateException(deployment + " has no HTTP " + probe);
		}
		return (String) path;
	}

	private String value(Map<String, Object> entry, Map<String, Map<String, String>> secrets) {
		if (entry.containsKey("value")) {
			return String.valueOf(entry.get("value"));
		}
		Map<String, Object> from = map(entry.get("valueFrom"));
		if (from.containsKey("secretKeyRef")) {
			Map<String, Object> reference = map(from.get("secretKeyRef"));
			return key(secret(secrets, (String) reference.get("name")), (String) reference.get("name"),
					(String) reference.get("key"));
		}
		Map<String, Object> reference = map(from.get("configMapKeyRef"));
		return key(configMap((String) reference.get("name")), (String) reference.get("name"),
				(String) reference.get("key"));
	}

	private Map<String, String> mount(Map<String, Object> pod, Map<String, Object> container,
			Map<String, Map<String, String>> secrets, Path folder) throws IOException {
		Map<String, Map<String, Object>> volumes = new LinkedHashMap<>();
		for (Object volume : list(pod.get("volumes"))) {
			volumes.put((String) map(volume).get("name"), map(volume));
		}
		Map<String, String> mounts = new LinkedHashMap<>();
		for (Object entry : list(container.get("volumeMounts"))) {
			Map<String, Object> mount = map(entry);
			Map<String, Object> volume = map(volumes.get((String) mount.get("name")));
			if (volume.containsKey("emptyDir")) {
				// a writable folder of the pod's own (/tmp under a read-only root)
				Path directory = Files.createDirectories(folder.resolve((String) mount.get("name")));
				mounts.put((String) mount.get("mountPath"), directory.toString());
				continue;
			}
			if (!volume.containsKey("secret")) {
				throw new IllegalStateException("The test mounts Secret and emptyDir volumes only, not " + volume);
			}
			String secretName = (String) map(volume.get("secret")).get("secretName");
			Map<String, String> secret = secret(secrets, secretName);
			Map<String, String> files = new LinkedHashMap<>();
			List<Object> items = list(map(volume.get("secret")).get("items"));
			if (items.isEmpty()) {
				files.putAll(secret);
			}
			for (Object item : items) {
				Map<String, Object> file = map(item);
				files.put((String) file.get("path"), key(secret, secretName, (String) file.get("key")));
			}
			Path directory = folder.resolve((String) mount.get("name"));
			Files.createDirectories(directory);
			for (Map.Entry<String, String> file : files.entrySet()) {
				Files.writeString(directory.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
			}
			mounts.put((String) mount.get("mountPath"), directory.toString());
		}
		return mounts;
	}

	private static Map<String, String> secret(Map<String, Map<String, String>> secrets, String name) {
		Map<String, String> secret = secrets.get(name);
		if (secret == null) {
			throw new IllegalStateException("The test has no Secret " + name + "; give it one");
		}
		return secret;
	}

	private static String key(Map<String, String> source, String name, String key) {
		String value = source.get(key);
		if (value == null) {
			throw new IllegalStateException(name + " has no key " + key);
		}
		return value;
	}

	private static List<AclBinding> acls(String user, Map<String, Object> rule) {
		Map<String, Object> resource = map(rule.get("resource"));
		ResourceType type = switch ((String) resource.get("type")) {
			case "topic" -> ResourceType.TOPIC;
			case "group" -> ResourceType.GROUP;
			case "cluster" -> ResourceType.CLUSTER;
			case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
			default -> throw new IllegalStateException("Unknown resource type in " + rule);
		};
		String name = (type != ResourceType.CLUSTER) ? (String) resource.get("name") : "kafka-cluster";
		PatternType pattern = "prefix".equals(resource.get("patternType")) ? PatternType.PREFIXED : PatternType.LITERAL;
		AclPermissionType permission = "deny".equals(rule.get("type")) ? AclPermissionType.DENY
				: AclPermissionType.ALLOW;
		String host = (rule.get("host") != null) ? (String) rule.get("host") : "*";
		List<AclBinding> bindings = new ArrayList<>();
		for (Object operation : list(rule.get("operations"))) {
			bindings.add(new AclBinding(new ResourcePattern(type, name, pattern),
					new AccessControlEntry("User:" + user, host, operation((String) operation), permission)));
		}
		return bindings;
	}

	/** Strimzi's operation names ({@code DescribeConfigs}) as Kafka's. */
	private static AclOperation operation(String name) {
		return AclOperation.valueOf(name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT));
	}

	/**
	 * The resources of a kind, as read.
	 * @param kind their {@code kind}
	 * @return them, in the order of the manifests
	 */
	List<Map<String, Object>> ofKind(String kind) {
		return this.documents.stream().filter((document) -> kind.equals(document.get("kind"))).toList();
	}

	private Map<String, Object> named(String kind, String name) {
		return ofKind(kind).stream()
			.filter((document) -> name.equals(map(document.get("metadata")).get("name")))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("No " + kind + " " + name + " in infra/k8s"));
	}

	private static List<Map<String, Object>> documents(Path file) throws IOException {
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
				if (document != null) {
					documents.add(map(document));
				}
			}
		}
		return documents;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value != null) ? (List<Object>) value : List.of();
	}

	/**
	 * A Strimzi {@code KafkaUser}: the principal {@code User:<name>}.
	 *
	 * @param name its name, the user name of its credentials and of its Secret
	 * @param cluster the Kafka cluster it belongs to ({@code strimzi.io/cluster})
	 * @param authentication how it authenticates ({@code scram-sha-512})
	 * @param acls the ACLs it has, as Kafka's bindings
	 */
	record KafkaUser(String name, String cluster, String authentication, List<AclBinding> acls) {

		String principal() {
			return "User:" + this.name;
		}

	}

}
