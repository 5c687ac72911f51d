package io.qless.listener;

import java.time.Duration;

/**
 * Told what happened to each job a container ran; metrics hang off this. Called on the
 * container's own threads, never on the Redis client's; an observer that takes its time
 * delays the next outcomes it is told, not the jobs.
 */
public interface JobObserver {

	/** Observes nothing. */
	JobObserver NONE = new JobObserver() {
	};

	/**
	 * Called when qless accepted the outcome of a job.
	 * @param queue the queue
	 * @param klass the job class
	 * @param outcome {@code completed}, {@code advanced}, {@code retried} or {@code failed}
	 * @param handlerTime how long the handler ran
	 */
	default void jobFinished(String queue, String klass, String outcome, Duration handlerTime) {
	}

	/**
	 * Called when the container found it no longer holds a job's lock.
	 * @param queue the queue
	 * @param klass the job class
	 */
	default void lockLost(String queue, String klass) {
	}

}
