package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.qless.core.LockLostException;
import io.qless.core.QlessBatch;
import io.qless.core.QlessException;
import io.qless.core.QlessOperations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
		while (this.running || !this.queue.isEmpty()) {
			try {
				if (batch.isEmpty()) {
					Pending first = this.queue.poll(100, TimeUnit.MILLISECONDS);
					if (first == null) {
						continue;
					}
					batch.add(first);
					this.queue.drainTo(batch, MAX_BATCH - 1);
				}
				sendBatch(batch);
				batch.clear();
				backoff.succeeded();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				// Redis unreachable: keep the batch and send it again (a repeated complete is refused harmlessly)
				if (this.abandoned || !backoff.pause(ex)) {
					this.unsent = batch.size() + this.queue.size();
					return;
				}
			}
		}
	}

	private void sendBatch(List<Pending> batch) {
		QlessBatch commands = this.qless.batch();
		List<CompletableFuture<?>> replies = new ArrayList<>(batch.size());
		for (Pending pending : batch) {
			replies.add(pending.outcome().addTo(commands, this.worker));
		}
		commands.execute();
		for (int i = 0; i < batch.size(); i++) {
			report(batch.get(i), replies.get(i));
		}
	}

	private void report(Pending pending, CompletableFuture<?> reply) {
		JobOutcome outcome = pending.outcome();
		String queue = outcome.job().queue();
		String klass = outcome.job().klass();
		try {
			reply.join();
			this.observer.jobFinished(queue, klass, outcome.name(), pending.handlerTime());
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof LockLostException lost) {
				logger.info("Job " + outcome.job().jid() + " was not " + outcome.name() + ": " + lost.getScriptMessage());
				this.observer.lockLost(queue, klass);
			}
			else if (cause instanceof QlessException error) {
				logger.warn("qless refused to mark job " + outcome.job().jid() + " " + outcome.name() + ": "
						+ error.getScriptMessage());
			}
			else {
				throw (cause instanceof RuntimeException runtime) ? runtime : ex;
			}
		}
	}

	private record Pending(JobOutcome outcome, Duration handlerTime) {
	}

}
