package io.qless.listener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.qless.core.BatchResult;
import io.qless.core.LockLostException;
import io.qless.core.QlessException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tells what qless answered for each job outcome: the job observer (metrics), the log for
 * outcomes qless refused, and a handler waiting in an explicit complete, fail or retry.
 */
final class OutcomeReporter {

	private static final Log logger = LogFactory.getLog(OutcomeReporter.class);

	private final JobObserver observer;

	OutcomeReporter(JobObserver observer) {
		this.observer = observer;
	}

	/**
	 * Report qless's answer to one outcome.
	 */
	void report(Pending pending, BatchResult<Object> answer) {
		JobOutcome outcome = pending.outcome();
		String jid = outcome.job().jid();
		String queue = outcome.job().queue();
		String klass = outcome.job().klass();
		RuntimeException error = answer.error();
		if (error == null) {
			this.observer.jobFinished(queue, klass, outcome.name(answer.value()), pending.handlerTime());
			pending.answered(null);
		}
		else if (error instanceof LockLostException lost && pending.resends() > 0
				&& lost.getReason() == LockLostException.Reason.NOT_RUNNING) {
			// Sent before Redis went away, run, and its answer lost: already settled.
			logger.debug("qless: job " + jid + " was already settled before Redis went away");
			this.observer.jobFinished(queue, klass, outcome.name(null), pending.handlerTime());
			pending.answered(null);
		}
		else if (error instanceof LockLostException lost) {
			logger.info("qless: job " + jid + " was not " + outcome.name(null) + ": " + lost.getScriptMessage());
			this.observer.lockLost(queue, klass);
			pending.answered(lost);
		}
		else {
			String reason = (error instanceof QlessException qless) ? qless.getScriptMessage() : error.toString();
			logger.warn("qless: qless refused to mark job " + jid + " " + outcome.name(null) + ": " + reason);
			pending.answered(error);
		}
	}

	/**
	 * An outcome on its way to qless, with the handler waiting for it if any.
	 */
	record Pending(JobOutcome outcome, Duration handlerTime, @Nullable CompletableFuture<Void> waiter, int resends) {

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
