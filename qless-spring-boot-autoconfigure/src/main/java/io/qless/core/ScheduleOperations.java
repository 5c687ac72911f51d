package io.qless.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Operations on schedules (an extension of this project's script, see
 * {@link ScheduleDefinition}), obtained from {@link QlessOperations#schedules()}. Every
 * method is one round trip. Fire times are whole seconds. These are the script's commands
 * as they are: computing cron fire times, and firing due schedules, is the scheduler's
 * work ({@code io.qless.schedule}).
 */
public interface ScheduleOperations {

	/**
	 * Create or change a schedule. One with the same definition is left alone; a changed cron
	 * schedule keeps its next fire time unless its cron expression or zone changed. An
	 * interval schedule becomes (or updates) a qless recurring template whose jid is
	 * {@link ScheduleJids#templateJid(String)}, keeping its count and its next run unless
	 * the new interval comes sooner.
	 * @param definition the definition
	 * @param firstFireTime for a cron schedule, its first fire time (used when it is created
	 * or its cron or zone changed); ignored for an interval schedule
	 * @return what was done
	 */
	ScheduleChange set(ScheduleDefinition definition, @Nullable Instant firstFireTime);

	/**
	 * Return a schedule.
	 * @param name the schedule name
	 * @return the schedule, or {@code null} if there is none of that name
	 */
	@Nullable ScheduleInfo get(String name);

	/**
	 * Return a page of the schedules in name order.
	 * @param offset how many to skip
	 * @param count how many at most (the script returns at most 1,000)
	 * @return the page
	 */
	SchedulePage list(int offset, int count);

	/**
	 * Return the cron schedules due now (not paused, next fire time now or earlier).
	 * @param limit how many at most (the script returns at most 1,000)
	 * @return the due schedules and the next later fire time
	 */
	DueSchedules due(int limit);

	/**
	 * Put the job of one fire time, with the jid {@link ScheduleJids#fireJid(String, Instant)},
	 * and move the next fire time on, only if the stored next fire time is still
	 * {@code fireTime}: of any number of concurrent calls for one fire time, exactly one puts
	 * the job, and a call sent again puts nothing.
	 * @param name the schedule name
	 * @param fireTime the fire time being fired
	 * @param next the fire time after it
	 * @return what was done
	 */
	ScheduleFireResult fire(String name, Instant fireTime, Instant next);

	/**
	 * Move the next fire time on without a job, only if the stored next fire time is still
	 * {@code fireTime}.
	 * @param name the schedule name
	 * @param fireTime the fire time being skipped
	 * @param next the next fire time to store
	 * @param count how many fire times this skips, for the schedule's {@code skipped} count
	 * @return what was done
	 */
	ScheduleFireResult skip(String name, Instant fireTime, Instant next, long count);

	/**
	 * Put one job of a schedule now, leaving its fire times alone.
	 * @param name the schedule name
	 * @return the jid, or {@code null} if there is no schedule of that name
	 */
	@Nullable String trigger(String name);

	/**
	 * Pause a schedule: it puts no job until resumed.
	 * @param name the schedule name
	 * @return the schedule, or {@code null} if there is none of that name
	 */
	@Nullable ScheduleInfo pause(String name);

	/**
	 * Resume a schedule; fire times that passed while it was paused are skipped.
	 * @param name the schedule name
	 * @param next for a cron schedule, the first fire time after now (used if the stored one
	 * has passed)
	 * @return the schedule, or {@code null} if there is none of that name
	 */
	@Nullable ScheduleInfo resume(String name, @Nullable Instant next);

	/**
	 * Delete a schedule (and an interval schedule's template); jobs it put stay.
	 * @param name the schedule name
	 * @return whether it existed
	 */
	boolean delete(String name);

}
