package io.qless.listener;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Gives up jobs whose handler runs longer than its timeout: the container stops
 * heartbeating the job (qless hands it to another worker once its lease ends), interrupts
 * the handler, frees its slot, logs a warning naming the job and counts the outcome
 * {@code timed_out}. When the handler does not end within a second of the interrupt, the
 * container's own thread pool gets a replacement thread until it does.
 */
final class HandlerTimeouts {

	private static final Log logger = LogFactory.getLog(HandlerTimeouts.class);

	private static final long REPLACE_AFTER_MILLIS = 1_000;

	private final ContainerRun run;

	private final ScheduledExecutorService scheduler;

	private final @Nullable HandlerThreads threads;

	private final Map<InFlightJob, ScheduledFuture<?>> watched = new ConcurrentHashMap<>();

	private final Set<InFlightJob> replaced = ConcurrentHashMap.newKeySet();

	HandlerTimeouts(ContainerRun run, ScheduledExecutorService scheduler, @Nullable HandlerThreads threads) {
		this.run = run;
		this.scheduler = scheduler;
		this.threads = threads;
	}

	void watch(InFlightJob job, Duration timeout) {
		if (timeout.isZero() || this.scheduler.isShutdown()) {
			return;
		}
		this.watched.put(job, this.scheduler.schedule(() -> timedOut(job, timeout), timeout.toMillis(),
				TimeUnit.MILLISECONDS));
	}

	void unwatch(InFlightJob job) {
		ScheduledFuture<?> task = this.watched.remove(job);
		if (task != null) {
			task.cancel(false);
		}
	}

	private void timedOut(InFlightJob job, Duration timeout) {
		this.watched.remove(job);
		if (!job.timeOut()) {
			return;
		}
		logger.warn("qless: handler of job " + job.jid() + " (" + job.klass() + ") in queue '" + job.queue()
				+ "' ran longer than its timeout " + timeout + "; it is interrupted and no longer heartbeated, "
				+ "and qless hands the job out again when its lease ends");
		this.run.inFlight().remove(job.jid(), job);
		this.run.components().observer().jobFinished(job.queue(), job.klass(), "timed_out", job.elapsed());
		this.run.loop().givenUp();
		if (this.threads != null && !this.scheduler.isShutdown()) {
			this.scheduler.schedule(() -> replaceIfStuck(job), REPLACE_AFTER_MILLIS, TimeUnit.MILLISECONDS);
		}
	}

	private void replaceIfStuck(InFlightJob job) {
		HandlerThreads pool = this.threads;
		synchronized (job) {
			if (pool == null || !job.isOnThread()) {
				return;
			}
			logger.warn("qless: handler of job " + job.jid() + " ignores its interrupt; queue '" + job.queue()
					+ "' runs its other jobs on a replacement thread until it ends");
			this.replaced.add(job);
			pool.addReplacement();
		}
	}

	/**
	 * The handler of a job that timed out has ended at last.
	 */
	void handlerEnded(InFlightJob job) {
		HandlerThreads pool = this.threads;
		synchronized (job) {
			if (pool != null && this.replaced.remove(job)) {
				pool.removeReplacement();
			}
		}
	}

	void cancelAll() {
		this.watched.values().forEach((task) -> task.cancel(false));
		this.watched.clear();
	}

}
