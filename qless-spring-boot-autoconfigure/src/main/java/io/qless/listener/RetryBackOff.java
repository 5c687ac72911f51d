package io.qless.listener;

import java.time.Duration;

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
	 * Return the delay before retry number {@code retry} (1 for the first retry).
	 * @param retry the retry number, from 1
	 * @return the delay
	 */
	public Duration delayFor(int retry) {
		double millis = this.initial.toMillis() * Math.pow(this.multiplier, Math.max(0, retry - 1));
		return (millis >= this.max.toMillis()) ? this.max : Duration.ofMillis(Math.round(millis));
	}

}
