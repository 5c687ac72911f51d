package io.qless.test.jobs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.qless.core.Job;
import io.qless.core.QlessOperations;
import io.qless.handler.QlessJobContext;
import io.qless.listener.QlessJobInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Sees every job the application's listener containers run, on the handler's thread,
 * before its handler is called, and keeps a log of them since the test started (with the
 * jobs that depend on each, read while it still exists) and of the jobs drains reported:
 * so that
 * {@link QlessTestJobs#drain(String...)} knows each job that ran, even one put and
 * finished before the drain began, and the inline mode knows what a handler threw. It
 * changes nothing: the handler's result and exception pass through. The outermost
 * interceptor.
 */
public final class JobRecorder implements QlessJobInterceptor, Ordered {

	private static final int MAX_RUNS = 100_000;

	private final Supplier<QlessOperations> qless;

	private final Deque<Run> runs = new ArrayDeque<>();

	private final Set<String> reported = ConcurrentHashMap.newKeySet();

	private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

	private final ThreadLocal<@Nullable List<HandlerFailure>> failures = new ThreadLocal<>();

	/**
	 * Create a recorder.
	 * @param qless the qless client, asked for each job's dependents when it starts
	 */
	public JobRecorder(Supplier<QlessOperations> qless) {
		Assert.notNull(qless, "'qless' must not be null");
		this.qless = qless;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public @Nullable Object intercept(QlessJobContext job, Chain chain) throws Exception {
		// Read while the job still exists: a completed job no longer lists its dependents.
		Job current = this.qless.get().jobs().get(job.jid());
		Run run = new Run(job.jid(), job.queue(), (current != null) ? current.dependents() : List.of());
		synchronized (this.runs) {
			if (this.runs.size() == MAX_RUNS) {
				this.runs.removeFirst();
			}
			this.runs.addLast(run);
		}
		for (Watcher watcher : this.watchers) {
			watcher.started(run);
		}
		try {
			return chain.proceed();
		}
		catch (Exception | Error ex) {
			List<HandlerFailure> captured = this.failures.get();
			if (captured != null) {
				captured.add(new HandlerFailure(job.jid(), job.queue(), job.klass(), ex));
			}
			throw ex;
		}
	}

	/**
	 * Forget the jobs run so far: a new test starts.
	 */
	public void clear() {
		synchronized (this.runs) {
			this.runs.clear();
		}
		this.reported.clear();
	}

	/**
	 * Remember that a drain reported these jobs as ended, so that a later drain of the
	 * same test does not report them again.
	 * @return the jids not reported before
	 */
	List<String> report(Collection<String> jids) {
		return jids.stream().filter(this.reported::add).toList();
	}

	/**
	 * Tell {@code watcher} about the jobs run so far, then about every job that starts,
	 * until the returned handle is closed.
	 */
	Watching watch(Watcher watcher) {
		List<Run> past;
		synchronized (this.runs) {
			this.watchers.add(watcher);
			past = new ArrayList<>(this.runs);
		}
		past.forEach(watcher::started);
		return () -> this.watchers.remove(watcher);
	}

	/**
	 * Start collecting what the handlers run on this thread throw.
	 */
	void startCapture() {
		this.failures.set(new ArrayList<>());
	}

	/**
	 * Stop collecting, and return what the handlers run on this thread threw since
	 * {@link #startCapture()}.
	 */
	List<HandlerFailure> endCapture() {
		List<HandlerFailure> captured = this.failures.get();
		this.failures.remove();
		return (captured != null) ? captured : List.of();
	}

	/**
	 * A job that started.
	 *
	 * @param jid the jid
	 * @param queue the queue it ran in
	 * @param dependents the jobs waiting for it then
	 */
	record Run(String jid, String queue, List<String> dependents) {
	}

	/**
	 * A watcher's registration; closing it stops the telling.
	 */
	@FunctionalInterface
	interface Watching extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * Told when a job's handler is about to run.
	 */
	@FunctionalInterface
	interface Watcher {

		void started(Run run);

	}

	/**
	 * What one handler threw.
	 */
	record HandlerFailure(String jid, String queue, String klass, Throwable error) {
	}

}
