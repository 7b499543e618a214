package eu.citiesgateway.matching.round;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import eu.citiesgateway.platform.events.CountGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.bson.Document;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.aggregation.ArrayOperators;
import org.springframework.stereotype.Component;

/**
 * The metrics of matching rounds:
 * <ul>
 * <li>{@code matching.round.duration}: a timer of the rounds this instance ran, from the
 * request to the round and its pairings stored;</li>
 * <li>{@code matching.round.proposals} and {@code matching.round.cities.below.minimum}:
 * gauges of the latest round stored, by any instance (0 before the first round), read
 * from the store ({@link CountGauges}) and read again as soon as a round is stored
 * here.</li>
 * </ul>
 */
@Component
class RoundMetrics {

	private final Timer duration;

	private final List<CountGauges.Counts> latest;

	RoundMetrics(MeterRegistry registry, CountGauges gauges, MongoTemplate mongo) {
		this.duration = Timer.builder("matching.round.duration")
			.description("Time to run a matching round and store its pairings")
			.register(registry);
		this.latest = List.of(
				gauges.register("matching.round.proposals", "Pairs proposed by the latest round", List.of(Tags.empty()),
						latest(mongo, "proposals")),
				gauges.register("matching.round.cities.below.minimum",
						"EU cities the latest round left below the minimum of partners", List.of(Tags.empty()),
						latest(mongo, "belowMinimum")));
	}

	/**
	 * Runs a round, timed if it is stored (a round refused because another runs is not).
	 * @param round what runs it
	 * @return the round
	 */
	Round timed(Supplier<Round> round) {
		long started = System.nanoTime();
		Round stored = round.get();
		this.duration.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
		this.latest.forEach(CountGauges.Counts::countLater);
		return stored;
	}

	/** The size of a list of the latest round, without reading the round. */
	private static Supplier<Map<Tags, ? extends Number>> latest(MongoTemplate mongo, String list) {
		return () -> {
			Aggregation size = Aggregation.newAggregation(Aggregation.sort(Sort.Direction.DESC, "createdAt"),
					Aggregation.limit(1),
					Aggregation.project().and(ArrayOperators.Size.lengthOfArray(list)).as("size"));
			Document round = mongo.aggregate(size, Round.class, Document.class).getUniqueMappedResult();
			return Map.of(Tags.empty(), (round != null) ? ((Number) round.get("size")).longValue() : 0L);
		};
	}

}
