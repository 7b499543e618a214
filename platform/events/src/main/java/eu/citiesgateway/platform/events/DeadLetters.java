package eu.citiesgateway.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.util.MimeType;

/**
 * Dead letters: counts every record the binder sends to a dead-letter topic (as
 * {@code events.failed}, or {@code events.rejected} when it did not come from its topic's
 * owner), and replays them on request through the actuator endpoint {@code POST
 * /actuator/deadletters/{topic}}.
 * <p>
 * Only the service's own dead-letter topics can be replayed
 * ({@code error.<topic>.<group>} of its consumer bindings); any other name is answered
 * 400 without any Kafka client being asked about it, so no topic is ever created by a
 * replay. A replay hands the records to the consumer that failed them, in this service
 * ({@link DeadLetterReplay}): other consumer groups of the original topic do not see them
 * again. Answers that are not a replay's outcome are RFC 9457 problem details.
 */
@Endpoint(id = "deadletters")
public class DeadLetters implements DlqPartitionFunction {

	private static final MimeType PROBLEM = MimeType.valueOf("application/problem+json");

	/** Longest topic name Kafka allows, and so the longest shown back. */
	private static final int MAX_TOPIC = 249;

	private final EventMetrics metrics;

	private final ConsumerBindings bindings;

	private final TopicDeclarations declarations;

	private final DeadLetterReplay replay;

	DeadLetters(EventMetrics metrics, ConsumerBindings bindings, TopicDeclarations declarations,
			DeadLetterReplay replay) {
		this.metrics = metrics;
		this.bindings = bindings;
		this.declarations = declarations;
		this.replay = replay;
	}

	@Override
	public Integer apply(String group, ConsumerRecord<?, ?> record, Throwable cause) {
		if (untrusted(cause)) {
			this.metrics.rejected(record.topic());
		}
		else {
			Header type = record.headers().lastHeader(CloudEventMessages.TYPE);
			this.metrics.failed((type != null) ? new String(type.value(), StandardCharsets.UTF_8) : "unknown");
		}
		String deadLetterTopic = this.bindings.all()
			.stream()
			.filter((c) -> c.topic().equals(record.topic()) && group.equals(c.group()))
			.map(ConsumerBindings.Consumed::deadLetterTopic)
			.findFirst()
			.orElse("error." + record.topic() + "." + group);
		return this.declarations.deadLetterPartition(deadLetterTopic, record.partition());
	}

	/**
	 * Hands the records waiting in one of this service's dead-letter topics to the
	 * consumer that failed them.
	 * @param topic the dead-letter topic, for example
	 * {@code error.registry.cities.v1.matching-service}
	 * @return how many records were replayed, refused as not from the topic's owner, and
	 * failed again; or a problem: 400 for a topic that is not one of this service's
	 * dead-letter topics, 409 while another replay of it runs, 503 if it could not finish
	 */
	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> replay(@Selector String topic) {
		Optional<ConsumerBindings.Consumed> consumed = this.bindings.ofDeadLetterTopic(topic);
		if (consumed.isEmpty()) {
			Map<String, Object> problem = problem(WebEndpointResponse.STATUS_BAD_REQUEST,
					"Not a dead-letter topic of this service",
					Printable.of(topic, MAX_TOPIC) + " is not a dead-letter topic of this service; it can replay "
							+ ((this.bindings.deadLetterTopics().isEmpty()) ? "none"
									: String.join(", ", this.bindings.deadLetterTopics().keySet())));
			problem.put("topic", topic.substring(0, Math.min(MAX_TOPIC, topic.length())));
			problem.put("deadLetterTopics", List.copyOf(this.bindings.deadLetterTopics().keySet()));
			return new WebEndpointResponse<>(problem, WebEndpointResponse.STATUS_BAD_REQUEST, PROBLEM);
		}
		try {
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("topic", topic);
			answer.put("consumer", consumed.get().binding());
			answer.put("group", consumed.get().group());
			answer.putAll(this.replay.run(consumed.get()).toMap());
			return new WebEndpointResponse<>(answer, WebEndpointResponse.STATUS_OK);
		}
		catch (DeadLetterReplay.InProgress ex) {
			Map<String, Object> problem = problem(409, "Replay in progress", "A replay of " + topic
					+ " is running, on this or another instance; try again once it has finished");
			problem.put("topic", topic);
			return new WebEndpointResponse<>(problem, 409, PROBLEM);
		}
		catch (DeadLetterReplay.Interrupted ex) {
			Map<String, Object> problem = problem(WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, "Replay interrupted",
					ex.getMessage() + ((ex.getCause() != null) ? ": " + ex.getCause().getMessage() : "")
							+ ". What was committed stays done; the other records are replayed next time.");
			problem.put("topic", topic);
			if (ex.outcome() != null) {
				problem.putAll(ex.outcome().toMap());
			}
			return new WebEndpointResponse<>(problem, WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, PROBLEM);
		}
	}

	private static Map<String, Object> problem(int status, String title, String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", status);
		problem.put("detail", detail);
		return problem;
	}

	private static boolean untrusted(Throwable cause) {
		for (Throwable current = cause; current != null; current = current.getCause()) {
			if (current instanceof UntrustedEventException) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
		}
		return false;
	}

}
