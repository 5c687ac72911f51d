package io.qless.listener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.qless.core.Job;
import io.qless.core.LockLostException;
import io.qless.core.QlessOperations;
import io.qless.core.RawJson;
import io.qless.handler.Next;
import io.qless.handler.QlessJobContext;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A popped job while this container holds it: the handle handed to handlers, and the
 * state the container needs to heartbeat it, interrupt it when its lock is lost, and
 * settle it exactly once.
 */
final class InFlightJob implements QlessJobContext {

	private final Job job;

	private final QlessOperations qless;

	private final AtomicBoolean settled = new AtomicBoolean();

	private volatile boolean lockLost;

	private volatile @Nullable Thread thread;

	InFlightJob(Job job, QlessOperations qless) {
		this.job = job;
		this.qless = qless;
	}

	Job job() {
		return this.job;
	}

	/**
	 * Bind the handler's thread so that a lost lock can interrupt it.
	 */
	void running(@Nullable Thread thread) {
		this.thread = thread;
		if (thread != null && this.lockLost) {
			thread.interrupt();
		}
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
	 * Claim the right to settle the job; only the first claim wins.
	 */
	boolean claimSettlement() {
		return !this.lockLost && this.settled.compareAndSet(false, true);
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
		return this.job.data();
	}

	@Override
	public <T> T data(Class<T> type) {
		T data = this.qless.readData(this.job, type);
		Assert.state(data != null, () -> "Job " + jid() + " has null data");
		return data;
	}

	@Override
	public boolean isLockLost() {
		return this.lockLost;
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
	public void complete() {
		settle();
		guard(() -> this.qless.jobs().complete(jid(), worker(), queue(), new RawJson(rawData())));
	}

	@Override
	public void complete(Next next) {
		Assert.notNull(next, "'next' must not be null");
		settle();
		guard(() -> this.qless.jobs()
			.complete(jid(), worker(), queue(), new RawJson(rawData()), next.queue(), next.delay(), next.dependsOn()));
	}

	@Override
	public void fail(String group, String message) {
		Assert.hasText(group, "'group' must not be empty");
		Assert.notNull(message, "'message' must not be null");
		settle();
		guard(() -> this.qless.jobs().fail(jid(), worker(), group, message));
	}

	@Override
	public void retry(Duration delay) {
		Assert.notNull(delay, "'delay' must not be null");
		settle();
		guard(() -> this.qless.jobs().retry(jid(), queue(), worker(), delay, null, null));
	}

	@Override
	public boolean isSettled() {
		return this.settled.get();
	}

	private void settle() {
		Assert.state(!this.lockLost, () -> "Job " + jid() + " lock was lost; it can no longer be settled here");
		Assert.state(this.settled.compareAndSet(false, true), () -> "Job " + jid() + " was already settled");
	}

	private void guard(Runnable call) {
		try {
			call.run();
		}
		catch (LockLostException ex) {
			markLockLost();
			throw ex;
		}
	}

}
