package io.qless.listener;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.qless.core.CrossShardException;
import io.qless.core.Job;
import io.qless.core.LockLostException;
import io.qless.core.QlessOperations;
import io.qless.core.QlessPayloadConverter;
import io.qless.handler.Next;
import io.qless.handler.QlessJobContext;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A popped job while this container holds it: the handle handed to handlers, and the
 * state the container needs to heartbeat it, interrupt it when its lock is lost or its
 * handler runs too long, and settle it exactly once.
 */
final class InFlightJob implements QlessJobContext {

	private static final int WAITING = 0;

	private static final int RUNNING = 1;

	private static final int FINISHED = 2;

	private static final int TIMED_OUT = 3;

	private final Job job;

	private final QlessOperations qless;

	private final JobLoop loop;

	private final QlessPayloadConverter payloads;

	private final AtomicInteger state = new AtomicInteger(WAITING);

	private final AtomicBoolean settled = new AtomicBoolean();

	private volatile boolean lockLost;

	private volatile @Nullable Thread thread;

	private volatile long startedNanos;

	/** The job's data as this handler last wrote it with a heartbeat, if it did. */
	private volatile @Nullable String data;

	InFlightJob(Job job, QlessOperations qless, JobLoop loop, QlessPayloadConverter payloads) {
		this.job = job;
		this.qless = qless;
		this.loop = loop;
		this.payloads = payloads;
	}

	Job job() {
		return this.job;
	}

	/**
	 * Mark the handler started on the current thread, so that a lost lock or a timeout can
	 * interrupt it.
	 * @return {@code false} if the job was given up before it started
	 */
	boolean start() {
		this.startedNanos = System.nanoTime();
		this.thread = Thread.currentThread();
		if (!this.state.compareAndSet(WAITING, RUNNING)) {
			this.thread = null;
			return false;
		}
		if (this.lockLost) {
			Thread.currentThread().interrupt();
		}
		return true;
	}

	/**
	 * Mark the handler returned.
	 * @return {@code false} if the job had timed out first: its outcome no longer counts
	 */
	boolean finish() {
		this.thread = null;
		return this.state.compareAndSet(RUNNING, FINISHED);
	}

	/**
	 * Give the job up because its handler ran too long: nothing the handler does with it
	 * counts any more, and its thread is interrupted.
	 * @return {@code true} if the handler was still running
	 */
	boolean timeOut() {
		if (!this.state.compareAndSet(RUNNING, TIMED_OUT)) {
			return false;
		}
		Thread running = this.thread;
		if (running != null) {
			running.interrupt();
		}
		return true;
	}

	boolean isTimedOut() {
		return this.state.get() == TIMED_OUT;
	}

	/**
	 * Return whether the handler is still on its thread (it may ignore interrupts).
	 */
	boolean isOnThread() {
		return this.thread != null;
	}

	Duration elapsed() {
		long started = this.startedNanos;
		return (started != 0) ? Duration.ofNanos(System.nanoTime() - started) : Duration.ZERO;
	}

	/**
	 * Record that qless no longer lets this worker settle the job, and interrupt the
	 * handler.
	 * @return {@code true} the first time
	 */
	boolean markLockLost() {
		if (this.lockLost) {
			return false;
		}
		this.lockLost = true;
		Thread running = this.thread;
		if (running != null) {
			running.interrupt();
		}
		return true;
	}

	/**
	 * Claim the right to settle the job; only the first claim wins, and none once the
	 * lock is lost or the job timed out.
	 */
	boolean claimSettlement() {
		return !this.lockLost && !isTimedOut() && this.settled.compareAndSet(false, true);
	}

	/**
	 * Return whether the container should still renew this job's lock.
	 */
	boolean needsHeartbeat() {
		return !this.settled.get() && !this.lockLost && !isTimedOut();
	}

	@Override
	public String jid() {
		return this.job.jid();
	}

