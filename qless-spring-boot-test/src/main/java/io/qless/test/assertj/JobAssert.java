package io.qless.test.assertj;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.qless.core.HistoryEntry;
import io.qless.core.Job;
import io.qless.core.JobFailure;
import io.qless.core.JobState;
import org.assertj.core.api.AbstractObjectAssert;
import org.jspecify.annotations.Nullable;

/**
 * AssertJ assertions on a qless {@link Job}: its state, queue, failure and history.
 * Obtain one from {@link QlessAssertions#assertThat(Job)}.
 */
public class JobAssert extends AbstractObjectAssert<JobAssert, Job> {

	JobAssert(@Nullable Job job) {
		super(job, JobAssert.class);
	}

	/**
	 * Verify that the job is in {@code state}.
	 * @param state the state
	 * @return {@code this}
	 */
	public JobAssert hasState(JobState state) {
		isNotNull();
		if (this.actual.state() != state) {
			failWithMessage("Expected job %s to be %s but was %s%s", this.actual.jid(), state.wireName(),
					this.actual.state().wireName(), failureText());
		}
		return this;
	}

	/**
	 * Verify that the job completed.
	 * @return {@code this}
	 */
	public JobAssert isComplete() {
		return hasState(JobState.COMPLETE);
	}

	/**
	 * Verify that the job failed.
	 * @return {@code this}
	 */
	public JobAssert isFailed() {
		return hasState(JobState.FAILED);
	}

	/**
	 * Verify that the job waits to be popped.
	 * @return {@code this}
	 */
	public JobAssert isWaiting() {
		return hasState(JobState.WAITING);
	}

	/**
	 * Verify that the job is scheduled for later (a delay, or a retry's back-off).
	 * @return {@code this}
	 */
	public JobAssert isScheduled() {
		return hasState(JobState.SCHEDULED);
	}

	/**
	 * Verify that the job waits for other jobs to complete.
	 * @return {@code this}
	 */
	public JobAssert isDepending() {
		return hasState(JobState.DEPENDS);
	}

	/**
	 * Verify that the job is in {@code queue} (for a failed job: the queue it failed in).
	 * @param queue the queue
	 * @return {@code this}
	 */
	public JobAssert isInQueue(String queue) {
		isNotNull();
		if (!Objects.equals(this.actual.queue(), queue)) {
			failWithMessage("Expected job %s to be in queue '%s' but was in '%s'", this.actual.jid(), queue,
					this.actual.queue());
		}
		return this;
	}

	/**
	 * Verify that the job has {@code klass}.
	 * @param klass the job class
	 * @return {@code this}
	 */
	public JobAssert hasKlass(String klass) {
		isNotNull();
		if (!Objects.equals(this.actual.klass(), klass)) {
			failWithMessage("Expected job %s to have klass '%s' but had '%s'", this.actual.jid(), klass,
					this.actual.klass());
		}
		return this;
	}

	/**
	 * Verify that the job has failed under {@code group}.
	 * @param group the failure group, for example an exception's class name
	 * @return {@code this}
	 */
	public JobAssert hasFailureGroup(String group) {
		JobFailure failure = failure();
		if (!failure.group().equals(group)) {
			failWithMessage("Expected job %s to have failed in group '%s' but the group was '%s' (%s)",
					this.actual.jid(), group, failure.group(), failure.message());
		}
		return this;
	}

	/**
	 * Verify that the job has failed under the name of an exception class, as the default
	 * error handler records it.
	 * @param exceptionType the exception class
	 * @return {@code this}
	 */
	public JobAssert hasFailureGroup(Class<? extends Throwable> exceptionType) {
		return hasFailureGroup(exceptionType.getName());
	}

	/**
	 * Verify that the job's failure message contains {@code text}.
	 * @param text the text
	 * @return {@code this}
	 */
	public JobAssert hasFailureMessageContaining(String text) {
		JobFailure failure = failure();
		if (!failure.message().contains(text)) {
			failWithMessage("Expected the failure message of job %s to contain '%s' but it was '%s'",
					this.actual.jid(), text, failure.message());
		}
		return this;
	}

