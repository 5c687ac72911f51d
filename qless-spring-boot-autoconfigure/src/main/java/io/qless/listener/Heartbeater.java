package io.qless.listener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.qless.core.LockLostException;
import io.qless.core.QlessBatch;
import io.qless.core.QlessOperations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Renews the locks of a container's running jobs, all in one pipelined round trip, three
 * times per heartbeat interval. The interval is read from qless each time
 * ({@code <queue>-heartbeat}, else {@code heartbeat}), so a change made by any client is
 * followed. A job whose heartbeat is refused has lost its lock: its handler is
 * interrupted and the job is never settled by this worker.
 */
final class Heartbeater {

	private static final Log logger = LogFactory.getLog(Heartbeater.class);

	private static final Duration MIN_PERIOD = Duration.ofMillis(50);

	/** A renewed lease with less than this left was granted late, and is renewed again. */
	private static final Duration MIN_LEASE = Duration.ofSeconds(1);

	private final QlessOperations qless;

	private final String queue;

	private final String worker;

	private final Collection<InFlightJob> jobs;

	private final JobObserver observer;

	private final ScheduledExecutorService scheduler;

	private final Clock clock;

	private volatile Duration interval = Duration.ofSeconds(60);

	Heartbeater(QlessOperations qless, String queue, String worker, Collection<InFlightJob> jobs,
			JobObserver observer, ScheduledExecutorService scheduler, Clock clock) {
		this.qless = qless;
		this.queue = queue;
		this.worker = worker;
		this.jobs = jobs;
		this.observer = observer;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	void start() {
		refreshInterval();
		schedule();
	}

	Duration period() {
		Duration third = this.interval.dividedBy(3);
		return (third.compareTo(MIN_PERIOD) < 0) ? MIN_PERIOD : third;
	}

	private void schedule() {
		if (!this.scheduler.isShutdown()) {
			this.scheduler.schedule(this::beat, period().toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	private void beat() {
		try {
			refreshInterval();
			heartbeatAll();
		}
		catch (RuntimeException ex) {
			logger.warn("qless: could not heartbeat jobs of queue '" + this.queue + "': " + ex);
		}
		finally {
			schedule();
		}
	}

	private void refreshInterval() {
		try {
			Duration configured = this.qless.queue(this.queue).heartbeatInterval();
			if (!configured.isNegative() && !configured.isZero()) {
				this.interval = configured;
			}
		}
		catch (RuntimeException ex) {
			logger.debug("qless: could not read the heartbeat interval of '" + this.queue + "'", ex);
		}
	}

	void heartbeatAll() {
		List<InFlightJob> running = new ArrayList<>();
		for (InFlightJob job : this.jobs) {
			if (job.needsHeartbeat()) {
				running.add(job);
			}
		}
		if (running.isEmpty()) {
			return;
		}
		QlessBatch batch = this.qless.batch();
		List<CompletableFuture<Instant>> replies = new ArrayList<>(running.size());
		for (InFlightJob job : running) {
			replies.add(batch.heartbeat(job.jid(), this.worker));
		}
		batch.execute();
		for (int i = 0; i < running.size(); i++) {
			InFlightJob job = running.get(i);
			try {
				Instant expires = replies.get(i).join();
				if (expires.toEpochMilli() - this.clock.millis() < MIN_LEASE.toMillis() && job.needsHeartbeat()) {
					// Run late (Redis was frozen while it waited): renew with the time it is now.
					renew(job);
				}
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof LockLostException lost && job.needsHeartbeat()) {
					lockLost(job, lost.getScriptMessage());
				}
			}
		}
	}

	/**
	 * Return the heartbeat interval qless gives this queue's jobs, as last read.
	 */
	Duration interval() {
		return this.interval;
	}

	/**
	 * Renew one job's lock now.
	 * @return whether qless renewed it; if not, the job is marked lost
	 */
	boolean renew(InFlightJob job) {
		try {
			this.qless.jobs().heartbeat(job.jid(), this.worker);
			return true;
		}
		catch (LockLostException ex) {
			lockLost(job, ex.getScriptMessage());
			return false;
		}
	}

	/**
	 * Check with a heartbeat, on the heartbeat thread, whether a running job named by a
	 * {@code lock_lost} event has lost its lock: qless publishes the event when it hands
	 * out a job whose lease ran out, and when it hands it to this worker again the event
	 * reaches the new run, which holds the lock.
	 */
	void checkLock(InFlightJob job) {
		try {
			this.scheduler.execute(() -> {
				if (job.needsHeartbeat()) {
					renew(job);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// Stopping: the job is left to its lease.
		}
	}

	void lockLost(InFlightJob job, String reason) {
		if (job.markLockLost()) {
			logger.warn("qless: lost the lock of job " + job.jid() + " in queue '" + this.queue + "' (" + reason
					+ "); its handler is interrupted and the job will not be settled by this worker");
			this.observer.lockLost(this.queue, job.klass());
		}
	}

}
