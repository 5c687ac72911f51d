package io.qless.dashboard.data;

import java.time.Instant;
import java.util.List;

import io.qless.core.HistoryEntry;
import io.qless.core.Job;
import io.qless.core.JobFailure;

/**
 * A job as one row of a list.
 *
 * @param jid the jid
 * @param klass the class name
 * @param state the state
 * @param queue the queue
 * @param worker the worker, {@code ""} if none
 * @param priority the priority
 * @param tags the tags
 * @param remaining the retries left
 * @param retries the retry budget
 * @param failure the first line of the failure message with its group, {@code ""} if none
 * @param lastEvent the last history entry, e.g. "popped 2 min ago", {@code ""} if none
 * @param failureGroup the failure group, {@code ""} if none
 */
public record JobSummary(String jid, String klass, String state, String queue, String worker, long priority,
		List<String> tags, long remaining, long retries, String failure, String lastEvent, String failureGroup) {

	private static final int FAILURE_LENGTH = 160;

	/**
	 * Summarize a job.
	 * @param job the job
	 * @param now the current time
	 * @return the summary
	 */
	public static JobSummary of(Job job, Instant now) {
		return new JobSummary(job.jid(), job.klass(), job.state().wireName(), job.queue(), job.worker(),
				job.priority(), job.tags(), job.remaining(), job.retries(), failure(job.failure()),
				lastEvent(job.history(), now), (job.failure() != null) ? job.failure().group() : "");
	}

	private static String failure(@org.jspecify.annotations.Nullable JobFailure failure) {
		if (failure == null) {
			return "";
		}
		String message = failure.message().strip();
		int newline = message.indexOf('\n');
		String line = (newline >= 0) ? message.substring(0, newline) : message;
		if (line.length() > FAILURE_LENGTH) {
			line = line.substring(0, FAILURE_LENGTH) + "…";
		}
		return failure.group() + ": " + line;
	}

	private static String lastEvent(List<HistoryEntry> history, Instant now) {
		if (history.isEmpty()) {
			return "";
		}
		HistoryEntry last = history.get(history.size() - 1);
		return last.what() + " " + Times.relative(last.instant(), now);
	}

}
