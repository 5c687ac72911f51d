package io.qless.listener;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * The platform threads a container runs its handlers on when it is given no executor: at
 * most {@code concurrency} threads, plus one more for each handler that timed out and has
 * not ended yet, so that a handler that ignores interrupts does not take a slot for good.
 * <p>
 * Each thread a job wakes costs it tens of microseconds on a quiet machine and
 * milliseconds on a busy one, and a handler that returns at once does not need a thread of
 * its own: so a job queued while a thread runs wakes another thread only when the jobs
 * queued would take the running threads longer than {@link #WAKE_FACTOR} wake-ups (both
 * times measured as the pool runs: a handler's time, and how long a woken thread took to
 * run). A thread runs the jobs queued one after the other, and parks when there are none.
 * So that no job waits long behind a handler that blocks, one parked thread watches while
 * jobs wait behind running threads: it parks for at most {@link #WATCH_NANOS} at a time,
 * runs the queued jobs itself when no thread took one since it last looked, and stops
 * watching after a watch in which no job was taken or queued.
 */
final class HandlerThreads implements Executor {

	/**
	 * How many wake-ups' time the queued jobs must take the running threads before another
	 * thread is woken for them.
	 */
	private static final long WAKE_FACTOR = 4;

	/** Longest a job waits behind handlers that block before a parked thread runs it. */
	private static final long WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private final String queue;

	private final ReentrantLock lock = new ReentrantLock();

	// guarded by lock, as are the fields below up to wakeNanos
	private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

	/** Parked threads, the last one parked first (the likeliest to be still warm). */
	private final ArrayDeque<Worker> parked = new ArrayDeque<>();

	private final List<Worker> all = new ArrayList<>();

	private int limit;

	/** Threads not parked: running a job or looking for one. */
	private int busy;

	/** Threads woken (or started) to run that have not looked for a job yet. */
	private int coming;

	private @Nullable Worker watcher;

	/** Jobs taken, which tells the watcher whether the running threads took any. */
	private long taken;

	private long wakeNanos = 50_000;

	private int started;

	private boolean shutdown;

	/** Moving average of a job's run time on its thread, 0 until one has run. */
	private volatile long averageTaskNanos;

	HandlerThreads(String queue, int concurrency) {
		this.queue = queue;
		this.limit = concurrency;
	}

	@Override
	public void execute(Runnable task) {
		executeAll(List.of(task));
	}

	/**
	 * Run the jobs of one answer, deciding once for all of them which threads to wake.
	 * @throws RejectedExecutionException once the pool is shut down
	 */
	void executeAll(List<Runnable> batch) {
		List<Thread> toUnpark;
		this.lock.lock();
		try {
			if (this.shutdown) {
				throw new RejectedExecutionException("the handler threads of queue '" + this.queue + "' are shut down");
			}
			this.tasks.addAll(batch);
			toUnpark = wakeAsNeeded();
		}
		finally {
			this.lock.unlock();
		}
		unpark(toUnpark);
	}

	/**
	 * Wake a thread to run the queued jobs when none runs or when it is worth a wake-up, and
	 * one to watch them when they could wait behind a running thread with none watching.
	 * Called with the lock held; returns the threads to unpark once it is released, or null.
	 */
	private @Nullable List<Thread> wakeAsNeeded() {
		List<Thread> toUnpark = null;
		if (this.busy == 0 || worthWaking()) {
			toUnpark = new ArrayList<>(2);
			wakeToRun(toUnpark);
		}
		if (needsWatcher() && this.busy > this.coming) {
			toUnpark = (toUnpark != null) ? toUnpark : new ArrayList<>(1);
			wakeToWatch(toUnpark);
		}
		return toUnpark;
	}

	private static void unpark(@Nullable List<Thread> threads) {
		if (threads != null) {
			threads.forEach(LockSupport::unpark);
		}
	}

	// lock held: whether a queued job could wait behind a running one with no thread watching
	private boolean needsWatcher() {
		return this.watcher == null && this.tasks.size() > this.coming;
	}

	// lock held
	private boolean worthWaking() {
		if (this.busy >= this.limit || this.tasks.isEmpty()) {
			return false;
		}
		long average = this.averageTaskNanos;
		return average == 0 || this.tasks.size() * average / Math.max(1, this.busy) > WAKE_FACTOR * this.wakeNanos;
	}

	// lock held; the thread to unpark is added to toUnpark, to be unparked without the lock
	private void wakeToRun(List<Thread> toUnpark) {
		Worker worker = null;
		for (Iterator<Worker> it = this.parked.iterator(); it.hasNext();) {
			Worker candidate = it.next();
			if (candidate != this.watcher) {
				worker = candidate;
				it.remove();
				break;
			}
		}
		if (worker == null && this.watcher != null) {
			worker = this.watcher;
			this.parked.remove(worker);
			this.watcher = null;
		}
		this.busy++;
		this.coming++;
		if (worker == null) {
			if (this.all.size() >= this.limit) {
				this.busy--;
				this.coming--;
				return;
			}
			startWorker(Worker.RUN);
			return;
		}
		worker.state = Worker.RUN;
		worker.coming = true;
		worker.unparkedAt = System.nanoTime();
		toUnpark.add(worker.thread);
	}

	// lock held
	private void wakeToWatch(List<Thread> toUnpark) {
		Worker worker = this.parked.peek();
		if (worker == null) {
			if (this.all.size() < this.limit) {
				this.watcher = startWorker(Worker.WATCH);
			}
			return;
		}
		this.watcher = worker;
		worker.state = Worker.WATCH;
		toUnpark.add(worker.thread);
	}

	// lock held
	private Worker startWorker(int state) {
		Worker worker = new Worker("qless-" + this.queue + "-" + (++this.started), state);
		this.all.add(worker);
		if (state == Worker.WATCH) {
			this.parked.push(worker);
		}
		worker.thread.start();
		return worker;
	}

	private void work(Worker self) {
		// a loop of two calls: the JIT compiles next() as a method, where a thread's loop
		// that never returns would wait for an on-stack replacement
		Runnable task = first(self);
		while (task != null) {
			runTask(task);
			task = next(self);
		}
	}

	private @Nullable Runnable first(Worker self) {
		this.lock.lock();
		try {
			return (self.state == Worker.RUN || park(self)) ? take(self) : null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The next job for this thread, parking until there is one; null when the thread ends.
	 */
	private @Nullable Runnable next(Worker self) {
		this.lock.lock();
		try {
			return take(self);
		}
		finally {
			this.lock.unlock();
		}
	}

	// lock held; unlocks and locks again around the unparks it makes
	private @Nullable Runnable take(Worker self) {
		while (true) {
			if (self.coming) {
				self.coming = false;
				this.coming--;
			}
			Runnable task = this.tasks.poll();
			if (task == null) {
				this.busy--;
				if (this.all.size() > this.limit) {
					// a replacement that is no longer needed
					this.all.remove(self);
					return null;
				}
				self.state = Worker.PARKED;
				this.parked.push(self);
				if (!park(self)) {
					return null;
				}
				continue;
			}
			this.taken++;
			// this thread is busy and not coming: the same rule as for jobs handed over
			List<Thread> toUnpark = wakeAsNeeded();
			if (toUnpark != null && !toUnpark.isEmpty()) {
				this.lock.unlock();
				try {
					unpark(toUnpark);
				}
				finally {
					this.lock.lock();
				}
			}
			return task;
		}
	}

	/**
	 * Park until woken to run (true) or to end (false), watching while this thread is the
	 * watcher. Called with the lock held and the worker among the parked.
	 */
	private boolean park(Worker self) {
		long seen = -1;
		while (self.state != Worker.RUN) {
			if (this.shutdown && this.tasks.isEmpty()) {
				this.parked.remove(self);
				if (this.watcher == self) {
					this.watcher = null;
				}
				this.all.remove(self);
				// the threads that parked while jobs were still queued end too
				for (Worker other : this.parked) {
					LockSupport.unpark(other.thread);
				}
				return false;
			}
			boolean watching = this.watcher == self;
			if (watching && this.tasks.isEmpty() && this.taken == seen) {
				// a whole watch without a job taken and none queued (the threads may run long
				// handlers): stop watching until jobs are queued behind them
				this.watcher = null;
				self.state = Worker.PARKED;
				watching = false;
			}
			seen = this.taken;
			this.lock.unlock();
			if (watching) {
				LockSupport.parkNanos(this, WATCH_NANOS);
			}
			else {
				LockSupport.park(this);
			}
			if (!this.shutdown) {
				// an interrupt meant for a handler that has returned since
				Thread.interrupted();
			}
			this.lock.lock();
			if (watching && this.watcher == self && !this.tasks.isEmpty() && this.taken == seen) {
				// the running threads took no job for a whole watch: they may be blocked
				this.parked.remove(self);
				this.watcher = null;
				this.busy++;
				this.coming++;
				self.coming = true;
				self.state = Worker.RUN;
			}
		}
		if (self.unparkedAt != 0) {
			this.wakeNanos += (System.nanoTime() - self.unparkedAt - this.wakeNanos) / 8;
			self.unparkedAt = 0;
		}
		return true;
	}

	private void runTask(Runnable task) {
		long start = System.nanoTime();
		try {
			task.run();
		}
		catch (RuntimeException | Error ex) {
			Thread thread = Thread.currentThread();
			thread.getUncaughtExceptionHandler().uncaughtException(thread, ex);
		}
		finally {
			// an interrupt meant for this handler must not reach the next one
			Thread.interrupted();
		}
		long elapsed = Math.max(1, System.nanoTime() - start);
		long average = this.averageTaskNanos;
		this.averageTaskNanos = (average == 0) ? elapsed : Math.max(1, average + (elapsed - average) / 8);
	}

	/**
	 * Add a thread in place of one held by a handler that was given up.
	 */
	void addReplacement() {
		List<Thread> toUnpark = new ArrayList<>(1);
		this.lock.lock();
		try {
			this.limit++;
			if (!this.tasks.isEmpty() && !this.shutdown) {
				// the running threads may all be stuck: wake one whatever the jobs' times
				wakeToRun(toUnpark);
			}
		}
		finally {
			this.lock.unlock();
		}
		unpark(toUnpark);
	}

	/**
	 * Retire a replacement thread once the handler it stood in for has ended.
	 */
	void removeReplacement() {
		this.lock.lock();
		try {
			this.limit--;
		}
		finally {
			this.lock.unlock();
		}
	}

	int size() {
		this.lock.lock();
		try {
			return this.limit;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Run the jobs queued, refuse new ones, and let the threads end.
	 */
	void shutdown() {
		List<Thread> toUnpark = new ArrayList<>();
		this.lock.lock();
		try {
			this.shutdown = true;
			for (Worker worker : this.parked) {
				toUnpark.add(worker.thread);
			}
		}
		finally {
			this.lock.unlock();
		}
		toUnpark.forEach(LockSupport::unpark);
	}

	/**
	 * Drop the jobs queued, interrupt the running handlers, and let the threads end.
	 */
	void shutdownNow() {
		List<Thread> threads = new ArrayList<>();
		this.lock.lock();
		try {
			this.shutdown = true;
			this.tasks.clear();
			for (Worker worker : this.all) {
				threads.add(worker.thread);
			}
		}
		finally {
			this.lock.unlock();
		}
		threads.forEach(Thread::interrupt);
		threads.forEach(LockSupport::unpark);
	}

	/**
	 * One thread of the pool and what it was woken for.
	 */
	private final class Worker {

		static final int RUN = 0;

		static final int PARKED = 1;

		static final int WATCH = 2;

		final Thread thread;

		/** Written under the pool's lock; read by the thread after its park returns. */
		volatile int state;

		boolean coming;

		long unparkedAt;

		Worker(String name, int state) {
			this.state = state;
			this.coming = (state == RUN);
			this.thread = new Thread(() -> work(this), name);
			this.thread.setDaemon(false);
		}

	}

}
