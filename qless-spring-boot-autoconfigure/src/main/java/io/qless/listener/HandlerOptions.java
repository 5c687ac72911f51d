package io.qless.listener;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Per-handler settings from {@link io.qless.annotation.QueueHandler}; a {@code null} value
 * means "use the container factory's default".
 *
 * @param concurrency jobs of the queue run at the same time
 * @param backOff settings of the delay before retries that replace the error handler's
 * @param nonRetryable exception types that fail the job at once, on top of the defaults
 * @param failureGroup failure group for jobs this handler fails
 * @param autoStartup whether the container starts with the context
 * @param timeout longest the handler may run ({@link Duration#ZERO} for no limit)
 */
public record HandlerOptions(@Nullable Integer concurrency, RetryBackOff.@Nullable Overrides backOff,
		List<Class<? extends Throwable>> nonRetryable, @Nullable String failureGroup, @Nullable Boolean autoStartup,
		@Nullable Duration timeout) {

	/** No overrides: every setting comes from the container factory. */
	public static final HandlerOptions DEFAULTS = new HandlerOptions(null, null, List.of(), null, null, null);

	public HandlerOptions {
		Assert.isTrue(concurrency == null || concurrency > 0, "'concurrency' must be positive");
		Assert.notNull(nonRetryable, "'nonRetryable' must not be null");
		Assert.isTrue(timeout == null || !timeout.isNegative(), "'timeout' must not be negative");
		nonRetryable = List.copyOf(nonRetryable);
	}

}
