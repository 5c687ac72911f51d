package io.qless.listener;

import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.qless.core.Job;
import io.qless.core.QlessOperations;

/**
 * Pops a container's jobs, from one thread, in batches as large as its free handler slots
 * allow, and hands each to the dispatcher.
 * <p>
 * A slot is held from the pop until the job's handler has returned (or was given up). A few
 * popped jobs may wait locally for a handler thread: as many as the handlers get through in
 * about {@link #PREFETCH_BUDGET_NANOS}, at most a batch, none before the first job has been
 * timed, and none once a job holding throttle locks was seen (a job waiting here would keep
 * its locks from other workers). Fast jobs are then popped in batches; slow ones are never
 * held back from other workers.
 * <p>
 * An idle fetcher waits for {@link #wakeUp()} (qless announced work) or its poll interval.
 * A paused fetcher pops nothing until resumed; jobs it holds run on.
 */
final class JobFetcher {

	private static final long PREFETCH_BUDGET_NANOS = 100_000_000;

	private final String queue;

	private final ContainerSettings settings;

	private final QlessOperations qless;

	private final Consumer<Job> dispatcher;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition slotsChanged = this.lock.newCondition();

	private final Semaphore wakeUp = new Semaphore(0);

	private final Thread thread;

	private int held;

	private int waitingToStart;

	/** Moving average of handler run time, 0 until the first job has run. */
	private volatile long averageHandlerNanos;

	private volatile boolean throttledJobsSeen;

	private volatile boolean running = true;

	private volatile boolean pauseRequested;

	private volatile boolean paused;

	JobFetcher(String queue, ContainerSettings settings, QlessOperations qless, Consumer<Job> dispatcher) {
		this.queue = queue;
		this.settings = settings;
		this.qless = qless;
		this.dispatcher = dispatcher;
		this.thread = new Thread(this::loop, "qless-" + queue + "-poller");
		this.thread.setDaemon(true);
	}

	void start(boolean startPaused) {
		this.pauseRequested = startPaused;
		this.thread.start();
	}

	/**
	 * Stop popping; jobs already handed out run on.
	 * @param joinMillis how long to wait for a pop in progress
	 */
	void stop(long joinMillis) {
		this.running = false;
		wakeUp();
		try {
			this.thread.join(Math.max(1, joinMillis));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	void pause() {
		this.pauseRequested = true;
		wakeUp();
	}

	void resume() {
		this.pauseRequested = false;
		wakeUp();
	}

	boolean isPauseRequested() {
		return this.pauseRequested;
	}

	/**
	 * Return whether the fetcher is paused: asked to pause, and no pop in progress.
	 */
	boolean isPaused() {
		return this.paused;
	}

	/**
	 * Pop at once if there is room, instead of at the next poll.
	 */
	void wakeUp() {
		if (this.wakeUp.availablePermits() == 0) {
			this.wakeUp.release();
		}
		this.lock.lock();
		try {
			this.slotsChanged.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A popped job's handler started.
	 */
	void started() {
		this.lock.lock();
		try {
			this.waitingToStart--;
			if (this.waitingToStart == 0 && popSize() > 0) {
				this.slotsChanged.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A job's handler returned after {@code handlerNanos}, or it was given up.
	 */
	void finished(long handlerNanos) {
		if (handlerNanos > 0) {
			long average = this.averageHandlerNanos;
			this.averageHandlerNanos = (average == 0) ? Math.max(1, handlerNanos)
					: Math.max(1, average + (handlerNanos - average) / 8);
		}
		release(1);
	}

	/**
	 * A popped job will not run here (dropped before its handler started).
	 */
	void dropped() {
		this.lock.lock();
		try {
			this.waitingToStart--;
		}
		finally {
			this.lock.unlock();
		}
		release(1);
	}

	private void loop() {
		Backoff backoff = new Backoff("popping jobs from queue '" + this.queue + "'");
		while (this.running) {
			if (this.pauseRequested) {
				this.paused = true;
				awaitWork();
				continue;
			}
			this.paused = false;
			int count = reserveSlots();
			if (count == 0) {
				continue;
			}
			List<Job> jobs;
			try {
				jobs = this.qless.queue(this.queue).pop(this.settings.workerName(), count);
				backoff.succeeded();
			}
			catch (RuntimeException ex) {
				release(count);
				if (!backoff.pause(ex)) {
					return;
				}
				continue;
			}
			this.lock.lock();
			try {
				this.waitingToStart += jobs.size();
			}
			finally {
				this.lock.unlock();
			}
			release(count - jobs.size());
			for (Job job : jobs) {
				if (!job.throttles().isEmpty()) {
					this.throttledJobsSeen = true;
				}
				this.dispatcher.accept(job);
			}
			if (jobs.size() < count) {
				awaitWork();
			}
		}
		this.paused = false;
	}

	/**
	 * Return how many popped jobs may wait locally for a handler thread.
	 */
	int prefetch() {
		long average = this.averageHandlerNanos;
		if (average == 0 || this.throttledJobsSeen) {
			return 0;
		}
		long affordable = PREFETCH_BUDGET_NANOS * this.settings.concurrency() / Math.max(1, average);
		return (int) Math.min(this.settings.batchSize(), affordable);
	}

	/**
	 * Wait until popping is worth it: a whole batch fits, or every popped job has started
	 * and there is room for at least one more.
	 * @return how many jobs to pop; 0 when stopping or pausing
	 */
	private int reserveSlots() {
		this.lock.lock();
		try {
			while (this.running && !this.pauseRequested) {
				int count = popSize();
				if (count > 0) {
					this.held += count;
					return count;
				}
				this.slotsChanged.await(100, TimeUnit.MILLISECONDS);
			}
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return how many jobs to pop now, or 0 to wait: pop when a whole batch fits, or when
	 * every popped job has started and there is room for at least one more. Call with the
	 * lock held.
	 */
	private int popSize() {
		int limit = this.settings.concurrency() + prefetch();
		int batch = Math.min(this.settings.batchSize(), limit);
		int free = limit - this.held;
		return (free >= batch || (free > 0 && this.waitingToStart == 0)) ? Math.min(free, batch) : 0;
	}

	private void release(int count) {
		if (count == 0) {
			return;
		}
		this.lock.lock();
		try {
			this.held -= count;
			if (popSize() > 0) {
				this.slotsChanged.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void awaitWork() {
		try {
			if (this.wakeUp.tryAcquire(this.settings.idlePollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
				this.wakeUp.drainPermits();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
