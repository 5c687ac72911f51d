package io.qless.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A job as the script describes it, every field included. {@code data} is
 * the raw JSON text; read it as a type with {@link QlessOperations#readData(Job, Class)}.
 *
 * @param jid the job id
 * @param klass the class name: free text, so jobs can be shared with Ruby and Python workers
 * @param state the state
 * @param queue the queue, {@code ""} once complete
 * @param worker the current or last worker, {@code ""} if none
 * @param tracked whether the job is tracked
 * @param priority the priority (higher pops first)
 * @param expires the lock expiry in seconds since the epoch, {@code 0} if not running
 * @param retries the retry budget
 * @param remaining the retries left ({@code -1} once exhausted)
 * @param data the payload as raw JSON text
 * @param tags the tags
 * @param history the history, oldest first
 * @param failure why the job failed, or {@code null} if it has no failure recorded
 * @param spawnedFromJid the recurring template this job was spawned from, or {@code null}
 * @param dependents the jobs waiting on this one
 * @param dependencies the jobs this one waits on
 * @param throttles the throttles the job must hold a lock on to run, its queue's implicit
 * throttle last; empty for a job put without throttles
 */
public record Job(String jid, String klass, JobState state, String queue, String worker, boolean tracked,
		long priority, double expires, long retries, long remaining, String data, List<String> tags,
		List<HistoryEntry> history, @Nullable JobFailure failure, @Nullable String spawnedFromJid,
		List<String> dependents, List<String> dependencies, List<String> throttles) {

	/**
	 * Return the lock expiry as an instant.
	 * @return the expiry, or {@code null} if the job holds no lock
	 */
	public @Nullable Instant expiresAt() {
		return (this.expires > 0) ? Instant.ofEpochMilli(Math.round(this.expires * 1000)) : null;
	}

}
