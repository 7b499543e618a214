package eu.citiesgateway.matching.pairing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import eu.citiesgateway.platform.events.CountGauges;
import io.micrometer.core.instrument.Tags;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code matching.pairings}: pairings by {@code status}, in lower case
 * ({@code proposed}, {@code confirmed}, {@code declined}, {@code expired},
 * {@code withdrawn}, {@code completed}), each a series from the start. Counted from the
 * store ({@link CountGauges}: at most once per max age, off the scrape thread), so every
 * instance shows the whole programme: take the {@code max} across instances, not the sum.
 */
@Component
class PairingMetrics {

	PairingMetrics(CountGauges gauges, MongoTemplate mongo) {
		List<Tags> series = new ArrayList<>();
		for (Status status : Status.values()) {
			series.add(tags(status));
		}
		gauges.register("matching.pairings", "Pairings by status", series, () -> byStatus(mongo));
	}

	private static Map<Tags, Long> byStatus(MongoTemplate mongo) {
		Aggregation count = Aggregation.newAggregation(Aggregation.group("status").count().as("pairings"));
		Map<Tags, Long> counts = new HashMap<>();
		for (Document group : mongo.aggregate(count, Pairing.class, Document.class).getMappedResults()) {
			for (Status status : Status.values()) {
				if (status.name().equals(group.get("_id"))) {
					counts.put(tags(status), ((Number) group.get("pairings")).longValue());
				}
			}
		}
		return counts;
	}

	private static Tags tags(Status status) {
		return Tags.of("status", status.name().toLowerCase(Locale.ROOT));
	}

}
