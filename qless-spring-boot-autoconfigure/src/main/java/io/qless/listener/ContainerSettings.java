package io.qless.listener;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How one listener container runs. The {@code DEFAULT_*} constants are the one source of
 * the defaults: {@link DefaultQlessListenerContainerFactory} starts from them, and the
 * {@code qless.listener.*} properties are tested to agree with them.
 *
 * @param workerName name the container pops and heartbeats jobs under
 * @param concurrency jobs run at the same time
 * @param batchSize most jobs one pop asks for; up to twice as many popped jobs may wait
 * locally for a free handler thread (only as many as handlers finish within about 100 ms,
 * and none for jobs that hold throttle locks)
 * @param idlePollInterval how long an idle container waits for a wake-up signal before it
 * polls anyway
 * @param wakeUp whether to pop at once when qless announces new work in the queue
 * @param shutdownTimeout how long stopping waits for running handlers
 * @param handlerTimeout longest a handler may run before the container gives its job up
 * ({@link Duration#ZERO} for no limit)
 * @param autoStartup whether the container starts with the context
 */
public record ContainerSettings(String workerName, int concurrency, int batchSize, Duration idlePollInterval,
		boolean wakeUp, Duration shutdownTimeout, Duration handlerTimeout, boolean autoStartup) {

	/** Default concurrency. */
	public static final int DEFAULT_CONCURRENCY = 1;

	/** Default batch size. */
	public static final int DEFAULT_BATCH_SIZE = 64;

	/** Default idle poll interval. */
	public static final Duration DEFAULT_IDLE_POLL_INTERVAL = Duration.ofSeconds(1);

	/** Default wake-up setting. */
	public static final boolean DEFAULT_WAKE_UP = true;

	/** Default shutdown timeout. */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

	/** Default handler timeout: none. */
	public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ZERO;

	/** Default auto-startup setting. */
	public static final boolean DEFAULT_AUTO_STARTUP = true;

	public ContainerSettings {
		Assert.hasText(workerName, "'workerName' must not be empty");
		Assert.isTrue(concurrency > 0, "'concurrency' must be positive");
		Assert.isTrue(batchSize > 0, "'batchSize' must be positive");
		Assert.isTrue(idlePollInterval.toMillis() > 0, "'idlePollInterval' must be positive");
		Assert.isTrue(!shutdownTimeout.isNegative(), "'shutdownTimeout' must not be negative");
		Assert.isTrue(!handlerTimeout.isNegative(), "'handlerTimeout' must not be negative");
	}

	/**
	 * Return the default settings for a worker.
	 * @param workerName the worker name
	 * @return the settings
	 */
	public static ContainerSettings defaults(String workerName) {
		return new ContainerSettings(workerName, DEFAULT_CONCURRENCY, DEFAULT_BATCH_SIZE, DEFAULT_IDLE_POLL_INTERVAL,
				DEFAULT_WAKE_UP, DEFAULT_SHUTDOWN_TIMEOUT, DEFAULT_HANDLER_TIMEOUT, DEFAULT_AUTO_STARTUP);
	}

}
