package io.qless.listener;

import java.util.ArrayList;
import java.util.List;

import io.qless.handler.Next;
import io.qless.handler.PayloadConversionException;

import org.springframework.util.Assert;

/**
 * The default {@link QlessErrorHandler}: retries with a back-off delay, and gives the job
 * to a {@link Recoverer} (by default: fail it) when retrying cannot help or no retries are
 * left.
 * <p>
 * Retrying cannot help for payload conversion errors and for the configured
 * non-retryable exceptions (subclasses included, also when found as a cause). The failure
 * group is the handler's {@code failureGroup} when it has one, else the exception's class
 * name; the message is the exception's message followed by a trimmed stack trace, as qless
 * clients show it. A handler's own back-off and non-retryable exceptions
 * ({@link HandlerOptions}) apply on top of this handler's.
 */
public class DefaultQlessErrorHandler implements QlessErrorHandler {

	private static final int MAX_STACK_FRAMES = 20;

	private final RetryBackOff backOff;

	private final List<Class<? extends Throwable>> nonRetryable;

	private Recoverer recoverer = Recoverer.FAIL;

	/**
	 * Create a handler with {@link RetryBackOff#DEFAULT} and no non-retryable exceptions
	 * besides payload conversion errors.
	 */
	public DefaultQlessErrorHandler() {
		this(RetryBackOff.DEFAULT, List.of());
	}

	/**
	 * Create a handler.
	 * @param backOff the delay before retries
	 * @param nonRetryable exception types that are never retried
	 */
	public DefaultQlessErrorHandler(RetryBackOff backOff, List<Class<? extends Throwable>> nonRetryable) {
		Assert.notNull(backOff, "'backOff' must not be null");
		Assert.notNull(nonRetryable, "'nonRetryable' must not be null");
		this.backOff = backOff;
		List<Class<? extends Throwable>> types = new ArrayList<>(nonRetryable);
		types.add(PayloadConversionException.class);
		this.nonRetryable = List.copyOf(types);
	}

	/**
	 * Set what becomes of a job that is not retried; {@link Recoverer#FAIL} by default.
	 * @param recoverer the recoverer
	 */
	public void setRecoverer(Recoverer recoverer) {
		Assert.notNull(recoverer, "'recoverer' must not be null");
		this.recoverer = recoverer;
	}

	/**
	 * Return the back-off used when a handler has none of its own.
	 * @return the back-off
	 */
	public RetryBackOff getBackOff() {
		return this.backOff;
	}

	/**
	 * Return the exception types that are never retried.
	 * @return the types, payload conversion errors included
	 */
	public List<Class<? extends Throwable>> getNonRetryable() {
		return this.nonRetryable;
	}

	@Override
	public ErrorDecision handle(FailedAttempt attempt) {
		Throwable error = attempt.error();
		HandlerOptions options = attempt.options();
		String group = (options.failureGroup() != null) ? options.failureGroup() : error.getClass().getName();
		String message = describe(error);
		if (isNonRetryable(error, options) || attempt.isLastAttempt()) {
			return this.recoverer.recover(attempt, group, message);
		}
		RetryBackOff retryBackOff = (options.backOff() != null) ? this.backOff.with(options.backOff()) : this.backOff;
		return ErrorDecision.retry(retryBackOff.delayFor(attempt.attempt()), group, message);
	}

	private boolean isNonRetryable(Throwable error, HandlerOptions options) {
		for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (isInstance(this.nonRetryable, cause) || isInstance(options.nonRetryable(), cause)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isInstance(List<Class<? extends Throwable>> types, Throwable error) {
		for (Class<? extends Throwable> type : types) {
			if (type.isInstance(error)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Return the exception's class and message followed by a trimmed stack trace, as qless
	 * clients show a failure.
	 * @param error the exception
	 * @return the description
	 */
	public static String describe(Throwable error) {
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
	 * What becomes of a job that is not retried.
	 */
	@FunctionalInterface
	public interface Recoverer {

		/** Fail the job under its group: it waits in qless's failed list for an unfail. */
		Recoverer FAIL = (attempt, group, message) -> ErrorDecision.fail(group, message);

		/**
		 * Return a recoverer that moves the job into {@code queue} (complete here, waiting
		 * there), for a dead-letter queue that no handler pops.
		 * @param queue the dead-letter queue
		 * @return the recoverer
		 */
		static Recoverer deadLetterQueue(String queue) {
			Assert.hasText(queue, "'queue' must not be empty");
			return (attempt, group, message) -> ErrorDecision.moveTo(Next.queue(queue));
		}

		/**
		 * Return a recoverer that fails the job under {@code group}, whatever was thrown.
		 * @param group the failure group
		 * @return the recoverer
		 */
		static Recoverer failWithGroup(String group) {
			Assert.hasText(group, "'group' must not be empty");
			return (attempt, ignored, message) -> ErrorDecision.fail(group, message);
		}

		/**
		 * Decide what becomes of a job that is not retried.
		 * @param attempt the failed attempt
		 * @param group the failure group the handler would fail it with
		 * @param message the failure message
		 * @return the decision
		 */
		ErrorDecision recover(FailedAttempt attempt, String group, String message);

	}

}
