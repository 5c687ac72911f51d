package io.qless.schedule;

import java.time.Instant;

/**
 * Told by the {@link QlessScheduler} what it did: only the instance whose call put a job (or
 * skipped fire times) is told, so summed over instances each fire time counts once.
 */
public interface ScheduleObserver {

	/**
	 * A job was put for a fire time.
	 * @param schedule the schedule name
	 * @param fireTime the fire time
	 * @param putTime when the job was put
	 */
	void fired(String schedule, Instant fireTime, Instant putTime);

	/**
	 * Missed fire times were skipped, as the schedule's misfire policy asks.
	 * @param schedule the schedule name
	 * @param firstFireTime the first fire time skipped
	 * @param count how many were skipped (counted up to 10,000)
	 */
	default void skipped(String schedule, Instant firstFireTime, long count) {
	}

}
