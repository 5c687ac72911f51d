package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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

/**
 * Sends job outcomes (complete, advance, retry, fail) to qless from one thread, as many
 * as are waiting in one pipelined round trip, so that finishing a job never makes the
 * next pop wait. When Redis is unreachable the outcomes are kept and sent again once it
 * answers: a finished job is never forgotten while the container runs.
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

	void send(JobOutcome outcome, Duration handlerTime) {
		this.queue.add(new Pending(outcome, handlerTime));
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
			logger.warn(lost + " job outcomes could not be sent before shutdown; "
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
			RuntimeException unreachable = report(batch.get(i), replies.get(i));
			if (unreachable != null) {
				unanswered.add(batch.get(i));
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
		String queue = outcome.job().queue();
		String klass = outcome.job().klass();
		if (!reply.isDone()) {
			return new IllegalStateException("No reply from Redis");
		}
		try {
			reply.join();
			this.observer.jobFinished(queue, klass, outcome.name(), pending.handlerTime());
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof QlessUnavailableException unavailable) {
				return unavailable;
			}
			if (cause instanceof LockLostException lost) {
				logger.info("Job " + outcome.job().jid() + " was not " + outcome.name() + ": " + lost.getScriptMessage());
				this.observer.lockLost(queue, klass);
			}
			else if (cause instanceof QlessException error) {
				logger.warn("qless refused to mark job " + outcome.job().jid() + " " + outcome.name() + ": "
						+ error.getScriptMessage());
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

	private record Pending(JobOutcome outcome, Duration handlerTime) {
	}

}
