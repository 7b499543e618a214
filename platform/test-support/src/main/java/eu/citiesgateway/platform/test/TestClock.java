package eu.citiesgateway.platform.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.jspecify.annotations.Nullable;

/**
 * The system clock, which a test can move forward (to let an activity take place, a
 * back-off pass) or stop (to compare the times a service records with the clock).
 */
public class TestClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	private volatile @Nullable Instant stopped;

	/**
	 * Moves the clock forward.
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	/**
	 * Stops the clock at its current instant, to the millisecond as stores keep times;
	 * {@link #advance(Duration)} still moves it.
	 * @return the instant it stopped at
	 */
	public Instant stop() {
		Instant now = instant().truncatedTo(ChronoUnit.MILLIS);
		this.stopped = now;
		this.offset = Duration.ZERO;
		return now;
	}

	/** Back to the system clock, running. */
	public void reset() {
		this.stopped = null;
		this.offset = Duration.ZERO;
	}

	@Override
	public Instant instant() {
		Instant base = this.stopped;
		return ((base != null) ? base : Instant.now()).plus(this.offset);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
