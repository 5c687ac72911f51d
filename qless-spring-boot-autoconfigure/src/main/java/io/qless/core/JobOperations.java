package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Operations on jobs by jid, obtained from {@link QlessOperations#jobs()}. Every method is
 * one script call, one network round trip. The worker commands ({@code complete},
 * {@code fail}, {@code retry}, {@code heartbeat}) raise {@link LockLostException} when the
 * worker no longer holds the job; {@link QlessBatch} sends many of them in one round trip.
 */
public interface JobOperations {

	/**
	 * Return a job.
	 * @param jid the jid
	 * @return the job, or {@code null} if it does not exist
	 */
	@Nullable Job get(String jid);

	/**
	 * Return several jobs; jids that do not exist are skipped.
	 * @param jids the jids
	 * @return the jobs that exist, in argument order
	 */
	List<Job> get(Collection<String> jids);

	/**
	 * Complete a job held by its worker, keeping its data.
	 * @param job the job as popped ({@link Job#worker()} and {@link Job#queue()} are
	 * used)
	 * @return {@link JobState#COMPLETE}
	 */
	JobState complete(Job job);

	/**
	 * Complete a job.
	 * @param jid the jid
	 * @param worker the worker holding it
	 * @param queue the queue it runs in
	 * @param data the data to store (a {@link RawJson} or any object)
	 * @return {@link JobState#COMPLETE}
	 */
	JobState complete(String jid, String worker, String queue, @Nullable Object data);

	/**
	 * Complete a job's step and put it into the next queue.
	 * @param jid the jid
	 * @param worker the worker holding it
	 * @param queue the queue it runs in
	 * @param data the data to store
	 * @param nextQueue the queue to put it in
	 * @param delay how long before it can be popped there
	 * @param depends jids it waits on there
	 * @return {@link JobState#WAITING}, {@link JobState#SCHEDULED} or {@link JobState#DEPENDS}
	 */
	JobState complete(String jid, String worker, String queue, @Nullable Object data, String nextQueue,
			Duration delay, Collection<String> depends);

	/**
	 * Fail a job into a failure group.
	 * @param jid the jid
	 * @param worker the worker holding it
	 * @param group the failure group
	 * @param message the failure message
	 * @return the jid
	 */
	String fail(String jid, String worker, String group, String message);

	/**
	 * Fail a job and replace its data.
	 * @param jid the jid
	 * @param worker the worker holding it
	 * @param group the failure group
	 * @param message the failure message
	 * @param data the new data
	 * @return the jid
	 */
	String fail(String jid, String worker, String group, String message, @Nullable Object data);

	/**
	 * Give a job back to its queue, using up one retry; once the retries are used up the job
	 * fails into {@code group} (or {@code failed-retries-<queue>}).
	 * @param jid the jid
	 * @param queue the queue to put it back in
	 * @param worker the worker holding it
	 * @param delay how long before it can be popped again
	 * @param group the failure group to record, or {@code null}
	 * @param message the failure message to record, or {@code null}
	 * @return the retries left, {@code -1} if the job failed
	 */
	long retry(String jid, String queue, String worker, Duration delay, @Nullable String group,
			@Nullable String message);

	/**
	 * Renew a job's lock.
	 * @param jid the jid
	 * @param worker the worker holding it
	 * @return the new expiry (whole seconds)
	 */
	Instant heartbeat(String jid, String worker);

	/**
	 * Renew a job's lock and replace its data.
	 * @param jid the jid
	 * @param worker the worker holding it
	 * @param data the new data
	 * @return the new expiry (whole seconds)
	 */
	Instant heartbeat(String jid, String worker, @Nullable Object data);

	/**
	 * Delete jobs. Completed jobs are left alone. Fails with {@link JobStateException} and
	 * changes nothing if a job that is not named depends on a named one.
	 * @param jids the jids
	 * @return the jids given
	 */
	List<String> cancel(Collection<String> jids);

	/**
	 * Delete jobs.
	 * @param jids the jids
	 * @return the jids given
	 * @see #cancel(Collection)
	 */
	List<String> cancel(String... jids);

	/**
	 * Change a job's priority.
	 * @param jid the jid
	 * @param priority the priority
	 * @return the priority
	 */
	long priority(String jid, int priority);

	/**
	 * Add tags to a job.
	 * @param jid the jid
	 * @param tags the tags
	 * @return the job's tags
	 */
	List<String> tag(String jid, String... tags);

	/**
	 * Remove tags from a job.
	 * @param jid the jid
	 * @param tags the tags
	 * @return the job's tags
	 */
	List<String> untag(String jid, String... tags);

	/**
	 * List the jobs that carry a tag, oldest tagging first.
	 * @param tag the tag
	 * @param offset how many to skip
	 * @param count how many at most
	 * @return the page of jids
	 */
	JidPage tagged(String tag, int offset, int count);

	/**
	 * List the most used tags (only tags used at least twice).
	 * @param offset how many to skip
	 * @param count how many at most
	 * @return the tags
	 */
	List<String> topTags(int offset, int count);

	/**
	 * Track a job: its events are published on the tracked channels.
	 * @param jid the jid
	 * @return whether it was not tracked before
	 */
	boolean track(String jid);

	/**
	 * Stop tracking a job.
	 * @param jid the jid
	 * @return whether it was tracked
	 */
	boolean untrack(String jid);

	/**
	 * Return the tracked jobs.
	 * @return the tracked jobs
	 */
	TrackedJobs tracked();

	/**
	 * Make a job that waits on dependencies wait on more jobs.
	 * @param jid the jid (in state {@link JobState#DEPENDS})
	 * @param jids the jobs to wait on
	 */
	void dependsOn(String jid, String... jids);

	/**
	 * Make a job that waits on dependencies stop waiting on some of them.
	 * @param jid the jid (in state {@link JobState#DEPENDS})
	 * @param jids the jobs to stop waiting on
	 */
	void dependsOff(String jid, String... jids);

	/**
	 * Make a job that waits on dependencies stop waiting on all of them.
	 * @param jid the jid (in state {@link JobState#DEPENDS})
	 */
	void dependsOffAll(String jid);

	/**
	 * Add an entry to a job's history.
	 * @param jid the jid
	 * @param message what happened
	 * @param data a JSON object whose keys go into the entry, or {@code null}
	 */
	void log(String jid, String message, @Nullable Object data);

	/**
	 * Time out running jobs: each goes back to its queue ahead of all others.
	 * @param jids the jids
	 */
	void timeout(String... jids);

	/**
	 * List completed jobs, newest first.
	 * @param offset how many to skip
	 * @param count how many at most
	 * @return the jids
	 */
	List<String> completed(int offset, int count);

}
