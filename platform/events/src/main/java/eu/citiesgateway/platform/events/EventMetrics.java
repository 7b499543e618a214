package eu.citiesgateway.platform.events;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The event kit's Micrometer meters. Every meter also carries the {@code application} tag
 * that the platform sets from {@code spring.application.name}.
 * <ul>
 * <li>{@code events.published}, {@code events.consumed}, {@code events.duplicates},
 * {@code events.failed}: counters tagged with the CloudEvents {@code type}, registered at
 * 0 for every type the service publishes ({@code events.published}) and consumes (the
 * other three) as its topics' contracts declare them ({@link TopicContracts}), so that
 * the first event of a type is an increase a rule can see, not a series that
 * appears;</li>
 * <li>{@code events.rejected}: events refused because they did not come from the owner of
 * their topic, tagged with the {@code topic} (registered at 0 for every topic consumed;
 * never with the claimed type, which a stranger chooses);</li>
 * <li>{@code outbox.publish.latency}: time from the state change to the broker's
 * acknowledgement, tagged with the {@code topic};</li>
 * <li>{@code outbox.pending} and {@code outbox.oldest.age} gauges, registered by the
 * relay per collection;</li>
 * <li>{@code events.dead.letter.depth}: records waiting in each dead-letter topic of the
 * service, registered by {@link DeadLetterDepth}.</li>
 * </ul>
 */
public class EventMetrics {

	private final MeterRegistry registry;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private final Map<String, Timer> latencies = new ConcurrentHashMap<>();

	public EventMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Counts an event the broker acknowledged.
	 * @param type the CloudEvents type
	 * @param topic the topic
	 * @param sinceWrite time since the state change was stored
	 */
	public void published(String type, String topic, Duration sinceWrite) {
		publishedCounter(type).increment();
		this.latencies
			.computeIfAbsent(topic,
					(t) -> Timer.builder("outbox.publish.latency")
						.description("Time from the state change to the broker's acknowledgement of its event")
						.tag("topic", t)
						.publishPercentiles(0.5, 0.99)
						.publishPercentileHistogram()
						.register(this.registry))
			.record(sinceWrite);
	}

	/**
	 * Counts an event a consumer processed.
	 * @param type the CloudEvents type
	 */
	public void consumed(String type) {
		consumedCounter(type).increment();
	}

	/**
	 * Counts a redelivered event a consumer skipped.
	 * @param type the CloudEvents type
	 */
	public void duplicate(String type) {
		duplicatesCounter(type).increment();
	}

	/**
	 * Counts an event that failed after all retries and went to the dead-letter topic.
	 * @param type the CloudEvents type
	 */
	public void failed(String type) {
		failedCounter(type).increment();
	}

	/**
	 * Counts an event refused because it did not come from the owner of its topic, and
	 * sent to the dead-letter topic.
	 * @param topic the topic it was read from
	 */
	public void rejected(String topic) {
		rejectedCounter(topic).increment();
	}

	/**
	 * Shows the count of refused events of a topic, at 0 until one is.
	 * @param topic a topic consumed
	 */
	void registerRejected(String topic) {
		rejectedCounter(topic);
	}

	/**
	 * Shows the count of published events of a type, at 0 until one is.
	 * @param type a CloudEvents type the service publishes
	 */
	void registerPublished(String type) {
		publishedCounter(type);
	}

	/**
	 * Shows the counts of consumed, duplicate and failed events of a type, at 0 until one
	 * is.
	 * @param type a CloudEvents type the service consumes
	 */
	void registerConsumed(String type) {
		consumedCounter(type);
		duplicatesCounter(type);
		failedCounter(type);
	}

	/**
	 * The registry, for gauges.
	 * @return the meter registry
	 */
	public MeterRegistry registry() {
		return this.registry;
	}

	private Counter publishedCounter(String type) {
		return counter("events.published", type, "Events the broker acknowledged");
	}

	private Counter consumedCounter(String type) {
		return counter("events.consumed", type, "Events processed by a consumer");
	}

	private Counter duplicatesCounter(String type) {
		return counter("events.duplicates", type, "Redelivered events skipped by an idempotent consumer");
	}

	private Counter failedCounter(String type) {
		return counter("events.failed", type, "Events sent to a dead-letter topic after retries");
	}

	private Counter rejectedCounter(String topic) {
		return this.counters.computeIfAbsent("events.rejected " + topic,
				(key) -> Counter.builder("events.rejected")
					.description("Events refused because they did not come from the owner of their topic")
					.tag("topic", topic)
					.register(this.registry));
	}

	private Counter counter(String name, String type, String description) {
		return this.counters.computeIfAbsent(name + " " + type,
				(key) -> Counter.builder(name).description(description).tag("type", type).register(this.registry));
	}

}
