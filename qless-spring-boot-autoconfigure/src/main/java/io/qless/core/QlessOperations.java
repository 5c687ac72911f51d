package io.qless.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;

/**
 * The qless client: every command of the qless script, typed. Implemented by
 * {@link QlessTemplate}, which is thread-safe.
 * <p>
 * The operations are grouped like {@code RedisOperations}' {@code opsForX()} views:
 * {@link #queue(String)}, {@link #jobs()}, {@link #recurring()}, {@link #config()},
 * {@link #workers()}, {@link #failures()}, {@link #throttles()} and {@link #schedules()}. {@link #batch()} pipelines many worker calls
 * in one round trip. Script errors raise {@link QlessException} and its subclasses.
 */
public interface QlessOperations {

	/**
	 * Return the operations on one queue.
	 * @param name the queue name
	 * @return the queue operations
	 */
	QueueOperations queue(String name);

	/**
	 * Return the job counts of every known queue, in the order they were first seen.
	 * @return the counts
	 */
	List<QueueCounts> queues();

	/**
	 * Return a page of the known queues with their counts: the names are read from
	 * {@code ql:queues} directly (qless has no paged listing), the counts of the page in
	 * one pipelined round trip.
	 * @param offset how many queues to skip
	 * @param count how many queues at most
	 * @return the page
	 */
	QueuePage queues(int offset, int count);

	/**
	 * Return the operations on jobs.
	 * @return the job operations
	 */
	JobOperations jobs();

	/**
	 * Return the operations on recurring job templates.
	 * @return the recurring operations
	 */
	RecurringOperations recurring();

	/**
	 * Return the operations on the qless configuration.
	 * @return the config operations
	 */
	ConfigOperations config();

	/**
	 * Return the operations on workers.
	 * @return the worker operations
	 */
	WorkerOperations workers();

	/**
	 * Return the operations on failure groups.
	 * @return the failure operations
	 */
	FailureOperations failures();

	/**
	 * Return the operations on throttles.
	 * @return the throttle operations
	 */
	ThrottleOperations throttles();

	/**
	 * Return the operations on schedules, an extension of this project's script that qless
	 * clients in other languages do not have (they see the jobs schedules put).
	 * @return the schedule operations
	 * @throws UnsupportedOperationException if this client has none
	 */
	default ScheduleOperations schedules() {
		throw new UnsupportedOperationException(getClass().getName() + " has no schedule operations");
	}

	/**
	 * Start a group of calls to send in one pipelined round trip.
	 * @return a new, empty batch
	 */
	QlessBatch batch();

	/**
	 * Return the command vocabulary this client speaks to Redis.
	 * @return the dialect, {@link QlessDialect#QLESS} unless configured otherwise
	 */
	default QlessDialect dialect() {
		return QlessDialect.QLESS;
	}

	/**
	 * Return the queue identifier patterns reqless workers select queues with (name to
	 * globs, always with a {@code default} entry). Only the reqless dialect stores them.
	 * @return the patterns, empty under the qless dialect
	 */
	default Map<String, List<String>> queueIdentifierPatterns() {
		return Map.of();
	}

	/**
	 * Return the queue priority patterns reqless workers order queues with. Only the
	 * reqless dialect stores them.
	 * @return the patterns in order, empty under the qless dialect
	 */
	default List<QueuePriorityPattern> queuePriorityPatterns() {
		return List.of();
	}

	/**
	 * Return the shards queues are spread over; a single default shard unless configured.
	 * @return the shards
	 */
	default QlessShards shards() {
		return QlessShards.single();
	}

	/**
	 * Return the name this client gives as {@code <worker>} when it puts jobs, and under
	 * which the listener containers built on it pop and heartbeat them.
	 * @return the worker name
	 */
	String workerName();

	/**
	 * Ask Redis for its time and whether it holds the qless code, waiting at most
	 * {@code timeout}: a cheap check for health probes.
	 * @param timeout the longest wait for Redis
	 * @return what Redis answered
	 * @throws QlessUnavailableException if Redis does not answer within {@code timeout}
	 */
	ServerStatus serverStatus(Duration timeout);

	/**
	 * Read a job's data as a type, with the template's {@code JsonMapper}.
	 * @param job the job
	 * @param type the type
	 * @param <T> the type
	 * @return the data, {@code null} if the data is JSON {@code null}
	 */
	<T> @Nullable T readData(Job job, Class<T> type);

	/**
	 * Read a job's data as a generic type, with the template's {@code JsonMapper}.
	 * @param job the job
	 * @param type the type
	 * @param <T> the type
	 * @return the data, {@code null} if the data is JSON {@code null}
	 */
	<T> @Nullable T readData(Job job, TypeReference<T> type);

}
