package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.springframework.util.Assert;

/**
 * The jids of scheduled jobs, derived from the schedule's name so that every instance, and
 * a call sent again, names the same job: 32 hex digits, as qless clients make them (a
 * name-based UUID without its dashes).
 */
public final class ScheduleJids {

	private ScheduleJids() {
	}

	/**
	 * Return the jid of the job a cron schedule puts for one fire time.
	 * @param schedule the schedule name
	 * @param fireTime the fire time, whole seconds
	 * @return the jid
	 */
	public static String fireJid(String schedule, Instant fireTime) {
		Assert.hasText(schedule, "'schedule' must not be empty");
		Assert.notNull(fireTime, "'fireTime' must not be null");
		return hex("qless-schedule:" + schedule + "@" + fireTime.getEpochSecond());
	}

	/**
	 * Return the jid of the qless recurring template of an interval schedule; its jobs are
	 * {@code <jid>-<n>}.
	 * @param schedule the schedule name
	 * @return the template jid
	 */
	public static String templateJid(String schedule) {
		Assert.hasText(schedule, "'schedule' must not be empty");
		return hex("qless-schedule:" + schedule);
	}

	private static String hex(String name) {
		return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().replace("-", "");
	}

}
