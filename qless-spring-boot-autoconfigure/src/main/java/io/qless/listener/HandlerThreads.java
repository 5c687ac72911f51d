package io.qless.listener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The platform threads a container runs its handlers on when it is given no executor:
 * {@code concurrency} threads, plus one more for each handler that timed out and has not
 * ended yet, so that a handler that ignores interrupts does not take a slot for good.
 * <p>
 * A thread is woken for a job only when the job would otherwise wait longer than a
 * wake-up is worth: the threads awake take the jobs queued one after the other, and each
 * wake-up costs the machine more than a short handler does (with no-op handlers, a
 * concurrency of 8 that woke a thread per job spent a quarter more CPU per job than a
 * concurrency of 1, and was slower than it on a busy machine). How long the jobs take is
 * measured as they run; until the first has run, each job gets a thread of its own, as it
 * does whenever the jobs are slow. While jobs wait, a parked thread, the watcher, looks at
 * the queue every {@link #WATCH_NANOS}: jobs left waiting that long (a handler before them
 * turned slow, or blocks) get the parked threads they need, so that no job waits much
 * longer than that behind a slow handler while a thread is free for it.
 */
final class HandlerThreads implements Executor {

	/** Queued work that a thread is woken for: less than that is left to the threads awake. */
	private static final long WAKE_WORTH_NANOS = 1_000_000;

	/** How often the watcher looks for jobs that the threads awake did not take. */
	private static final long WATCH_NANOS = 1_000_000;

	private final String name;

	private final ReentrantLock lock = new ReentrantLock();

	// all guarded by lock

	private final ArrayDeque<Queued> queue = new ArrayDeque<>();

	/** Parked threads, the last parked first (its caches are the warmest). */
	private final ArrayDeque<Worker> parked = new ArrayDeque<>();

	private final List<Worker> workers = new ArrayList<>();

	private int size;

	/** Threads woken or started that have not taken a job yet. */
	private int searching;

	private @Nullable Worker watcher;

	/** Moving average of the time a job took its thread, 0 until one has run. */
	private long averageNanos;

	private int started;

	private boolean shutdown;

	private boolean stopping;

	HandlerThreads(String queue, int concurrency) {
		this.name = "qless-" + queue + "-";
		this.size = concurrency;
	}

