package io.qless.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Puts made inside a Spring transaction, held until it commits and dropped if it rolls
 * back, so that a job never runs for data its transaction did not write. At commit the
 * held puts of the transaction go to Redis in one pipelined round trip; what fails
 * because Redis is unreachable is tried again in the background for up to
 * {@link #RETRY_FOR_MILLIS}, then logged as an error naming the jobs (the transaction has
 * committed by then: use an outbox table where that must never happen).
 */
final class AfterCommitPuts {

	private static final Log logger = LogFactory.getLog(AfterCommitPuts.class);

	static final long RETRY_FOR_MILLIS = 60_000;

	private final QlessTemplate template;

	private volatile boolean enabled;

	private volatile ExecutorService retries;

	AfterCommitPuts(QlessTemplate template) {
		this.template = template;
	}

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Return whether a put now is held until a transaction commits.
	 */
	boolean isHolding() {
		return this.enabled && TransactionSynchronizationManager.isSynchronizationActive()
				&& TransactionSynchronizationManager.isActualTransactionActive();
	}

	/**
	 * Hold a put until the current transaction commits.
	 */
	void hold(QlessCommand<String> put) {
		Held held = (Held) TransactionSynchronizationManager.getResource(this);
		if (held == null) {
			held = new Held();
			TransactionSynchronizationManager.bindResource(this, held);
			TransactionSynchronizationManager.registerSynchronization(held);
		}
		held.puts.add(put);
	}

	/**
	 * Hold any action (a batch that puts jobs) until the current transaction commits.
	 */
	void hold(Runnable action) {
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				action.run();
			}

		});
	}

	private void send(List<QlessCommand<String>> puts, long giveUpAt) {
		List<QlessCommand<String>> unsent = new ArrayList<>();
		RuntimeException failure = null;
		try {
			List<BatchResult<String>> results = this.template.executeAll(puts);
			for (int i = 0; i < results.size(); i++) {
				RuntimeException error = results.get(i).error();
				if (error instanceof QlessUnavailableException) {
					unsent.add(puts.get(i));
					failure = error;
				}
				else if (error != null) {
					logger.error("qless: put of job " + jid(puts.get(i)) + " after its transaction committed was "
							+ "refused: " + error.getMessage());
				}
			}
		}
		catch (RuntimeException ex) {
			unsent.addAll(puts);
			failure = ex;
		}
		if (unsent.isEmpty()) {
			return;
		}
		if (System.currentTimeMillis() >= giveUpAt) {
			logger.error("qless: jobs " + unsent.stream().map(AfterCommitPuts::jid).toList() + " were not put after "
					+ "their transaction committed: Redis did not answer within " + RETRY_FOR_MILLIS / 1000 + " s ("
					+ failure + ")");
			return;
		}
		logger.warn("qless: putting " + unsent.size() + " jobs after their transaction committed failed; trying again: "
				+ failure);
		retries().execute(() -> {
			try {
				TimeUnit.SECONDS.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			send(unsent, giveUpAt);
		});
	}

	private synchronized ExecutorService retries() {
		if (this.retries == null) {
			this.retries = Executors.newSingleThreadExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "qless-after-commit-puts");
				thread.setDaemon(true);
				return thread;
			});
		}
		return this.retries;
	}

	private static String jid(QlessCommand<String> put) {
		// put <worker> <queue> <jid> ...
		List<String> args = put.call().args();
		return (args.size() > 2) ? args.get(2) : "?";
	}

	/**
	 * The puts one transaction holds.
	 */
	private final class Held implements TransactionSynchronization {

		private final List<QlessCommand<String>> puts = new ArrayList<>();

		@Override
		public void afterCommit() {
			send(List.copyOf(this.puts), System.currentTimeMillis() + RETRY_FOR_MILLIS);
		}

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(AfterCommitPuts.this);
			if (status != STATUS_COMMITTED && !this.puts.isEmpty()) {
				logger.debug("qless: " + this.puts.size() + " puts dropped: their transaction rolled back");
			}
		}

	}

}
