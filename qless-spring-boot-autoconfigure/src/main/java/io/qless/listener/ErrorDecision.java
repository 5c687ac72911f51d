package io.qless.listener;

import java.time.Duration;

import io.qless.handler.Next;

import org.springframework.util.Assert;

/**
 * What becomes of a job whose handler threw, as a {@link QlessErrorHandler} decides.
 */
public sealed interface ErrorDecision {

	/**
	 * Retry the job after {@code delay}, using up one retry (qless fails the job if none
	 * are left).
	 * @param delay the delay
	 * @param group the failure group qless records
	 * @param message the failure message qless records
	 * @return the decision
	 */
	static ErrorDecision retry(Duration delay, String group, String message) {
		return new Retry(delay, group, message);
	}

	/**
	 * Fail the job now under {@code group}; it can be retried from there with
	 * {@code unfail}.
	 * @param group the failure group
	 * @param message the failure message
	 * @return the decision
	 */
	static ErrorDecision fail(String group, String message) {
		return new Fail(group, message);
	}

	/**
	 * Complete the job here and move it on, for example into a dead-letter queue that no
	 * handler pops.
	 * @param next where the job goes
	 * @return the decision
	 */
	static ErrorDecision moveTo(Next next) {
		return new MoveTo(next);
	}

	/**
	 * Retry after a delay.
	 *
	 * @param delay the delay
	 * @param group the failure group
	 * @param message the failure message
	 */
	record Retry(Duration delay, String group, String message) implements ErrorDecision {

		public Retry {
			Assert.isTrue(delay != null && !delay.isNegative(), "'delay' must not be negative");
			Assert.hasText(group, "'group' must not be empty");
			Assert.notNull(message, "'message' must not be null");
		}

	}

	/**
	 * Fail now.
	 *
	 * @param group the failure group
	 * @param message the failure message
	 */
	record Fail(String group, String message) implements ErrorDecision {

		public Fail {
			Assert.hasText(group, "'group' must not be empty");
			Assert.notNull(message, "'message' must not be null");
		}

	}

	/**
	 * Complete here and move on.
	 *
	 * @param next where the job goes
	 */
	record MoveTo(Next next) implements ErrorDecision {

		public MoveTo {
			Assert.notNull(next, "'next' must not be null");
		}

	}

}
