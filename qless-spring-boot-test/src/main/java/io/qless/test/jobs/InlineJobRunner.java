package io.qless.test.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * The inline mode's handler executor: the listener containers hand it each popped job,
 * and it runs the job on a thread that waits for it (a test thread in an inline
 * {@code put}, a {@link QlessTestJobs#drain(String...) drain} or an
 * {@link QlessTestJobs#awaitCompleted(String) awaitCompleted}) rather than on a worker
 * thread. A job popped while no thread waits runs on a thread of its own, as it would
 * without the inline mode. Test-only.
 */
public final class InlineJobRunner implements Executor {

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final ThreadLocal<Boolean> runningHandler = ThreadLocal.withInitial(() -> false);

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition added = this.lock.newCondition();

	private final Deque<Runnable> tasks = new ArrayDeque<>();

	private final AtomicInteger threads = new AtomicInteger();

	private int waiters;

	@Override
	public void execute(Runnable task) {
		Runnable marked = () -> {
			this.runningHandler.set(true);
			try {
				task.run();
			}
			finally {
				this.runningHandler.remove();
			}
		};
		this.lock.lock();
		try {
			if (this.waiters > 0) {
				this.tasks.add(marked);
				this.added.signalAll();
				return;
			}
		}
		finally {
			this.lock.unlock();
		}
		startThread(marked);
	}

	/**
	 * Return whether the current thread is running a job's handler: a put from there does
	 * not wait, its job runs after the handler returned.
	 * @return whether a handler runs on this thread
	 */
	public boolean isRunningHandler() {
		return this.runningHandler.get();
	}

	/**
	 * Run the handlers the containers hand over on this thread, until {@code done} answers
	 * {@code true} (asked whenever no handler is waiting to run) or the deadline passes.
	 * @return whether {@code done} answered {@code true} in time
	 */
	boolean runUntil(BooleanSupplier done, long deadlineNanos) {
		try (Waiting waiting = await()) {
			while (true) {
				if (!runPending() && done.getAsBoolean()) {
					return true;
				}
				if (System.nanoTime() - deadlineNanos > 0) {
					return false;
				}
			}
		}
	}

	/**
	 * Have the containers hand their jobs to this thread, until the returned handle is
	 * closed; run them with {@link #runPending()}.
	 */
	Waiting await() {
		enter();
		return this::leave;
	}

	/**
	 * Run the handlers handed over to waiting threads, waiting a few milliseconds for one if
	 * there is none.
	 * @return whether a handler ran
	 */
	boolean runPending() {
		boolean ran = false;
		Runnable task = next();
		while (task != null) {
			task.run();
			ran = true;
			task = poll();
		}
		return ran;
	}

	/**
	 * Return whether handlers wait to run on a waiting thread.
	 */
	boolean hasPending() {
		this.lock.lock();
		try {
			return !this.tasks.isEmpty();
		}
		finally {
			this.lock.unlock();
		}
	}

	private @Nullable Runnable next() {
		this.lock.lock();
		try {
			if (this.tasks.isEmpty()) {
				this.added.awaitNanos(POLL_NANOS);
			}
			return this.tasks.poll();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while running qless jobs inline", ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	private @Nullable Runnable poll() {
		this.lock.lock();
		try {
			return this.tasks.poll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void enter() {
		this.lock.lock();
		try {
			this.waiters++;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void leave() {
		Deque<Runnable> left = new ArrayDeque<>();
		this.lock.lock();
		try {
			this.waiters--;
			if (this.waiters == 0) {
				left.addAll(this.tasks);
				this.tasks.clear();
			}
		}
		finally {
			this.lock.unlock();
		}
		// No thread waits any more: what was handed over runs as it would without inline mode.
		left.forEach(this::startThread);
	}

	/**
	 * A thread's registration as one the jobs are handed to.
	 */
	@FunctionalInterface
	interface Waiting extends AutoCloseable {

		@Override
		void close();

	}

	private void startThread(Runnable task) {
		Thread thread = new Thread(task, "qless-inline-" + this.threads.incrementAndGet());
		thread.setDaemon(true);
		thread.start();
	}

}
