package eu.citiesgateway.newsletter.delivery;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import eu.citiesgateway.platform.events.CountGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The metrics of deliveries. Neither names a subscriber nor an address.
 * <ul>
 * <li>{@code newsletter.deliveries}: a counter of the outcomes this instance recorded,
 * tagged {@code outcome}: {@code sent} (the SMTP server accepted the mail),
 * {@code bounced} (the receiving side refused the address), {@code failed} (refused for
 * another reason, or temporary failures until the last attempt), {@code in_doubt} (the
 * transaction ended without showing whether the server took the mail: never sent again);
 * every outcome at 0 from the start;</li>
 * <li>{@code newsletter.issue.deliveries}: a gauge of the deliveries of each issue still
 * being delivered (published, planned, not all deliveries final) and of the one most
 * recently delivered, tagged {@code issue} (the issue id) and {@code status} (the
 * statuses of {@link Delivery.Status} in lower case, each at 0 too). Few issues go out at
 * once, so the series stay few; an issue's series go when a later issue is delivered.
 * Counted from the store ({@link CountGauges}), so every instance shows every issue: take
 * the {@code max} across instances.</li>
 * </ul>
 */
@Component
class DeliveryMetrics {

	/** An outcome of one delivery's attempt. */
	enum Outcome {

		SENT, BOUNCED, FAILED, IN_DOUBT

	}

	private final Map<Outcome, Counter> outcomes = new EnumMap<>(Outcome.class);

	private final CountGauges.Counts issues;

	DeliveryMetrics(MeterRegistry registry, CountGauges gauges, MongoTemplate mongo) {
		for (Outcome outcome : Outcome.values()) {
			this.outcomes.put(outcome,
					Counter.builder("newsletter.deliveries")
						.description("Outcomes of deliveries: mails sent, bounced, failed or in doubt")
						.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
						.register(registry));
		}
		this.issues = gauges.register("newsletter.issue.deliveries",
				"Deliveries of the issues being delivered and of the last one delivered, by status", List.of(),
				() -> byIssueAndStatus(mongo));
	}

	void recorded(Outcome outcome, int deliveries) {
		this.outcomes.get(outcome).increment(deliveries);
	}

	/** Has the issues' deliveries counted again, after a run changed them. */
	void changed() {
		this.issues.countLater();
	}

	private static Map<Tags, Long> byIssueAndStatus(MongoTemplate mongo) {
		List<Object> shown = new ArrayList<>();
		Query going = Query
			.query(Criteria.where("status").is("PUBLISHED").and("planned").is(true).and("deliveredAt").is(null));
		going.fields().include("_id");
		mongo.find(going, Document.class, "issues").forEach((issue) -> shown.add(issue.get("_id")));
		Query last = Query.query(Criteria.where("deliveredAt").ne(null))
			.with(Sort.by(Sort.Direction.DESC, "deliveredAt"))
			.limit(1);
		last.fields().include("_id");
		Document delivered = mongo.findOne(last, Document.class, "issues");
		if (delivered != null) {
			shown.add(delivered.get("_id"));
		}
		Map<Tags, Long> counts = new HashMap<>();
		if (shown.isEmpty()) {
			return counts;
		}
		for (Object issue : shown) {
			for (Delivery.Status status : Delivery.Status.values()) {
				counts.put(tags(issue, status.name()), 0L);
			}
		}
		Aggregation count = Aggregation.newAggregation(Aggregation.match(Criteria.where("issueId").in(shown)),
				Aggregation.group("issueId", "status").count().as("deliveries"));
		for (Document group : mongo.aggregate(count, Delivery.class, Document.class).getMappedResults()) {
			Document id = group.get("_id", Document.class);
			Tags tags = tags(id.get("issueId"), id.getString("status"));
			if (counts.containsKey(tags)) {
				counts.put(tags, ((Number) group.get("deliveries")).longValue());
			}
		}
		return counts;
	}

	private static Tags tags(Object issue, String status) {
		return Tags.of("issue", (issue instanceof UUID id) ? id.toString() : String.valueOf(issue), "status",
				status.toLowerCase(Locale.ROOT));
	}

}