	@Override
	public void execute(Runnable command) {
		this.lock.lock();
		try {
			if (this.shutdown) {
				throw new RejectedExecutionException("The handler threads of " + this.name + "* are shut down");
			}
			this.queue.addLast(new Queued(command, System.nanoTime()));
			if (worthWaking() || (this.watcher == null && canWake())) {
				// or no thread watches the queue while the threads awake work: one is woken to
				wakeOne();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Whether a queued job would wait longer for the threads awake than a wake-up is worth.
	 */
	private boolean worthWaking() {
		int unclaimed = this.queue.size() - this.searching;
		if (unclaimed <= 0) {
			return false;
		}
		int awake = this.workers.size() - this.parked.size();
		return awake == 0 || this.averageNanos == 0 || unclaimed * this.averageNanos > awake * WAKE_WORTH_NANOS;
	}

	private boolean canWake() {
		return !this.parked.isEmpty() || this.workers.size() < this.size;
	}

	private void wakeOne() {
		Worker worker = this.parked.pollFirst();
		if (worker != null && worker == this.watcher && !this.parked.isEmpty()) {
			// the watcher keeps watching while another thread can be woken
			Worker next = this.parked.pollFirst();
			this.parked.addFirst(worker);
			worker = next;
		}
		if (worker != null) {
			if (worker == this.watcher) {
				this.watcher = null;
			}
			worker.woken = true;
			this.searching++;
			worker.wake.signal();
		}
		else if (this.workers.size() < this.size) {
			Worker started = new Worker();
			Thread thread = new Thread(() -> work(started), this.name + (++this.started));
			thread.setDaemon(false);
			started.thread = thread;
			this.workers.add(started);
			this.searching++;
			thread.start();
		}
	}

	private void work(Worker self) {
		boolean searching = true;
		this.lock.lock();
		try {
			while (true) {
				Queued next = this.queue.pollFirst();
				if (next != null) {
					if (searching) {
						searching = false;
						this.searching--;
					}
					run(next.command());
					continue;
				}
				if (searching) {
					searching = false;
					this.searching--;
				}
				if (this.shutdown || this.workers.size() > this.size) {
					this.workers.remove(self);
					return;
				}
				searching = park(self);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Run a job without the lock, and time it.
	 */
	private void run(Runnable command) {
		this.lock.unlock();
		long start = System.nanoTime();
		try {
			command.run();
		}
		catch (RuntimeException | Error ex) {
			Thread current = Thread.currentThread();
			current.getUncaughtExceptionHandler().uncaughtException(current, ex);
		}
		finally {
			long took = Math.max(1, System.nanoTime() - start);
			this.lock.lock();
			long average = this.averageNanos;
			this.averageNanos = (average == 0) ? took : Math.max(1, average + (took - average) / 8);
			if (!this.stopping) {
				// an interrupt meant for the handler it ran
				Thread.interrupted();
			}
		}
	}

	/**
	 * Wait until woken for a job; the watcher also wakes by itself to look for jobs left
	 * waiting. Call with the lock held.
	 * @return whether the thread was woken for a job (it counts as searching)
	 */
	private boolean park(Worker self) {
		self.woken = false;
		this.parked.addFirst(self);
		if (this.watcher == null && this.size > 1) {
			this.watcher = self;
		}
		while (!self.woken && !this.shutdown) {
			if (this.watcher != self) {
				self.wake.awaitUninterruptibly();
				continue;
			}
			try {
				self.wake.awaitNanos(WATCH_NANOS);
			}
			catch (InterruptedException ex) {
				// only shutdownNow interrupts, and it sets shutdown
			}
			if (!self.woken && this.watcher == self) {
				watch(self);
			}
		}
		if (this.watcher == self) {
			this.watcher = null;
		}
		this.parked.remove(self);
		return self.woken;
	}

	/**
	 * The watcher's look at the queue: a job waiting for {@link #WATCH_NANOS} gets every
	 * parked thread it needs, the watcher first; with nothing queued nor running, the
	 * watcher stops watching (the next job wakes a thread anyway).
	 */
	private void watch(Worker self) {
		Queued head = this.queue.peekFirst();
		if (head != null && System.nanoTime() - head.queuedAt() >= WATCH_NANOS) {
			this.watcher = null;
			this.parked.remove(self);
			self.woken = true;
			this.searching++;
			while (this.queue.size() > this.searching && canWake()) {
				wakeOne();
			}
		}
		else if (head == null) {
			// nothing to watch: the next job finds no watcher, and wakes a thread to watch
			this.watcher = null;
		}
	}

	/**
	 * Add a thread in place of one held by a handler that was given up.
	 */
	void addReplacement() {
		this.lock.lock();
		try {
			this.size++;
			if (worthWaking()) {
				wakeOne();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Retire a replacement thread once the handler it stood in for has ended.
	 */
	void removeReplacement() {
		this.lock.lock();
		try {
			this.size--;
			if (this.workers.size() > this.size && !this.parked.isEmpty()) {
				wakeOne();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	int size() {
		this.lock.lock();
		try {
			return this.size;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Take no more jobs; the threads run the jobs queued, then end.
	 */
	void shutdown() {
		this.lock.lock();
		try {
			this.shutdown = true;
			this.parked.forEach((worker) -> worker.wake.signal());
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Take no more jobs, drop the jobs queued and interrupt the handlers running.
	 */
	void shutdownNow() {
		this.lock.lock();
		try {
			this.shutdown = true;
			this.stopping = true;
			this.queue.clear();
			for (Worker worker : this.workers) {
				if (this.parked.contains(worker)) {
					worker.wake.signal();
				}
				else if (worker.thread != null) {
					worker.thread.interrupt();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private final class Worker {

		private final Condition wake = HandlerThreads.this.lock.newCondition();

		private boolean woken;

		private @Nullable Thread thread;

	}

	private record Queued(Runnable command, long queuedAt) {
	}

}
