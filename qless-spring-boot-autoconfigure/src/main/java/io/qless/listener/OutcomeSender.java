package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.qless.core.LockLostException;
import io.qless.core.QlessBatch;
import io.qless.core.QlessException;
import io.qless.core.QlessOperations;
import io.qless.core.QlessUnavailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one way jobs are settled: sends job outcomes (complete, advance, retry, fail) to
 * qless from one thread, as many as are waiting in one pipelined round trip, so that
 * finishing a job never makes the next pop wait. When Redis is unreachable the outcomes
 * are kept and sent again once it answers: a finished job is never forgotten while the
 * container runs. Outcomes a handler settles itself go the same way, and the handler
 * waits for qless's answer.
 */
final class OutcomeSender {

	private static final Log logger = LogFactory.getLog(OutcomeSender.class);

	private static final int MAX_BATCH = 512;

	private final QlessOperations qless;

	private final String worker;

	private final JobObserver observer;

	private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

	private final Thread thread;

	private volatile boolean running = true;

	private volatile boolean abandoned;

	private volatile int unsent;

	OutcomeSender(QlessOperations qless, String worker, JobObserver observer, String name) {
		this.qless = qless;
		this.worker = worker;
		this.observer = observer;
		this.thread = new Thread(this::run, name);
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	/**
	 * Queue an outcome; it is sent with the next batch.
	 */
	void send(JobOutcome outcome, Duration handlerTime) {
		this.queue.add(new Pending(outcome, handlerTime, null));
	}

	/**
	 * Queue an outcome and wait until qless has accepted or refused it. While Redis is
	 * unreachable the outcome is kept and sent again, and this keeps waiting.
	 * @throws QlessException what qless refused the outcome with
	 * @throws QlessUnavailableException if the thread is interrupted first (the outcome
	 * stays queued)
	 */
	void sendAndWait(JobOutcome outcome, Duration handlerTime) {
		Assert.state(this.running, () -> "The container is stopping; job " + outcome.job().jid() + " was not settled");
		CompletableFuture<Void> answered = new CompletableFuture<>();
		this.queue.add(new Pending(outcome, handlerTime, answered));
		try {
			answered.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new CompletionException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new QlessUnavailableException(outcome.name(null), "interrupted while waiting for qless to accept job "
					+ outcome.job().jid() + "; the outcome stays queued and is sent when Redis answers", ex);
		}
	}

	/**
	 * Send what is queued, then stop, waiting at most {@code timeout}.
	 */
	void stop(Duration timeout) {
		this.running = false;
		try {
			this.thread.join(Math.max(1, timeout.toMillis()));
			if (this.thread.isAlive()) {
				this.abandoned = true;
				this.thread.interrupt();
				this.thread.join(1_000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int lost = Math.max(this.unsent, this.queue.size());
		if (lost > 0) {
			logger.warn("qless: " + lost + " job outcomes could not be sent before shutdown; "
					+ "those jobs will be handed out again when their locks expire");
		}
	}

	private void run() {
		List<Pending> batch = new ArrayList<>();
		Backoff backoff = new Backoff("sending job outcomes");
		while (this.running || !this.queue.isEmpty() || !batch.isEmpty()) {
			try {
				if (batch.isEmpty()) {
					Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
					if (first == null) {
						continue;
					}
					batch.add(first);
					this.queue.drainTo(batch, MAX_BATCH - 1);
				}
				RuntimeException failure = sendBatch(batch);
				if (failure == null) {
					backoff.succeeded();
				}
				else if (this.abandoned || !backoff.pause(failure)) {
					// Redis unreachable: what is left of the batch is sent again once it answers
					this.unsent = batch.size() + this.queue.size();
					return;
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * Send the batch in one pipeline and report each outcome qless answered, removing it
	 * from the batch. What is left did not get an answer (Redis unreachable) and is sent
	 * again, so no outcome is reported twice.
	 * @return why some outcomes are left, or {@code null} when none are
	 */
	private @Nullable RuntimeException sendBatch(List<Pending> batch) {
		QlessBatch commands = this.qless.batch();
		List<CompletableFuture<?>> replies = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			replies.add(pending.outcome().addTo(commands, this.worker));
		}
		RuntimeException failure = null;
		try {
			commands.execute();
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		List<Pending> unanswered = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			Pending pending = batch.get(i);
			RuntimeException unreachable = report(pending, replies.get(i));
			if (unreachable != null) {
				unanswered.add(pending.resent());
				failure = (failure != null) ? failure : unreachable;
			}
		}
		batch.clear();
		batch.addAll(unanswered);
		return unanswered.isEmpty() ? null : failure;
	}

	/**
	 * Report what qless answered for one outcome.
	 * @return the error when qless gave no answer (Redis unreachable), else {@code null}
	 */
	private @Nullable RuntimeException report(Pending pending, CompletableFuture<?> reply) {
		JobOutcome outcome = pending.outcome();
		String jid = outcome.job().jid();
		String queue = outcome.job().queue();
		String klass = outcome.job().klass();
		if (!reply.isDone()) {
			return new QlessUnavailableException(outcome.name(null), "no reply from Redis for job " + jid, null);
		}
		try {
			Object value = reply.join();
			this.observer.jobFinished(queue, klass, outcome.name(value), pending.handlerTime());
			pending.answered(null);
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof QlessUnavailableException unavailable) {
				return unavailable;
			}
			if (cause instanceof LockLostException lost && pending.resends() > 0
					&& lost.getReason() == LockLostException.Reason.NOT_RUNNING) {
				// Sent before Redis went away, run, and its reply lost: already settled.
				logger.debug("qless: job " + jid + " was already settled before Redis went away");
				this.observer.jobFinished(queue, klass, outcome.name(null), pending.handlerTime());
				pending.answered(null);
			}
			else if (cause instanceof LockLostException lost) {
				logger.info("qless: job " + jid + " was not " + outcome.name(null) + ": " + lost.getScriptMessage());
				this.observer.lockLost(queue, klass);
				pending.answered(lost);
			}
			else if (cause instanceof QlessException error) {
				logger.warn("qless: qless refused to mark job " + jid + " " + outcome.name(null) + ": "
						+ error.getScriptMessage());
				pending.answered(error);
			}
			else {
				return (cause instanceof RuntimeException runtime) ? runtime : ex;
			}
		}
		catch (CancellationException ex) {
			return ex;
		}
		return null;
	}

	private record Pending(JobOutcome outcome, Duration handlerTime, @Nullable CompletableFuture<Void> waiter,
			int resends) {

		Pending(JobOutcome outcome, Duration handlerTime, @Nullable CompletableFuture<Void> waiter) {
			this(outcome, handlerTime, waiter, 0);
		}

		Pending resent() {
			return new Pending(this.outcome, this.handlerTime, this.waiter, this.resends + 1);
		}

		void answered(@Nullable RuntimeException refusal) {
			if (this.waiter == null) {
				return;
			}
			if (refusal != null) {
				this.waiter.completeExceptionally(refusal);
			}
			else {
				this.waiter.complete(null);
			}
		}

	}

}
