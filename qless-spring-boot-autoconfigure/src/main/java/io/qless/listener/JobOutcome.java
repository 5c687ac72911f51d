package io.qless.listener;

import java.time.Duration;

import io.qless.core.Job;
import io.qless.core.Settlement;
import io.qless.handler.Next;
import org.jspecify.annotations.Nullable;

/**
 * What a finished handler, or a handler settling its job itself, asks qless to do with a
 * job: the one mapping from an outcome to the {@link Settlement} that carries it out, sent
 * by the container's {@link JobLoop}.
 */
sealed interface JobOutcome {

	Job job();

	/**
	 * Return the settlement that carries this outcome out.
	 */
	Settlement settlement();

	/**
	 * Return the name metrics use for this outcome once qless accepted it, given qless's
	 * answer ({@code null} when not known).
	 */
	String name(@Nullable Object reply);

	static JobOutcome of(Job job, String data, ErrorDecision decision) {
		if (decision instanceof ErrorDecision.Retry retry) {
			return new Retry(job, retry.delay(), retry.group(), retry.message());
		}
		if (decision instanceof ErrorDecision.Fail fail) {
			return new Fail(job, fail.group(), fail.message());
		}
		return new Advance(job, data, ((ErrorDecision.MoveTo) decision).next());
	}

	/**
	 * Complete; {@code data} is the job's data as the handler left it (what a script
	 * without {@code settle} is given to store).
	 */
	record Complete(Job job, String data) implements JobOutcome {

		@Override
		public Settlement settlement() {
			return Settlement.complete(this.job.jid(), this.job.queue(), this.data);
		}

		@Override
		public String name(@Nullable Object reply) {
			return "completed";
		}

	}

	record Advance(Job job, String data, Next next) implements JobOutcome {

		@Override
		public Settlement settlement() {
			return Settlement.advance(this.job.jid(), this.job.queue(), this.data, this.next.queue(),
					this.next.delay(), this.next.dependsOn());
		}

		@Override
		public String name(@Nullable Object reply) {
			return "advanced";
		}

	}

	record Retry(Job job, Duration delay, @Nullable String group, @Nullable String message) implements JobOutcome {

		@Override
		public Settlement settlement() {
			return Settlement.retry(this.job.jid(), this.job.queue(), this.delay, this.group, this.message);
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
		public Settlement settlement() {
			return Settlement.fail(this.job.jid(), this.job.queue(), this.group, this.message);
		}

		@Override
		public String name(@Nullable Object reply) {
			return "failed";
		}

	}

}