	/**
	 * Verify that the job's history is exactly these entries ({@code put},
	 * {@code popped}, {@code done}, {@code failed}, {@code timed-out}, or messages given to
	 * {@code log}), in order.
	 * @param whats what each entry says happened
	 * @return {@code this}
	 */
	public JobAssert hasHistoryEntries(String... whats) {
		isNotNull();
		List<String> actual = whats();
		if (!actual.equals(Arrays.asList(whats))) {
			failWithMessage("Expected the history of job %s to be %s but was %s", this.actual.jid(),
					Arrays.asList(whats), actual);
		}
		return this;
	}

	/**
	 * Verify that the job's history contains these entries in this order, with any others
	 * between them.
	 * @param whats what the entries say happened
	 * @return {@code this}
	 */
	public JobAssert hasHistoryEntriesInOrder(String... whats) {
		isNotNull();
		List<String> actual = whats();
		int next = 0;
		for (String what : actual) {
			if (next < whats.length && whats[next].equals(what)) {
				next++;
			}
		}
		if (next < whats.length) {
			failWithMessage("Expected the history of job %s to contain %s in this order but was %s",
					this.actual.jid(), Arrays.asList(whats), actual);
		}
		return this;
	}

	/**
	 * Verify that the job was put into these queues, in this order (its first put and each
	 * {@code Next} step or requeue).
	 * @param queues the queues
	 * @return {@code this}
	 */
	public JobAssert wasPutInto(String... queues) {
		isNotNull();
		List<@Nullable String> actual = this.actual.history()
			.stream()
			.filter((entry) -> entry.what().equals("put"))
			.map(HistoryEntry::queue)
			.toList();
		if (!actual.equals(Arrays.asList(queues))) {
			failWithMessage("Expected job %s to have been put into %s but it was put into %s", this.actual.jid(),
					Arrays.asList(queues), actual);
		}
		return this;
	}

	/**
	 * Verify how many times the job was handed to a worker: once per attempt and step.
	 * @param times the number of {@code popped} entries
	 * @return {@code this}
	 */
	public JobAssert wasPopped(int times) {
		isNotNull();
		long popped = this.actual.history().stream().filter((entry) -> entry.what().equals("popped")).count();
		if (popped != times) {
			failWithMessage("Expected job %s to have been popped %s times but it was popped %s times (history %s)",
					this.actual.jid(), times, popped, whats());
		}
		return this;
	}

	/**
	 * Verify that the job carries these tags, among others.
	 * @param tags the tags
	 * @return {@code this}
	 */
	public JobAssert hasTags(String... tags) {
		isNotNull();
		if (!this.actual.tags().containsAll(Arrays.asList(tags))) {
			failWithMessage("Expected job %s to have tags %s but it had %s", this.actual.jid(), Arrays.asList(tags),
					this.actual.tags());
		}
		return this;
	}

	/**
	 * Verify how many retries the job has left.
	 * @param remaining the retries left
	 * @return {@code this}
	 */
	public JobAssert hasRetriesLeft(long remaining) {
		isNotNull();
		if (this.actual.remaining() != remaining) {
			failWithMessage("Expected job %s to have %s retries left but it had %s", this.actual.jid(), remaining,
					this.actual.remaining());
		}
		return this;
	}

	private JobFailure failure() {
		isNotNull();
		JobFailure failure = this.actual.failure();
		if (failure == null) {
			failWithMessage("Expected job %s to have a failure but it has none (state %s)", this.actual.jid(),
					this.actual.state().wireName());
		}
		return Objects.requireNonNull(failure);
	}

	private String failureText() {
		JobFailure failure = this.actual.failure();
		return (failure != null) ? " (failure [" + failure.group() + "] " + failure.message() + ")" : "";
	}

	private List<String> whats() {
		return this.actual.history().stream().map(HistoryEntry::what).toList();
	}

}
