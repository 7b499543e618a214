package eu.citiesgateway.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Deployments of {@code infra/k8s} promise for production, read from the
 * manifests as Kustomize lists them: two replicas on two nodes that a disruption never
 * takes both of, a pod that runs as the image's own non-root user on a read-only root,
 * the actuator on a port of its own that only the monitoring namespace reaches, and
 * topics replicated three times. The schemas are checked by
 * {@code .ci/validate-manifests}; this checks that the settings are there, under their
 * right names.
 */
class KubernetesManifestsTests {

	private static final Path REPOSITORY = Path.of("../..").toAbsolutePath().normalize();

	private final Manifests manifests = load();

	@Test
	void eachServiceRunsTwoReplicasOnTwoNodesAndADisruptionTakesOneAtMost() {
		for (LocalService service : LocalService.ALL) {
			Map<String, Object> deployment = resource("Deployment", service.name());
			Map<String, Object> spec = map(deployment.get("spec"));
			Map<String, Object> labels = map(map(spec.get("selector")).get("matchLabels"));

			assertThat(spec.get("replicas")).as(service.name()).isEqualTo(2);
			assertThat(map(map(spec.get("strategy")).get("rollingUpdate"))).containsEntry("maxUnavailable", 0);
			assertThat(list(pod(service).get("topologySpreadConstraints"))).as(service.name())
				.map(KubernetesManifestsTests::map)
				.anySatisfy(
						(constraint) -> assertThat(constraint).containsEntry("topologyKey", "kubernetes.io/hostname")
							.containsEntry("whenUnsatisfiable", "DoNotSchedule")
							.containsEntry("maxSkew", 1)
							.containsEntry("labelSelector", Map.of("matchLabels", labels)));
			Map<String, Object> budget = map(resource("PodDisruptionBudget", service.name()).get("spec"));
			assertThat(budget).as(service.name())
				.containsEntry("maxUnavailable", 1)
				.containsEntry("selector", Map.of("matchLabels", labels));
		}
	}

	@Test
	void eachPodRunsAsTheImagesUserOnAReadOnlyRootWithoutPrivileges() {
		for (LocalService service : LocalService.ALL) {
			Map<String, Object> pod = pod(service);
			Map<String, Object> container = container(service);

			assertThat(map(pod.get("securityContext"))).as(service.name())
				.containsEntry("runAsNonRoot", true)
				.containsEntry("runAsUser", 1002)
				.containsEntry("runAsGroup", 1000)
				.containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
			assertThat(pod).containsEntry("automountServiceAccountToken", false)
				.containsEntry("enableServiceLinks", false);
			assertThat(map(container.get("securityContext"))).as(service.name())
				.containsEntry("readOnlyRootFilesystem", true)
				.containsEntry("allowPrivilegeEscalation", false)
				.containsEntry("capabilities", Map.of("drop", List.of("ALL")));
			String tmp = list(container.get("volumeMounts")).stream()
				.map(KubernetesManifestsTests::map)
				.filter((mount) -> "/tmp".equals(mount.get("mountPath")))
				.map((mount) -> (String) mount.get("name"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(service.name() + " mounts nothing at /tmp"));
			assertThat(list(pod.get("volumes"))).map(KubernetesManifestsTests::map)
				.anySatisfy((volume) -> assertThat(volume).containsEntry("name", tmp).containsKey("emptyDir"));
			Map<String, Object> resources = map(container.get("resources"));
			assertThat(map(resources.get("limits")).get("memory")).as("the memory the JVM is sized to")
				.isNotNull()
				.isEqualTo(map(resources.get("requests")).get("memory"));
		}
	}

	@Test
	void theActuatorHasAPortOfItsOwnThatOnlyTheMonitoringNamespaceReaches() {
		for (LocalService service : LocalService.ALL) {
			Map<String, Object> container = container(service);
			Object management = list(container.get("ports")).stream()
				.map(KubernetesManifestsTests::map)
				.filter((port) -> "management".equals(port.get("name")))
				.map((port) -> port.get("containerPort"))
				.findFirst()
				.orElseThrow(() -> new AssertionError(service.name() + " has no port named management"));
			assertThat(list(container.get("env"))).map(KubernetesManifestsTests::map)
				.contains(Map.of("name", "MANAGEMENT_SERVER_PORT", "value", String.valueOf(management)));
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				assertThat(map(map(container.get(probe)).get("httpGet"))).as(service.name() + " " + probe)
					.containsEntry("port", "management");
			}
			Map<String, Object> template = map(map(resource("Deployment", service.name()).get("spec")).get("template"));
			assertThat(map(map(template.get("metadata")).get("annotations"))).containsEntry("prometheus.io/port",
					String.valueOf(management));

			Map<String, Object> policy = map(resource("NetworkPolicy", service.name()).get("spec"));
			assertThat(list(policy.get("policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
			assertThat(list(policy.get("ingress"))).as(service.name())
				.map(KubernetesManifestsTests::map)
				.allSatisfy((rule) -> assertThat(rule).containsKeys("from", "ports"))
				.satisfiesExactlyInAnyOrder((api) -> assertThat(api).isEqualTo(rule("ingress-nginx", "http")),
						(actuator) -> assertThat(actuator).isEqualTo(rule("monitoring", "management")));
		}
	}

	@Test
	void theServicesDeclareTheirTopicsWithThreeReplicasTwoOfThemInSync() {
		assertThat(this.manifests.configMap("platform-config"))
			.containsEntry("PLATFORM_EVENTS_TOPICS_REPLICATIONFACTOR", "3")
			.containsEntry("PLATFORM_EVENTS_TOPICS_MININSYNCREPLICAS", "2");
		assertThat(this.manifests.ofKind("KafkaTopic")).as("one source of the topics' settings").isEmpty();
	}

	private static Map<String, Object> rule(String namespace, String port) {
		return Map.of("from",
				List.of(Map.of("namespaceSelector",
						Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", namespace)))),
				"ports", List.of(Map.of("protocol", "TCP", "port", port)));
	}

	private Map<String, Object> pod(LocalService service) {
		return map(map(map(resource("Deployment", service.name()).get("spec")).get("template")).get("spec"));
	}

	private Map<String, Object> container(LocalService service) {
		return map(list(pod(service).get("containers")).get(0));
	}

	private Map<String, Object> resource(String kind, String name) {
		return this.manifests.ofKind(kind)
			.stream()
			.filter((resource) -> name.equals(map(resource.get("metadata")).get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind + " " + name + " in infra/k8s"));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		return (value != null) ? (List<Object>) value : List.of();
	}

	private static Manifests load() {
		try {
			return Manifests.load(REPOSITORY.resolve("infra/k8s"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
