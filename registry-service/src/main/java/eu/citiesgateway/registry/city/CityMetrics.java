package eu.citiesgateway.registry.city;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import eu.citiesgateway.platform.events.CountGauges;
import io.micrometer.core.instrument.Tags;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Component;

/**
 * The gauge {@code registry.cities}: active cities by programme side ({@code EU},
 * {@code NA}) and theme, for the programme's dashboard. A city that works on several
 * themes counts under each; every side and theme is a series from the start. Counted from
 * the store ({@link CountGauges}: at most once per max age, off the scrape thread).
 */
@Component
class CityMetrics {

	private static final List<String> SIDES = Arrays.stream(Side.values()).map(Side::name).toList();

	CityMetrics(CountGauges gauges, MongoTemplate mongo) {
		List<Tags> series = new ArrayList<>();
		for (String side : SIDES) {
			for (String theme : Themes.ALL) {
				series.add(Tags.of("side", side, "theme", theme));
			}
		}
		gauges.register("registry.cities", "Active cities by programme side and theme", series,
				() -> activeBySideAndTheme(mongo));
	}

	private static Map<Tags, Long> activeBySideAndTheme(MongoTemplate mongo) {
		Aggregation count = Aggregation.newAggregation(
				Aggregation.match(Criteria.where("status").is(Status.ACTIVE.name())), Aggregation.unwind("themes"),
				Aggregation.group("side", "themes").count().as("cities"));
		Map<Tags, Long> counts = new HashMap<>();
		for (Document group : mongo.aggregate(count, City.class, Document.class).getMappedResults()) {
			Document id = group.get("_id", Document.class);
			String side = id.getString("side");
			String theme = id.getString("themes");
			if (SIDES.contains(side) && Themes.ALL.contains(theme)) {
				counts.put(Tags.of("side", side, "theme", theme), ((Number) group.get("cities")).longValue());
			}
		}
		return counts;
	}

}
