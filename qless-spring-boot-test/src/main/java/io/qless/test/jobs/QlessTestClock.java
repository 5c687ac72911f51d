package io.qless.test.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.util.Assert;

/**
 * A clock that stands still until a test moves it: fixed at a start instant, moved with
 * {@link #advance(Duration)} and {@link #set(Instant)}. The qless test support registers
 * one as the {@code qlessClock} bean, which the template and the listener containers take
 * {@code now} from, so a job put with a one-hour delay becomes due when the test advances
 * the clock by an hour, without waiting.
 * <p>
 * qless computes everything from its client's {@code now}, leases included: jobs running
 * when the clock jumps past their lease (60 seconds by default) may be handed out again
 * and their outcomes refused. Move the clock while no job runs, as
 * {@link QlessTestJobs#drain(String...)} does. Thread-safe.
 */
public final class QlessTestClock extends Clock {

	private final Instant start;

	private volatile Instant instant;

	/**
	 * Create a clock that starts at {@code start}.
	 * @param start the start instant
	 */
	public QlessTestClock(Instant start) {
		Assert.notNull(start, "'start' must not be null");
		this.start = start;
		this.instant = start;
	}

	/**
	 * Return the instant the clock started at, and goes back to on {@link #reset()}.
	 * @return the start
	 */
	public Instant start() {
		return this.start;
	}

	/**
	 * Move the clock forward.
	 * @param duration how far, not negative
	 * @return the new instant
	 */
	public synchronized Instant advance(Duration duration) {
		Assert.isTrue(duration != null && !duration.isNegative(), "'duration' must not be negative");
		this.instant = this.instant.plus(duration);
		return this.instant;
	}

	/**
	 * Move the clock forward to {@code instant}, if it is later than now.
	 * @param instant the instant
	 * @return the new instant
	 */
	public synchronized Instant advanceTo(Instant instant) {
		Assert.notNull(instant, "'instant' must not be null");
		if (instant.isAfter(this.instant)) {
			this.instant = instant;
		}
		return this.instant;
	}

	/**
	 * Set the clock to any instant. Moving it back while qless holds jobs put at a later
	 * time makes their histories and leases read oddly; prefer {@link #advance(Duration)}.
	 * @param instant the instant
	 */
	public void set(Instant instant) {
		Assert.notNull(instant, "'instant' must not be null");
		this.instant = instant;
	}

	/**
	 * Set the clock back to its {@link #start()}.
	 */
	public void reset() {
		this.instant = this.start;
	}

	@Override
	public Instant instant() {
		return this.instant;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	/**
	 * Return a view of this clock in another zone: it moves when this clock moves.
	 * @param zone the zone
	 * @return the view
	 */
	@Override
	public Clock withZone(ZoneId zone) {
		return (ZoneOffset.UTC.equals(zone)) ? this : new ZonedView(this, zone);
	}

	@Override
	public String toString() {
		return "QlessTestClock[" + this.instant + "]";
	}

	private static final class ZonedView extends Clock {

		private final QlessTestClock clock;

		private final ZoneId zone;

		ZonedView(QlessTestClock clock, ZoneId zone) {
			this.clock = clock;
			this.zone = zone;
		}

		@Override
		public Instant instant() {
			return this.clock.instant();
		}

		@Override
		public ZoneId getZone() {
			return this.zone;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this.clock.withZone(zone);
		}

	}

}
