package eu.citiesgateway.platform.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Gauges of counts that take a query: shown from the start, never waited for by a scrape,
 * counted again at most once per max age.
 */
class CountGaugesTests {

	static final Tags OPEN = Tags.of("status", "open");

	static final Tags CLOSED = Tags.of("status", "closed");

	final MeterRegistry registry = new SimpleMeterRegistry();

	final CountGauges gauges = new CountGauges(this.registry, Duration.ofHours(1));

	@AfterEach
	void stop() {
		this.gauges.destroy();
	}

	@Test
	void everySeriesGivenExistsAtOnceAndOneTheCountLeavesOutIsZero() {
		this.gauges.register("things", "Things by status", List.of(OPEN, CLOSED), () -> Map.of(OPEN, 3));

		assertThat(value(OPEN)).isEqualTo(3.0);
		assertThat(value(CLOSED)).isZero();
	}

	@Test
	void aScrapeWithinTheMaxAgeCountsNothingAndAnOlderCountIsTakenAgainForTheScrapesThatFollow() {
		AtomicInteger counts = new AtomicInteger();
		AtomicInteger open = new AtomicInteger(1);
		CountGauges young = new CountGauges(this.registry, Duration.ofHours(1));
		young.register("young", "", List.of(OPEN), () -> {
			counts.incrementAndGet();
			return Map.of(OPEN, open.get());
		});
		open.set(2);

		assertThat(this.registry.get("young").gauge().value()).isEqualTo(1.0);
		assertThat(counts).hasValue(1);
		young.destroy();

		CountDownLatch counting = new CountDownLatch(1);
		AtomicInteger held = new AtomicInteger();
		CountGauges old = new CountGauges(this.registry, Duration.ZERO);
		old.register("old", "", List.of(OPEN), () -> {
			if (held.getAndIncrement() > 0) {
				waitFor(counting);
			}
			return Map.of(OPEN, open.get());
		});
		open.set(5);

		assertThat(this.registry.get("old").gauge().value()).as("the last count, a new one asked for").isEqualTo(2.0);
		counting.countDown();
		await().until(() -> this.registry.get("old").gauge().value() == 5.0);
		old.destroy();
	}

	@Test
	void aCountThatHangsNeverHoldsUpAScrape() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		this.gauges.registerCountingLater("things", "", List.of(OPEN), () -> {
			waitFor(release);
			return Map.of(OPEN, 7);
		});

		assertThat(value(OPEN)).as("unknown before the first count").isNaN();
		release.countDown();
		await().until(() -> value(OPEN) == 7.0);
	}

	@Test
	void aFailedCountLeavesTheLastOneShown() {
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		CountGauges.Counts counts = this.gauges.register("things", "", List.of(OPEN), () -> {
			if (failure.get() != null) {
				throw failure.get();
			}
			return Map.of(OPEN, 4);
		});
		failure.set(new IllegalStateException("store unreachable"));

		assertThat(counts.count()).isFalse();
		assertThat(value(OPEN)).isEqualTo(4.0);

		failure.set(null);
		assertThat(counts.count()).isTrue();
	}

	@Test
	void aStoreUnreachableAtStartUpShowsNanNotZero() {
		this.gauges.register("things", "", List.of(OPEN), () -> {
			throw new IllegalStateException("store unreachable");
		});

		assertThat(value(OPEN)).isNaN();
	}

	@Test
	void seriesBeyondThoseGivenComeAndGoWithTheCount() {
		Tags issueA = Tags.of("issue", "a");
		Tags issueB = Tags.of("issue", "b");
		AtomicReference<Map<Tags, Integer>> current = new AtomicReference<>(Map.of(issueA, 1));
		CountGauges.Counts counts = this.gauges.register("issues", "", List.of(), current::get);

		assertThat(this.registry.find("issues").gauges()).extracting((gauge) -> gauge.getId().getTag("issue"))
			.containsExactly("a");

		current.set(Map.of(issueB, 2));
		counts.count();

		assertThat(this.registry.find("issues").gauges()).extracting((gauge) -> gauge.getId().getTag("issue"))
			.containsExactly("b");
		assertThat(this.registry.get("issues").tags(issueB).gauge().value()).isEqualTo(2.0);
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private double value(Tags tags) {
		Gauge gauge = this.registry.get("things").tags(tags).gauge();
		return gauge.value();
	}

}
