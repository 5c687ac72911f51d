package io.qless.listener;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How one listener container runs.
 *
 * @param workerName name the container pops and heartbeats jobs under
 * @param concurrency jobs run at the same time
 * @param batchSize most jobs one pop asks for, and most popped jobs that may wait locally
 * for a free handler thread (only as many as handlers finish within about 100 ms)
 * @param idlePollInterval how long an idle container waits for a wake-up signal before it
 * polls anyway
 * @param wakeUp whether to pop at once when qless announces new work in the queue
 * @param shutdownTimeout how long stopping waits for running handlers
 * @param autoStartup whether the container starts with the context
 * @param virtualThreads whether handlers run on virtual threads (Java 21 and later)
 */
public record ContainerSettings(String workerName, int concurrency, int batchSize, Duration idlePollInterval,
		boolean wakeUp, Duration shutdownTimeout, boolean autoStartup, boolean virtualThreads) {

	public ContainerSettings {
		Assert.hasText(workerName, "'workerName' must not be empty");
		Assert.isTrue(concurrency > 0, "'concurrency' must be positive");
		Assert.isTrue(batchSize > 0, "'batchSize' must be positive");
		Assert.isTrue(idlePollInterval.toMillis() > 0, "'idlePollInterval' must be positive");
		Assert.isTrue(!shutdownTimeout.isNegative(), "'shutdownTimeout' must not be negative");
	}

}
