package io.qless.test.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.qless.core.ConfigOperations;
import io.qless.core.FailureOperations;
import io.qless.core.Job;
import io.qless.core.JobOperations;
import io.qless.core.QlessBatch;
import io.qless.core.QlessDialect;
import io.qless.core.QlessOperations;
import io.qless.core.QlessShards;
import io.qless.core.QueueCounts;
import io.qless.core.QueuePage;
import io.qless.core.QueueOperations;
import io.qless.core.QueuePriorityPattern;
import io.qless.core.RecurringOperations;
import io.qless.core.ServerStatus;
import io.qless.core.ThrottleOperations;
import io.qless.core.WorkerOperations;
import io.qless.listener.QlessListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

import org.springframework.util.Assert;

/**
 * The qless client in the inline mode, for tests only: a put (and {@code putAll},
 * {@code requeue}) goes through the real script, so the job exists in Redis with its
 * history, and then returns only once the application's containers have run it, and what
 * it led to (its next steps, the jobs it put, the dependents it released), with every
 * handler called on the calling thread, as Sidekiq's inline testing mode does. When a
 * handler threw, the put throws an {@link InlineJobException} after qless recorded the
 * error handler's decision.
 * <p>
 * A put made from a handler returns at once; its job runs after that handler, still
 * within the outer put. Jobs that are not ready when put (a delay, dependencies) run once
 * they are: after {@link QlessTestJobs#advance(Duration)}, or in
 * {@link QlessTestJobs#drain(String...)}. Puts in a {@link QlessBatch} are not run inline.
 * Everything else goes to the real client unchanged.
 */
public final class InlineQlessOperations implements QlessOperations {

	private final QlessOperations delegate;

	private final InlineJobRunner runner;

	private final JobRecorder recorder;

	private final Supplier<QlessListenerEndpointRegistry> registry;

	private final Duration timeout;

	private volatile @Nullable Activity activity;

	/**
	 * Create an instance; the test auto-configuration does, around the application's
	 * client.
	 * @param delegate the real client
	 * @param runner the executor the containers run handlers on
	 * @param recorder the interceptor the containers run every job through
	 * @param registry the application's listener containers
	 * @param timeout the longest a put waits for its jobs
	 */
	public InlineQlessOperations(QlessOperations delegate, InlineJobRunner runner, JobRecorder recorder,
			Supplier<QlessListenerEndpointRegistry> registry, Duration timeout) {
		Assert.notNull(delegate, "'delegate' must not be null");
		Assert.notNull(runner, "'runner' must not be null");
		Assert.notNull(recorder, "'recorder' must not be null");
		Assert.notNull(registry, "'registry' must not be null");
		Assert.isTrue(timeout != null && timeout.toMillis() > 0, "'timeout' must be positive");
		this.delegate = delegate;
		this.runner = runner;
		this.recorder = recorder;
		this.registry = registry;
		this.timeout = timeout;
	}

	/**
	 * Return the real client.
	 * @return the client this one wraps
	 */
	public QlessOperations getDelegate() {
		return this.delegate;
	}

	<T> T runInline(Supplier<T> put) {
		if (this.runner.isRunningHandler()) {
			return put.get();
		}
		long deadline = System.nanoTime() + this.timeout.toNanos();
		T result;
		boolean finished;
		List<JobRecorder.HandlerFailure> failures;
		this.recorder.startCapture();
		try (InlineJobRunner.Waiting waiting = this.runner.await()) {
			result = put.get();
			finished = this.runner.runUntil(() -> !activity().read().servedBusy(), deadline);
		}
		finally {
			failures = this.recorder.endCapture();
		}
		if (!failures.isEmpty()) {
			throw exception(failures);
		}
		if (!finished) {
			throw new IllegalStateException("qless (inline): the jobs put did not finish within " + this.timeout
					+ " (qless.test.timeout)");
		}
		return result;
	}

	private static InlineJobException exception(List<JobRecorder.HandlerFailure> failures) {
		JobRecorder.HandlerFailure first = failures.get(0);
		InlineJobException exception = new InlineJobException(first.jid(), first.queue(), first.klass(),
				first.error());
		failures.stream().skip(1).forEach((failure) -> exception.addSuppressed(failure.error()));
		return exception;
	}

	private Activity activity() {
		Activity current = this.activity;
		if (current == null) {
			current = new Activity(this.delegate, this.registry.get(), this.runner);
			this.activity = current;
		}
		return current;
	}

	@Override
	public QueueOperations queue(String name) {
		return new InlineQueueOperations(this.delegate.queue(name), this);
	}

	@Override
	public List<QueueCounts> queues() {
		return this.delegate.queues();
	}

	@Override
	public QueuePage queues(int offset, int count) {
		return this.delegate.queues(offset, count);
	}

	@Override
	public JobOperations jobs() {
		return this.delegate.jobs();
	}

	@Override
	public RecurringOperations recurring() {
		return this.delegate.recurring();
	}

	@Override
	public ConfigOperations config() {
		return this.delegate.config();
	}

	@Override
	public WorkerOperations workers() {
		return this.delegate.workers();
	}

	@Override
	public FailureOperations failures() {
		return this.delegate.failures();
	}

	@Override
	public ThrottleOperations throttles() {
		return this.delegate.throttles();
	}

	@Override
	public QlessBatch batch() {
		return this.delegate.batch();
	}

	@Override
	public QlessDialect dialect() {
		return this.delegate.dialect();
	}

	@Override
	public Map<String, List<String>> queueIdentifierPatterns() {
		return this.delegate.queueIdentifierPatterns();
	}

	@Override
	public List<QueuePriorityPattern> queuePriorityPatterns() {
		return this.delegate.queuePriorityPatterns();
	}

	@Override
	public String workerName() {
		return this.delegate.workerName();
	}

	@Override
	public QlessShards shards() {
		return this.delegate.shards();
	}

	@Override
	public ServerStatus serverStatus(Duration timeout) {
		return this.delegate.serverStatus(timeout);
	}

	@Override
	public <T> @Nullable T readData(Job job, Class<T> type) {
		return this.delegate.readData(job, type);
	}

	@Override
	public <T> @Nullable T readData(Job job, TypeReference<T> type) {
		return this.delegate.readData(job, type);
	}

}
