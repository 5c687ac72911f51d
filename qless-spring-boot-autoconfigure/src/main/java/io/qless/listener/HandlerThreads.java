package io.qless.listener;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The platform threads a container runs its handlers on when it is given no executor:
 * {@code concurrency} threads, plus one more for each handler that timed out and has not
 * ended yet, so that a handler that ignores interrupts does not take a slot for good.
 */
final class HandlerThreads implements Executor {

	private final ThreadPoolExecutor pool;

	HandlerThreads(String queue, int concurrency) {
		this.pool = new ThreadPoolExecutor(concurrency, concurrency, 0L, TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), threadFactory(queue));
	}

	private static ThreadFactory threadFactory(String queue) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "qless-" + queue + "-" + count.incrementAndGet());
			thread.setDaemon(false);
			return thread;
		};
	}

	@Override
	public void execute(Runnable command) {
		this.pool.execute(command);
	}

	/**
	 * Add a thread in place of one held by a handler that was given up.
	 */
	synchronized void addReplacement() {
		this.pool.setMaximumPoolSize(this.pool.getMaximumPoolSize() + 1);
		this.pool.setCorePoolSize(this.pool.getCorePoolSize() + 1);
	}

	/**
	 * Retire a replacement thread once the handler it stood in for has ended.
	 */
	synchronized void removeReplacement() {
		this.pool.setCorePoolSize(this.pool.getCorePoolSize() - 1);
		this.pool.setMaximumPoolSize(this.pool.getMaximumPoolSize() - 1);
	}

	int size() {
		return this.pool.getMaximumPoolSize();
	}

	void shutdown() {
		this.pool.shutdown();
	}

	void shutdownNow() {
		this.pool.shutdownNow();
	}

}
