package io.qless.listener;

import io.qless.handler.QlessJobContext;

import org.springframework.util.Assert;

/**
 * A handler run that threw: the job, what was thrown, and the handler's own settings.
 *
 * @param job the job (its retry counters are as they were when it was popped)
 * @param error what the handler threw
 * @param options the settings of the handler that threw
 */
public record FailedAttempt(QlessJobContext job, Throwable error, HandlerOptions options) {

	public FailedAttempt {
		Assert.notNull(job, "'job' must not be null");
		Assert.notNull(error, "'error' must not be null");
		Assert.notNull(options, "'options' must not be null");
	}

	/**
	 * Return which attempt this was, from 1.
	 * @return the attempt number
	 */
	public int attempt() {
		return Math.max(1, this.job.retries() - this.job.retriesLeft() + 1);
	}

	/**
	 * Return how many attempts the job gets in all: its retries plus the first run.
	 * @return the number of attempts
	 */
	public int maxAttempts() {
		return this.job.retries() + 1;
	}

	/**
	 * Return whether no retries are left: a retry now would fail the job.
	 * @return whether this was the last attempt
	 */
	public boolean isLastAttempt() {
		return this.job.retriesLeft() <= 0;
	}

}
