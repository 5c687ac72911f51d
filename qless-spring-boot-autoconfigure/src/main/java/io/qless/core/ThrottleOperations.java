package io.qless.core;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * Operations on throttles, obtained from {@link QlessOperations#throttles()}.
 * A throttle is a named limit on how many jobs run at once across all queues and workers:
 * a job put with {@link PutRequest#throttles(String...)} is only handed out while it can
 * hold a lock on every one of its throttles and on its queue's implicit throttle
 * ({@link Throttle#queueThrottleId(String)}); otherwise it waits in state
 * {@link JobState#THROTTLED}. Every method is one round trip.
 */
public interface ThrottleOperations {

	/**
	 * Set a throttle's maximum. An expiry set earlier stays (as in qless); delete the
	 * throttle first to drop it.
	 * @param id the throttle id
	 * @param maximum the most jobs holding a lock at once, {@code 0} for no limit
	 */
	void set(String id, long maximum);

	/**
	 * Set a throttle's maximum for a time; once it expires the throttle reads as unlimited.
	 * @param id the throttle id
	 * @param maximum the most jobs holding a lock at once, {@code 0} for no limit
	 * @param expiry how long the throttle lives, whole seconds, more than zero
	 */
	void set(String id, long maximum, Duration expiry);

	/**
	 * Return a throttle; one that is not stored reads as maximum 0 and ttl -2.
	 * @param id the throttle id
	 * @return the throttle
	 */
	Throttle get(String id);

	/**
	 * Return the seconds until a throttle expires.
	 * @param id the throttle id
	 * @return the seconds, {@code -1} if it never expires, {@code -2} if it does not exist
	 */
	long ttl(String id);

	/**
	 * Delete a throttle's maximum (it reads as unlimited); its locks and pending jobs are
	 * kept.
	 * @param id the throttle id
	 */
	void delete(String id);

	/**
	 * Return the jids holding a lock on a throttle.
	 * @param id the throttle id
	 * @return the jids, in lexicographic order
	 */
	List<String> locks(String id);

	/**
	 * Return the jids waiting for a lock on a throttle, oldest first.
	 * @param id the throttle id
	 * @return the jids
	 */
	List<String> pending(String id);

	/**
	 * Release jobs' locks on a throttle (or drop them from its pending jobs) and move as
	 * many pending jobs back into their queues as there are free slots.
	 * @param id the throttle id
	 * @param jids the jobs
	 */
	void release(String id, Collection<String> jids);

	/**
	 * Return the implicit throttle of a queue ({@code queue.throttle.get}).
	 * @param queue the queue
	 * @return the throttle, with id {@code ql:q:<queue>}
	 */
	Throttle getQueueThrottle(String queue);

	/**
	 * Set the maximum of a queue's implicit throttle ({@code queue.throttle.set}): how many
	 * jobs of the queue run at once, across all workers.
	 * @param queue the queue
	 * @param maximum the maximum, {@code 0} for no limit
	 */
	void setQueueThrottle(String queue, long maximum);

	/**
	 * Return throttles with their lock and pending counts, all in one pipelined round trip.
	 * @param ids the throttle ids
	 * @return the throttles, in the order of {@code ids}
	 */
	List<ThrottleStatus> status(Collection<String> ids);

}
