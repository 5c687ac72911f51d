package io.qless.handler;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The job a handler is running, and what the handler may do with it besides returning.
 * <p>
 * A handler normally just returns (the container completes the job) or throws (the
 * container retries or fails it). Through this handle it can instead settle the job
 * itself with {@link #complete()}, {@link #complete(Next)}, {@link #fail(String, String)}
 * or {@link #retry(Duration)}; the container then leaves the job alone. Long handlers may
 * check {@link #isLockLost()}: once qless has handed the job to someone else, or it was
 * cancelled or timed out, nothing the handler does with it counts any more and the
 * container interrupts the handler's thread.
 */
public interface QlessJobContext {

	/**
	 * Return the job id.
	 * @return the jid
	 */
	String jid();

	/**
	 * Return the queue the job was popped from.
	 * @return the queue name
	 */
	String queue();

	/**
	 * Return the job's class name.
	 * @return the klass
	 */
	String klass();

	/**
	 * Return the job's tags.
	 * @return the tags
	 */
	List<String> tags();

	/**
	 * Return the job's priority.
	 * @return the priority
	 */
	int priority();

	/**
	 * Return the retry budget the job was put with.
	 * @return the retries
	 */
	int retries();

	/**
	 * Return the retries left; when a failed attempt finds none, the job fails.
	 * @return the retries left
	 */
	int retriesLeft();

	/**
	 * Return the name this worker holds the job's lock under.
	 * @return the worker name
	 */
	String worker();

	/**
	 * Return the job's data exactly as stored (JSON text).
	 * @return the raw data
	 */
	String rawData();

	/**
	 * Return the job's data converted to {@code type}.
	 * @param <T> the type
	 * @param type the type
	 * @return the data
	 */
	<T> T data(Class<T> type);

	/**
	 * Return whether this worker has lost the job's lock.
	 * @return {@code true} once the lock is lost
	 */
	boolean isLockLost();

	/**
	 * Renew the job's lock now (the container also does this on its own).
	 * @throws io.qless.core.LockLostException if the lock is lost
	 */
	void heartbeat();

	/**
	 * Renew the job's lock now and replace its data.
	 * @param data the new data, converted to JSON
	 * @throws io.qless.core.LockLostException if the lock is lost
	 */
	void heartbeat(@Nullable Object data);

	/**
	 * Append an entry to the job's history (qless's {@code log}), which the endpoint, the
	 * dashboard and the Ruby web UI show with the job.
	 * @param message what happened, the entry's name
	 */
	default void log(String message) {
		log(message, null);
	}

	/**
	 * Append an entry with details to the job's history.
	 * @param message what happened, the entry's name
	 * @param data details, written as a JSON object's fields (a {@code Map} or a bean), or
	 * {@code null}
	 */
	void log(String message, @Nullable Object data);

	/**
	 * Record the job's progress the way qless clients do: stored as the {@code progress}
	 * field of the job's data (which must be a JSON object) with a heartbeat, so that it
	 * also renews the lock. The data keeps its other fields; a later attempt of the job
	 * sees the field too.
	 * @param progress the progress, for example a percentage or a map of counters
	 * @throws io.qless.core.LockLostException if the lock is lost
	 * @throws IllegalStateException if the job's data is not a JSON object
	 */
	void progress(Object progress);

	/**
	 * Complete the job now.
	 */
	void complete();

	/**
	 * Complete the job into the next queue now.
	 * @param next where the job goes
	 * @throws io.qless.core.CrossShardException if the next queue belongs to another shard
	 * than the job's (nothing is settled then)
	 */
	void complete(Next next);

	/**
	 * Fail the job now.
	 * @param group the failure group
	 * @param message the failure message
	 */
	void fail(String group, String message);

	/**
	 * Give the job back to qless to be retried after {@code delay}, using up one retry.
	 * @param delay the delay
	 */
	void retry(Duration delay);

	/**
	 * Return whether the job was already settled through this handle.
	 * @return {@code true} after complete, fail or retry
	 */
	boolean isSettled();

}
