package eu.citiesgateway.platform.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Gauges of counts that take a query to know: documents in the store by status, records
 * waiting in a topic. A scrape never waits for such a query, and never starts more than
 * one per {@code platform.metrics.max-age}: each gauge shows the last count taken, and a
 * scrape that finds it older than the max age asks for a new one, taken on a thread of
 * its own, for the scrapes that follow. A count that fails (the store or the broker is
 * unreachable) leaves the last one shown.
 * <p>
 * Each gauge is one series per tag combination. The combinations given when it is
 * registered exist from the start, at 0 when the count finds nothing for them (so that a
 * rule or a dashboard sees a change from 0, not a series that appears); other
 * combinations a count returns appear while they are counted and are removed when they no
 * longer are (an issue being delivered, say). Before the first count has succeeded, the
 * series show NaN: unknown, not 0. The counts come from the store, so a restart shows
 * them again at once.
 */
public final class CountGauges implements DisposableBean {

	private static final Log logger = LogFactory.getLog(CountGauges.class);

	private final MeterRegistry registry;

	private final long maxAgeNanos;

	private final ExecutorService counting;

	/**
	 * Creates the gauges' counting.
	 * @param registry where the gauges are registered
	 * @param maxAge how old a count may be when a scrape shows it without asking for a
	 * new one
	 */
	public CountGauges(MeterRegistry registry, Duration maxAge) {
		this.registry = registry;
		this.maxAgeNanos = maxAge.toNanos();
		this.counting = Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "count-gauges");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Registers a gauge and counts its series at once, on the calling thread (at
	 * start-up: a store the service cannot reach then leaves them NaN until a later count
	 * succeeds).
	 * @param name the gauge's name, e.g. {@code matching.pairings}
	 * @param description what it shows
	 * @param series the tag combinations that exist from the start
	 * @param count the counts by tag combination; a combination of {@code series} it
	 * leaves out is 0
	 * @return the gauge's counts
	 */
	public Counts register(String name, String description, Collection<Tags> series,
			Supplier<Map<Tags, ? extends Number>> count) {
		Counts counts = new Counts(name, description, series, count);
		counts.count();
		return counts;
	}

	/**
	 * Registers a gauge whose first count is taken in the background, for a source that
	 * may keep the start-up waiting (the broker).
	 */
	Counts registerCountingLater(String name, String description, Collection<Tags> series,
			Supplier<Map<Tags, ? extends Number>> count) {
		Counts counts = new Counts(name, description, series, count);
		counts.countLater();
		return counts;
	}

	@Override
	public void destroy() {
		this.counting.shutdownNow();
	}

	/**
	 * The series of one gauge and their last count.
	 */
	public final class Counts {

		private final String name;

		private final String description;

		private final Set<Tags> fixed;

		private final Supplier<Map<Tags, ? extends Number>> count;

		private final Map<Tags, Gauge> gauges = new ConcurrentHashMap<>();

		private final AtomicBoolean pending = new AtomicBoolean();

		private volatile Map<Tags, Double> values = Map.of();

		private volatile boolean counted;

		/** When the last count ended, {@link Long#MIN_VALUE} before the first. */
		private volatile long countedAt = Long.MIN_VALUE;

		private volatile boolean failing;

		private Counts(String name, String description, Collection<Tags> series,
				Supplier<Map<Tags, ? extends Number>> count) {
			this.name = name;
			this.description = description;
			this.fixed = Set.copyOf(new LinkedHashSet<>(series));
			this.count = count;
			this.fixed.forEach(this::gauge);
		}

		/**
		 * Counts now, on the calling thread.
		 * @return whether the count succeeded
		 */
		public synchronized boolean count() {
			Map<Tags, ? extends Number> result;
			try {
				result = this.count.get();
			}
			catch (RuntimeException ex) {
				if (!this.failing) {
					logger.warn("Counting " + this.name
							+ " failed; its gauge shows the last count until a count succeeds: " + ex);
				}
				else {
					logger.debug("Counting " + this.name + " failed again", ex);
				}
				this.failing = true;
				this.countedAt = System.nanoTime();
				return false;
			}
			if (this.failing) {
				logger.info("Counting " + this.name + " succeeded again");
				this.failing = false;
			}
			Map<Tags, Double> values = new HashMap<>();
			result.forEach((tags, value) -> values.put(tags, value.doubleValue()));
			this.values = Map.copyOf(values);
			this.counted = true;
			this.countedAt = System.nanoTime();
			values.keySet().forEach(this::gauge);
			this.gauges.entrySet().removeIf((entry) -> {
				boolean gone = !this.fixed.contains(entry.getKey()) && !values.containsKey(entry.getKey());
				if (gone) {
					CountGauges.this.registry.remove(entry.getValue());
				}
				return gone;
			});
			return true;
		}

		/**
		 * Asks for a count on the counting thread, unless one is waiting there: after a
		 * change the gauge shows, so that the next scrapes show it without waiting for
		 * the max age.
		 */
		public void countLater() {
			if (this.pending.compareAndSet(false, true)) {
				try {
					CountGauges.this.counting.execute(() -> {
						this.pending.set(false);
						count();
					});
				}
				catch (RejectedExecutionException ex) {
					// shutting down
					this.pending.set(false);
				}
			}
		}

		/**
		 * The last count of one series, asking for a new count when it is older than the
		 * max age.
		 * @param tags the series
		 * @return the count, 0 for a series the count left out, NaN before any count
		 */
		double value(Tags tags) {
			long countedAt = this.countedAt;
			if (countedAt == Long.MIN_VALUE || System.nanoTime() - countedAt >= CountGauges.this.maxAgeNanos) {
				countLater();
			}
			if (!this.counted) {
				return Double.NaN;
			}
			return this.values.getOrDefault(tags, 0.0);
		}

		private void gauge(Tags tags) {
			this.gauges.computeIfAbsent(tags,
					(t) -> Gauge.builder(this.name, this, (counts) -> counts.value(t))
						.description(this.description)
						.tags(t)
						.strongReference(true)
						.register(CountGauges.this.registry));
		}

	}

}