	@Override
	public String queue() {
		return this.job.queue();
	}

	@Override
	public String klass() {
		return this.job.klass();
	}

	@Override
	public List<String> tags() {
		return this.job.tags();
	}

	@Override
	public int priority() {
		return (int) this.job.priority();
	}

	@Override
	public int retries() {
		return (int) this.job.retries();
	}

	@Override
	public int retriesLeft() {
		return (int) this.job.remaining();
	}

	@Override
	public String worker() {
		return this.job.worker();
	}

	@Override
	public String rawData() {
		return currentData();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T data(Class<T> type) {
		Object data = this.payloads.read(this.job.data(), type);
		Assert.state(data != null, () -> "Job " + jid() + " has null data");
		return (T) data;
	}

	@Override
	public boolean isLockLost() {
		return this.lockLost || isTimedOut();
	}

	@Override
	public void heartbeat() {
		heartbeat(null, false);
	}

	@Override
	public void heartbeat(@Nullable Object data) {
		heartbeat(data, true);
	}

	private void heartbeat(@Nullable Object data, boolean withData) {
		Assert.state(!isTimedOut(), () -> "Job " + jid() + " timed out; it can no longer be heartbeated here");
		try {
			if (withData) {
				this.qless.jobs().heartbeat(jid(), worker(), data);
			}
			else {
				this.qless.jobs().heartbeat(jid(), worker());
			}
		}
		catch (LockLostException ex) {
			markLockLost();
			throw ex;
		}
	}

	@Override
	public void log(String message, @Nullable Object data) {
		Assert.hasText(message, "'message' must not be empty");
		this.qless.jobs().log(jid(), message, data);
	}

	@Override
	public void progress(Object progress) {
		Assert.notNull(progress, "'progress' must not be null");
		Object data = this.payloads.read(currentData(), Object.class);
		Assert.state(data instanceof Map, () -> "Job " + jid() + " data is not a JSON object; progress is stored "
				+ "as its 'progress' field");
		@SuppressWarnings("unchecked")
		Map<String, Object> fields = new LinkedHashMap<>((Map<String, Object>) data);
		fields.put("progress", progress);
		heartbeat(fields, true);
		this.data = this.payloads.write(fields);
	}

	private String currentData() {
		String updated = this.data;
		return (updated != null) ? updated : this.job.data();
	}

	@Override
	public void complete() {
		settleNow(new JobOutcome.Complete(this.job, currentData()));
	}

	@Override
	public void complete(Next next) {
		Assert.notNull(next, "'next' must not be null");
		CrossShardException refusal = ShardMoves.refusal(this.qless.shards(), this.job, next.queue());
		if (refusal != null) {
			throw refusal;
		}
		settleNow(new JobOutcome.Advance(this.job, currentData(), next));
	}

	@Override
	public void fail(String group, String message) {
		Assert.hasText(group, "'group' must not be empty");
		Assert.notNull(message, "'message' must not be null");
		settleNow(new JobOutcome.Fail(this.job, group, message));
	}

	@Override
	public void retry(Duration delay) {
		Assert.notNull(delay, "'delay' must not be null");
		settleNow(new JobOutcome.Retry(this.job, delay, null, null));
	}

	@Override
	public boolean isSettled() {
		return this.settled.get();
	}

	/**
	 * Settle the job the container's way, waiting for qless's answer.
	 */
	private void settleNow(JobOutcome outcome) {
		Assert.state(!this.lockLost, () -> "Job " + jid() + " lock was lost; it can no longer be settled here");
		Assert.state(!isTimedOut(), () -> "Job " + jid() + " timed out; it can no longer be settled here");
		Assert.state(this.settled.compareAndSet(false, true), () -> "Job " + jid() + " was already settled");
		try {
			this.loop.sendAndWait(outcome, elapsed());
		}
		catch (LockLostException ex) {
			markLockLost();
			throw ex;
		}
	}

}
