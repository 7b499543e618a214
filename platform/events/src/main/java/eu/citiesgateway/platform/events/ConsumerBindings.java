package eu.citiesgateway.platform.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The Kafka consumer bindings of a service, as its configuration declares them
 * ({@code spring.cloud.stream.bindings.<function>-in-<n>}): the topics it consumes, its
 * group, and the dead-letter topic of each topic and group.
 */
public final class ConsumerBindings {

	private static final Pattern INPUT = Pattern.compile(".+-in-\\d+");

	private final List<Consumed> consumed;

	private ConsumerBindings(List<Consumed> consumed) {
		this.consumed = List.copyOf(consumed);
	}

	/**
	 * Reads the consumer bindings from the configuration.
	 * @param environment the environment
	 * @return the bindings
	 */
	public static ConsumerBindings of(Environment environment) {
		Binder binder = Binder.get(environment);
		Map<String, Destination> bindings = binder
			.bind("spring.cloud.stream.bindings", Bindable.mapOf(String.class, Destination.class))
			.orElse(Map.of());
		Map<String, KafkaBinding> kafkaBindings = binder
			.bind("spring.cloud.stream.kafka.bindings", Bindable.mapOf(String.class, KafkaBinding.class))
			.orElse(Map.of());
		boolean dlqByDefault = binder.bind("spring.cloud.stream.kafka.default.consumer.enable-dlq", Boolean.class)
			.orElse(false);
		List<Consumed> consumed = new ArrayList<>();
		new TreeMap<>(bindings).forEach((binding, destination) -> {
			if (!INPUT.matcher(binding).matches() || !StringUtils.hasText(destination.destination())) {
				return;
			}
			KafkaBinding.Consumer kafka = Optional.ofNullable(kafkaBindings.get(binding))
				.map(KafkaBinding::consumer)
				.orElse(new KafkaBinding.Consumer(null, null));
			boolean dlq = (kafka.enableDlq() != null) ? kafka.enableDlq() : dlqByDefault;
			String dlqName = kafka.dlqName();
			String group = StringUtils.hasText(destination.group()) ? destination.group() : null;
			for (String topic : StringUtils.commaDelimitedListToStringArray(destination.destination())) {
				String name = topic.trim();
				String deadLetters = (dlq && group != null)
						? (StringUtils.hasText(dlqName) ? dlqName : "error." + name + "." + group) : null;
				consumed.add(new Consumed(binding, name, group, deadLetters));
			}
		});
		return new ConsumerBindings(consumed);
	}

	/**
	 * Every topic consumed, with its binding, group and dead-letter topic.
	 * @return the consumed topics, in binding order
	 */
	public List<Consumed> all() {
		return this.consumed;
	}

	/**
	 * The topics consumed.
	 * @return their names, sorted
	 */
	public Set<String> topics() {
		Set<String> topics = new TreeSet<>();
		this.consumed.forEach((c) -> topics.add(c.topic()));
		return topics;
	}

	/**
	 * The dead-letter topics of this service's groups.
	 * @return per dead-letter topic, the consumption it holds the failures of
	 */
	public Map<String, Consumed> deadLetterTopics() {
		Map<String, Consumed> topics = new LinkedHashMap<>();
		for (Consumed c : this.consumed) {
			if (c.deadLetterTopic() != null) {
				topics.put(c.deadLetterTopic(), c);
			}
		}
		return topics;
	}

	/**
	 * The consumption a dead-letter topic belongs to.
	 * @param deadLetterTopic a topic name
	 * @return the consumption, if it is one of this service's dead-letter topics
	 */
	public Optional<Consumed> ofDeadLetterTopic(String deadLetterTopic) {
		return Optional.ofNullable(deadLetterTopics().get(deadLetterTopic));
	}

	/**
	 * One topic consumed by one binding.
	 *
	 * @param binding the binding, e.g. {@code registryCities-in-0}, also the name of its
	 * input channel
	 * @param topic the topic
	 * @param group the consumer group, {@code null} for an anonymous consumer
	 * @param deadLetterTopic where failed records go, {@code null} without one
	 */
	public record Consumed(String binding, String topic, @Nullable String group, @Nullable String deadLetterTopic) {
	}

	/**
	 * The part of a binding's configuration read here.
	 *
	 * @param destination the topic, or topics separated by commas
	 * @param group the consumer group
	 */
	record Destination(@Nullable String destination, @Nullable String group) {
	}

	/**
	 * The part of a binding's Kafka configuration read here.
	 *
	 * @param consumer the consumer's settings
	 */
	record KafkaBinding(@Nullable Consumer consumer) {

		/**
		 * The dead-letter settings of a consumer.
		 *
		 * @param enableDlq whether failed records go to a dead-letter topic
		 * @param dlqName the dead-letter topic, if not the usual one
		 */
		record Consumer(@Nullable Boolean enableDlq, @Nullable String dlqName) {
		}

	}

}
