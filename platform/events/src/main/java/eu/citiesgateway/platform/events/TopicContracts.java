package eu.citiesgateway.platform.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * The CloudEvents types each topic carries, as the AsyncAPI documents of
 * {@code platform-contracts} declare them ({@code contracts/<service>/asyncapi.yaml} on
 * the classpath): per channel address, the {@code ce_type} values its messages' headers
 * allow.
 * <p>
 * The contracts are where the types of a topic are written down once, for its producer
 * and every consumer alike: a consumer's handlers only switch on the types they use, and
 * a producer's event records are raised by code no configuration lists. So the kit reads
 * them to register the event counters of every type a service publishes and consumes
 * before the first event, which is what lets an {@code increase()} see the first one.
 */
public final class TopicContracts {

	/** Where the AsyncAPI documents are. */
	static final String LOCATION = "classpath*:contracts/*/asyncapi.yaml";

	private final Map<String, Set<String>> types;

	TopicContracts(Map<String, Set<String>> types) {
		Map<String, Set<String>> copy = new TreeMap<>();
		types.forEach((topic, of) -> copy.put(topic, Set.copyOf(of)));
		this.types = Map.copyOf(copy);
	}

	/**
	 * Reads every AsyncAPI document of the classpath.
	 * @return the types of each topic the documents describe
	 */
	public static TopicContracts onClasspath() {
		return read(new PathMatchingResourcePatternResolver(TopicContracts.class.getClassLoader()));
	}

	static TopicContracts read(ResourcePatternResolver resolver) {
		Map<String, Set<String>> types = new TreeMap<>();
		try {
			for (Resource document : resolver.getResources(LOCATION)) {
				try (InputStream in = document.getInputStream()) {
					Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
					if (root instanceof Map<?, ?> asyncApi) {
						channelTypes(asyncApi)
							.forEach((topic, of) -> types.computeIfAbsent(topic, (t) -> new TreeSet<>()).addAll(of));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The AsyncAPI documents of the classpath could not be read", ex);
		}
		return new TopicContracts(types);
	}

	/**
	 * The types of some topics.
	 * @param topics topic names
	 * @return the types their contracts declare, sorted; none for a topic without one
	 */
	public Set<String> typesOf(Collection<String> topics) {
		Set<String> of = new TreeSet<>();
		topics.forEach((topic) -> of.addAll(this.types.getOrDefault(topic, Set.of())));
		return of;
	}

	/**
	 * Whether a topic has a contract.
	 * @param topic a topic name
	 * @return whether an AsyncAPI document describes it
	 */
	public boolean describes(String topic) {
		return this.types.containsKey(topic);
	}

	/** Per channel address, the {@code ce_type} values of its messages. */
	private static Map<String, Set<String>> channelTypes(Map<?, ?> document) {
		Map<String, Set<String>> types = new LinkedHashMap<>();
		if (!(document.get("channels") instanceof Map<?, ?> channels)) {
			return types;
		}
		for (Object value : channels.values()) {
			Map<?, ?> channel = resolve(document, value);
			if (channel == null || !(channel.get("address") instanceof String address)) {
				continue;
			}
			Set<String> of = types.computeIfAbsent(address, (a) -> new TreeSet<>());
			if (channel.get("messages") instanceof Map<?, ?> messages) {
				messages.forEach((key, message) -> of.addAll(messageTypes(document, String.valueOf(key), message)));
			}
		}
		return types;
	}

	/**
	 * The types a message's headers allow: those named for the message when its headers
	 * schema, shared by a channel, lists the types of all its messages.
	 */
	private static Set<String> messageTypes(Map<?, ?> document, String key, Object value) {
		Map<?, ?> message = resolve(document, value);
		if (message == null) {
			return Set.of();
		}
		Map<?, ?> headers = resolve(document, message.get("headers"));
		Map<?, ?> properties = (headers != null) ? resolve(document, headers.get("properties")) : null;
		Map<?, ?> ceType = (properties != null) ? resolve(document, properties.get("ce_type")) : null;
		if (ceType == null) {
			return Set.of();
		}
		Set<String> allowed = new TreeSet<>();
		if (ceType.get("const") instanceof String constant) {
			allowed.add(constant);
		}
		if (ceType.get("enum") instanceof List<?> values) {
			values.forEach((type) -> allowed.add(String.valueOf(type)));
		}
		String name = (message.get("name") instanceof String n) ? n : key;
		Set<String> named = new TreeSet<>();
		allowed.stream().filter((type) -> type.matches(".*\\." + name + "\\.v\\d+")).forEach(named::add);
		return named.isEmpty() ? allowed : named;
	}

	/** A node, or the node its {@code $ref} points to within the document. */
	private static @Nullable Map<?, ?> resolve(Map<?, ?> document, @Nullable Object node) {
		if (!(node instanceof Map<?, ?> map)) {
			return null;
		}
		if (!(map.get("$ref") instanceof String ref)) {
			return map;
		}
		if (!ref.startsWith("#/")) {
			return null;
		}
		Object current = document;
		for (String part : ref.substring(2).split("/")) {
			if (!(current instanceof Map<?, ?> parent)) {
				return null;
			}
			current = parent.get(part.replace("~1", "/").replace("~0", "~"));
		}
		return resolve(document, current);
	}

}
