package io.qless.test.jobs;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link QlessTestJobs#drain(String...) drain} saw end: the jobs that completed and
 * the jobs that failed, each in the order the drain first saw them. A job an earlier
 * drain of the same test reported is not reported again.
 *
 * @param completed the jids of the jobs that completed
 * @param failed the jobs that failed, with their failure groups and messages
 */
public record DrainResult(List<String> completed, List<FailedJob> failed) {

	public DrainResult {
		completed = List.copyOf(completed);
		failed = List.copyOf(failed);
	}

	/**
	 * Return the jids of the jobs that failed.
	 * @return the jids
	 */
	public List<String> failedJids() {
		return this.failed.stream().map(FailedJob::jid).toList();
	}

	/**
	 * Return how a job failed.
	 * @param jid the jid
	 * @return the failure, or {@code null} if the job did not fail during the drain
	 */
	public @Nullable FailedJob failure(String jid) {
		return this.failed.stream().filter((job) -> job.jid().equals(jid)).findFirst().orElse(null);
	}

}
