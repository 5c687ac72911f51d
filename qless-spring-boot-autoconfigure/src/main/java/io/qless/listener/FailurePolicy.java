package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.qless.handler.PayloadConversionException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Decides what becomes of a job whose handler threw: retried after a back-off delay, or
 * failed at once, and under which failure group and message.
 * <p>
 * Payload conversion errors and the configured non-retryable exceptions (subclasses
 * included, also when found as a cause) fail at once. Every other exception is retried
 * through qless, which fails the job itself once its retries are used up; the group and
 * message are given either way so the failure is readable.
 */
final class FailurePolicy {

	private static final int MAX_STACK_FRAMES = 20;

	private final RetryBackOff backOff;

	private final List<Class<? extends Throwable>> nonRetryable;

	private final @Nullable String failureGroup;

	FailurePolicy(RetryBackOff backOff, List<Class<? extends Throwable>> nonRetryable, @Nullable String failureGroup) {
		Assert.notNull(backOff, "'backOff' must not be null");
		Assert.notNull(nonRetryable, "'nonRetryable' must not be null");
		this.backOff = backOff;
		List<Class<? extends Throwable>> types = new ArrayList<>(nonRetryable);
		types.add(PayloadConversionException.class);
		this.nonRetryable = List.copyOf(types);
		this.failureGroup = failureGroup;
	}

	/**
	 * Return what to do with a job whose handler threw {@code error}.
	 * @param error what the handler threw
	 * @param retries the job's retry budget
	 * @param retriesLeft the job's retries left before this attempt
	 * @return the decision
	 */
	Decision decide(Throwable error, int retries, int retriesLeft) {
		String group = (this.failureGroup != null) ? this.failureGroup : error.getClass().getName();
		String message = describe(error);
		if (isNonRetryable(error)) {
			return new Decision(false, Duration.ZERO, group, message);
		}
		int retry = Math.max(1, retries - retriesLeft + 1);
		return new Decision(true, this.backOff.delayFor(retry), group, message);
	}

	private boolean isNonRetryable(Throwable error) {
		for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			for (Class<? extends Throwable> type : this.nonRetryable) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
		}
		return false;
	}

	/**
	 * Return the exception's message followed by a trimmed stack trace, as qless shows it.
	 * @param error the exception
	 * @return the description
	 */
	static String describe(Throwable error) {
		StringBuilder text = new StringBuilder();
		text.append(error.getClass().getName());
		if (error.getMessage() != null) {
			text.append(": ").append(error.getMessage());
		}
		StackTraceElement[] frames = error.getStackTrace();
		int shown = Math.min(frames.length, MAX_STACK_FRAMES);
		for (int i = 0; i < shown; i++) {
			text.append("\n\tat ").append(frames[i]);
		}
		if (frames.length > shown) {
			text.append("\n\t... ").append(frames.length - shown).append(" more");
		}
		Throwable cause = error.getCause();
		if (cause != null && cause != error) {
			text.append("\nCaused by: ").append(cause.getClass().getName());
			if (cause.getMessage() != null) {
				text.append(": ").append(cause.getMessage());
			}
		}
		return text.toString();
	}

	/**
	 * What to do with a failed attempt.
	 *
	 * @param retry whether to retry (qless still fails the job if no retries are left)
	 * @param delay the back-off delay before the retry
	 * @param group the failure group
	 * @param message the failure message
	 */
	record Decision(boolean retry, Duration delay, String group, String message) {
	}

}
