package io.qless.listener;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.qless.core.Job;
import io.qless.core.QlessBatch;
import io.qless.core.RawJson;
import io.qless.handler.Next;
import org.jspecify.annotations.Nullable;

/**
 * What a finished handler, or a handler settling its job itself, asks qless to do with a
 * job: the one mapping from an outcome to the script command that carries it out. Sent by
 * {@link OutcomeSender}.
 */
sealed interface JobOutcome {

	Job job();

	/**
	 * Add this outcome's command to {@code batch}.
	 */
	CompletableFuture<?> addTo(QlessBatch batch, String worker);

	/**
	 * Return the name metrics use for this outcome once qless accepted it, given qless's
	 * reply.
	 */
	String name(@Nullable Object reply);

	static JobOutcome of(Job job, ErrorDecision decision) {
		if (decision instanceof ErrorDecision.Retry retry) {
			return new Retry(job, retry.delay(), retry.group(), retry.message());
		}
		if (decision instanceof ErrorDecision.Fail fail) {
			return new Fail(job, fail.group(), fail.message());
		}
		return new Advance(job, ((ErrorDecision.MoveTo) decision).next());
	}

	record Complete(Job job) implements JobOutcome {

		@Override
		public CompletableFuture<?> addTo(QlessBatch batch, String worker) {
			return batch.complete(this.job.jid(), worker, this.job.queue(), new RawJson(this.job.data()));
		}

		@Override
		public String name(@Nullable Object reply) {
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
		public String name(@Nullable Object reply) {
			return "advanced";
		}

	}

	record Retry(Job job, Duration delay, @Nullable String group, @Nullable String message) implements JobOutcome {

		@Override
		public CompletableFuture<?> addTo(QlessBatch batch, String worker) {
			return batch.retry(this.job.jid(), this.job.queue(), worker, this.delay, this.group, this.message);
		}

		/**
		 * qless answers a retry with the retries left; below zero, it failed the job.
		 */
		@Override
		public String name(@Nullable Object reply) {
			return (reply instanceof Long remaining && remaining < 0) ? "failed" : "retried";
		}

	}

	record Fail(Job job, String group, String message) implements JobOutcome {

		@Override
		public CompletableFuture<?> addTo(QlessBatch batch, String worker) {
			return batch.fail(this.job.jid(), worker, this.group, this.message);
		}

		@Override
		public String name(@Nullable Object reply) {
			return "failed";
		}

	}

}
