package io.qless.dashboard.data;

import java.util.List;

import io.qless.core.Job;

/**
 * Everything the job page shows.
 *
 * @param job the job
 * @param summary the job as a list row
 * @param data the data as indented JSON, or {@code null} when data display is off
 * @param history the history, oldest first
 * @param lockExpiry when the lock expires, {@code ""} if the job holds none
 * @param failedAt when the job failed, {@code ""} if it has no failure
 * @param failureMessage the whole failure message (with stack trace), {@code ""} if none
 */
public record JobDetail(Job job, JobSummary summary, @org.jspecify.annotations.Nullable String data,
		List<HistoryRow> history, String lockExpiry, String failedAt, String failureMessage) {

	/**
	 * Return whether the job is failed, so retry applies.
	 * @return whether failed
	 */
	public boolean failed() {
		return "failed".equals(this.summary.state());
	}

	/**
	 * One history entry.
	 *
	 * @param when when it happened
	 * @param ago how long ago
	 * @param what what happened
	 * @param details its other fields, as {@code key=value} pairs
	 */
	public record HistoryRow(String when, String ago, String what, String details) {

	}

}
