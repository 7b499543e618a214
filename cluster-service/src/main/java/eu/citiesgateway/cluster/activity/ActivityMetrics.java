package eu.citiesgateway.cluster.activity;

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
 * The gauge {@code cluster.activities}: activities by {@code status} (the stored state in
 * lower case: {@code scheduled}, {@code completed}, {@code cancelled}; a scheduled pilot
 * project counts as {@code scheduled}, whether planned or running) and {@code type}
 * ({@code study-visit}, {@code thematic-hub}, {@code pilot-project}), every combination a
 * series from the start. Counted from the store ({@link CountGauges}: at most once per
 * max age, off the scrape thread), so every instance shows them all: take the {@code max}
 * across instances.
 */
@Component
class ActivityMetrics {

	ActivityMetrics(CountGauges gauges, MongoTemplate mongo) {
		List<Tags> series = new ArrayList<>();
		for (Activity.State state : Activity.State.values()) {
			for (Type type : Type.values()) {
				series.add(tags(state, type));
			}
		}
		gauges.register("cluster.activities", "Activities by status and type", series, () -> byStateAndType(mongo));
	}

	private static Map<Tags, Long> byStateAndType(MongoTemplate mongo) {
		Aggregation count = Aggregation.newAggregation(Aggregation.group("state", "type").count().as("activities"));
		Map<Tags, Long> counts = new HashMap<>();
		for (Document group : mongo.aggregate(count, Activity.class, Document.class).getMappedResults()) {
			Document id = group.get("_id", Document.class);
			for (Activity.State state : Activity.State.values()) {
				for (Type type : Type.values()) {
					if (state.name().equals(id.get("state")) && type.name().equals(id.get("type"))) {
						counts.put(tags(state, type), ((Number) group.get("activities")).longValue());
					}
				}
			}
		}
		return counts;
	}

	private static Tags tags(Activity.State state, Type type) {
		return Tags.of("status", state.name().toLowerCase(Locale.ROOT), "type", type.slug());
	}

}
