package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Operations on one queue, obtained from {@link QlessOperations#queue(String)}. Every method
 * is one script call, one network round trip, except {@link #putAll(List)}, which
 * pipelines all its puts in one round trip.
 */
public interface QueueOperations {

	/**
	 * Return the queue name.
	 * @return the name
	 */
	String name();

	/**
	 * Put a job with a generated jid and default options.
	 * @param klass the class name (free text)
	 * @param payload the payload, written with the template's {@code JsonMapper}
	 * @return the jid
	 */
	String put(String klass, @Nullable Object payload);

	/**
	 * Put a job, or move an existing jid into this queue.
	 * @param request the job and its options
	 * @return the jid, or, when another job holds the request's
	 * {@linkplain PutRequest#unique(String) unique key}, that job's jid
	 */
	String put(PutRequest request);

	/**
	 * Put a job and tell whether the put was a duplicate: a request with a
	 * {@linkplain PutRequest#unique(String) unique key} held by another job creates no job,
	 * and the script replies the holder's jid instead of the one sent. Costs nothing more
	 * than {@link #put(PutRequest)}. Inside a transaction whose puts wait for the commit
	 * the outcome is not known yet: the result names the jid sent and is no duplicate.
	 * @param request the job and its options; a jid is generated if it has none
	 * @return the jid put or the holder's, and whether the put was a duplicate
	 */
	default PutResult putForResult(PutRequest request) {
		String jid = (request.jid() != null) ? request.jid() : QlessCommands.newJid();
		String put = put(request.jid(jid));
		return new PutResult(put, !jid.equals(put));
	}

	/**
	 * Put many jobs in one pipelined round trip. The puts reach the script in calls of up to
	 * 100 jobs ({@code put.many}), each put checked and made as {@link #put(PutRequest)}
	 * makes it, so one rejected put does not stop the others.
	 * @param requests the jobs
	 * @return the outcome of each put, in order
	 */
	List<BatchResult<String>> putAll(List<PutRequest> requests);

	/**
	 * Move an existing job into this queue ({@code requeue}: like {@link #put(PutRequest)}
	 * but fails with {@link JobNotFoundException} if the jid does not exist).
	 * @param request the job and its options; {@link PutRequest#jid()} is required
	 * @return the jid
	 */
	String requeue(PutRequest request);

	/**
	 * Pop jobs for a worker, locking them for the queue's heartbeat interval.
	 * @param worker the worker name
	 * @param count how many jobs at most
	 * @return the jobs, possibly none
	 */
	List<Job> pop(String worker, int count);

	/**
	 * Settle jobs {@code worker} holds and pop up to {@code count} more, in one script call
	 * (the {@code settle} command of this project's script). Each settlement succeeds or
	 * fails on its own, as the single command would; the pop comes after them. Against a
	 * script without {@code settle} (another qless-core), the same commands and a
	 * {@code pop} are pipelined in one round trip instead.
	 * @param worker the worker holding the jobs and popping
	 * @param settlements what to do with each job, possibly none
	 * @param count how many jobs to pop at most, possibly 0
	 * @return each settlement's result and the jobs popped
	 */
	SettleResult settle(String worker, List<Settlement> settlements, int count);

	/**
	 * Do what {@link #settle} does without waiting: the future completes with qless's
	 * answer, or exceptionally (for example with a {@link QlessUnavailableException}).
	 * @param worker the worker holding the jobs and popping
	 * @param settlements what to do with each job, possibly none
	 * @param count how many jobs to pop at most, possibly 0
	 * @return the future answer
	 */
	CompletableFuture<SettleResult> settleAsync(String worker, List<Settlement> settlements, int count);

	/**
	 * Look at the next jobs without locking them (spawns due recurring jobs and promotes due
	 * scheduled ones, as the script does).
	 * @param count how many jobs at most
	 * @return the jobs
	 */
	List<Job> peek(int count);

	/**
	 * Return the number of waiting, scheduled and running jobs (not the ones waiting on
	 * dependencies).
	 * @return the length
	 */
	long length();

	/**
	 * Return the job counts of this queue.
	 * @return the counts
	 */
	QueueCounts counts();

	/**
	 * List jids of this queue by state.
	 * @param state the state
	 * @param offset how many to skip
	 * @param count how many at most
	 * @return the jids
	 */
	List<String> jobs(QueueJobState state, int offset, int count);

	/**
	 * List jids of the waiting jobs of this queue in the order {@code pop} hands them out
	 * (highest priority first, then oldest), read from the queue's work set directly: the
	 * script has no paged listing of waiting jobs ({@link #peek(int)} only looks at the top,
	 * and moves scheduled jobs).
	 * @param offset how many to skip
	 * @param count how many at most
	 * @return the jids
	 */
	List<String> waiting(int offset, int count);

	/**
	 * Stop {@code pop} from handing out jobs of this queue.
	 */
	void pause();

	/**
	 * Let {@code pop} hand out jobs of this queue again.
	 */
	void unpause();

	/**
	 * Return the statistics of the day containing {@code day}.
	 * @param day any instant of the day (UTC)
	 * @return the statistics
	 */
	QueueStats stats(Instant day);

	/**
	 * Move the oldest failed jobs of a group back into this queue.
	 * @param group the failure group
	 * @param count how many jobs at most (more than zero)
	 * @return how many jobs were moved
	 */
	long unfail(String group, int count);

	/**
	 * Create or replace a recurring job in this queue.
	 * @param request the recurring job
	 * @return the template jid
	 */
	String recur(RecurRequest request);

	/**
	 * Remove this queue from the list of known queues; its jobs stay.
	 */
	void forget();

	/**
	 * Return the heartbeat interval of this queue: {@code <queue>-heartbeat}, falling back
	 * to {@code heartbeat}, then to 60 seconds.
	 * @return the interval
	 */
	Duration heartbeatInterval();

}
