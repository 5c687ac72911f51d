package io.qless.listener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.qless.core.Job;
import io.qless.core.QlessBatch;
import io.qless.core.RawJson;
import io.qless.handler.Next;

/**
 * What a finished handler asks qless to do with its job, sent in batches by
 * {@link OutcomeSender}.
 */
sealed interface JobOutcome {

	Job job();

	/**
	 * Add this outcome's command to {@code batch}.
	 */
	CompletableFuture<?> addTo(QlessBatch batch, String worker);

	/**
	 * Return the name metrics use for this outcome.
	 */
	String name();

	record Complete(Job job) implements JobOutcome {

		@Override
		public CompletableFuture<?> addTo(QlessBatch batch, String worker) {
			return batch.complete(this.job.jid(), worker, this.job.queue(), new RawJson(this.job.data()));
		}

		@Override
		public String name() {
			return "completed";
		}

	}

	record Advance(Job job, Next next) implements JobOutcome {

		@Override
		public CompletableFuture<?> addTo(QlessBatch batch, String worker) {
			return batch.complete(this.job.jid(), worker, this.job.queue(), new RawJson(this.job.data()), this.next.queue(),
					this.next.delay(), this.next.dependsOn());
		}

		@Override
		public String name() {
			return "advanced";
		}

	}

	record Retry(Job job, Duration delay, String group, String message) implements JobOutcome {

		@Override
		public CompletableFuture<?> addTo(QlessBatch batch, String worker) {
			return batch.retry(this.job.jid(), this.job.queue(), worker, this.delay, this.group, this.message);
		}

		@Override
		public String name() {
			return "retried";
		}

	}

	record Fail(Job job, String group, String message) implements JobOutcome {

		@Override
		public CompletableFuture<?> addTo(QlessBatch batch, String worker) {
			return batch.fail(this.job.jid(), worker, this.group, this.message);
		}

		@Override
		public String name() {
			return "failed";
		}

	}

}
