package io.qless.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The cron schedules due now, as {@link ScheduleOperations#due(int)} reads them.
 *
 * @param due the schedules whose next fire time is now or earlier, earliest first
 * @param next the earliest later fire time of any other cron schedule, {@code null} if none
 */
public record DueSchedules(List<Due> due, @Nullable Instant next) {

	public DueSchedules {
		due = List.copyOf(due);
	}

	/**
	 * One due schedule: what a scheduler needs to fire it, read from Redis so that every
	 * instance computes the same fire times.
	 *
	 * @param name the schedule name
	 * @param next its next fire time, due
	 * @param cron its cron expression
	 * @param zone its time zone id
	 * @param misfire its misfire policy
	 */
	public record Due(String name, Instant next, String cron, String zone, MisfirePolicy misfire) {
	}

}
