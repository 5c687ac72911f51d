package io.qless.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests set and advance by hand, optionally a fixed offset away from another.
 */
final class SettableClock extends Clock {

	private volatile Instant instant;

	private final @org.jspecify.annotations.Nullable SettableClock base;

	private final Duration offset;

	SettableClock(Instant instant) {
		this.instant = instant;
		this.base = null;
		this.offset = Duration.ZERO;
	}

	private SettableClock(SettableClock base, Duration offset) {
		this.instant = base.instant();
		this.base = base;
		this.offset = offset;
	}

	/** A clock that reads this one's time plus {@code offset}. */
	SettableClock offsetBy(Duration offset) {
		return new SettableClock(this, offset);
	}

	void set(Instant instant) {
		this.instant = instant;
	}

	void advance(Duration duration) {
		this.instant = this.instant.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return (this.base != null) ? this.base.instant().plus(this.offset) : this.instant;
	}

}
