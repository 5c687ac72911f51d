package io.qless.listener;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Delay before qless hands a failed attempt out again: {@code initial} for the first retry,
 * multiplied by {@code multiplier} for each further one, never more than {@code max}. A
 * multiplier of 1 gives a fixed delay.
 *
 * @param initial delay before the first retry
 * @param multiplier factor for each further retry, at least 1
 * @param max longest delay
 */
public record RetryBackOff(Duration initial, double multiplier, Duration max) {

	/** One second, doubling, at most five minutes. */
	public static final RetryBackOff DEFAULT = new RetryBackOff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));

	public RetryBackOff {
		Assert.notNull(initial, "'initial' must not be null");
		Assert.notNull(max, "'max' must not be null");
		Assert.isTrue(!initial.isNegative(), "'initial' must not be negative");
		Assert.isTrue(multiplier >= 1.0, "'multiplier' must be at least 1");
		Assert.isTrue(max.compareTo(initial) >= 0, "'max' must not be less than 'initial'");
	}

	/**
	 * Return a fixed delay.
	 * @param delay the delay before every retry
	 * @return the back-off
	 */
	public static RetryBackOff fixed(Duration delay) {
		return new RetryBackOff(delay, 1.0, delay);
	}

	/**
	 * Return this back-off with some of its settings replaced. A multiplier of 1 without a
	 * maximum gives a fixed delay; a maximum below the initial delay becomes the initial
	 * delay.
	 * @param overrides the settings to replace
	 * @return the back-off
	 */
	public RetryBackOff with(Overrides overrides) {
		Duration initialDelay = (overrides.initial() != null) ? overrides.initial() : this.initial;
		double factor = (overrides.multiplier() != null) ? overrides.multiplier() : this.multiplier;
		Duration maxDelay;
		if (overrides.max() != null) {
			maxDelay = overrides.max();
		}
		else if (factor == 1.0) {
			maxDelay = initialDelay;
		}
		else {
			maxDelay = (this.max.compareTo(initialDelay) >= 0) ? this.max : initialDelay;
		}
		return new RetryBackOff(initialDelay, factor, maxDelay);
	}

	/**
	 * Return the delay before retry number {@code retry} (1 for the first retry).
	 * @param retry the retry number, from 1
	 * @return the delay
	 */
	public Duration delayFor(int retry) {
		double millis = this.initial.toMillis() * Math.pow(this.multiplier, Math.max(0, retry - 1));
		return (millis >= this.max.toMillis()) ? this.max : Duration.ofMillis(Math.round(millis));
	}

	/**
	 * Settings of a back-off that a handler replaces; {@code null} keeps the container's.
	 *
	 * @param initial delay before the first retry
	 * @param multiplier factor for each further retry
	 * @param max longest delay
	 */
	public record Overrides(@Nullable Duration initial, @Nullable Double multiplier, @Nullable Duration max) {

		/**
		 * Return whether nothing is replaced.
		 * @return whether all settings are {@code null}
		 */
		public boolean isEmpty() {
			return this.initial == null && this.multiplier == null && this.max == null;
		}

	}

}
