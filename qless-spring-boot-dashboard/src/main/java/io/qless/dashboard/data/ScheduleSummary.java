package io.qless.dashboard.data;

import java.time.Duration;
import java.time.Instant;

import io.qless.core.ScheduleDefinition;
import io.qless.core.ScheduleInfo;
import org.jspecify.annotations.Nullable;

/**
 * A schedule as the dashboard shows it.
 *
 * @param name the schedule name
 * @param when when it fires, e.g. "cron 0 30 2 * * * (Europe/Paris)" or "every 5 min"
 * @param cron whether it is a cron schedule (an interval schedule is a recurring template)
 * @param template the jid of an interval schedule's recurring template, {@code ""} for cron
 * @param queue the queue its jobs go into
 * @param klass the jobs' class name
 * @param misfire its misfire policy
 * @param paused whether it is paused
 * @param last the fire time of its last job, {@code ""} if none
 * @param lastRelative how far that is from now
 * @param lastJid the jid of its last job, {@code ""} if none
 * @param next its next fire time, {@code ""} if paused or unknown
 * @param nextRelative how far that is from now
 * @param fired how many jobs it put for fire times
 * @param skipped how many missed fire times it skipped
 * @param triggered how many jobs were put by a trigger
 * @param data the jobs' data, or {@code null} when hidden
 */
public record ScheduleSummary(String name, String when, boolean cron, String template, String queue, String klass,
		String misfire, boolean paused, String last, String lastRelative, String lastJid, String next,
		String nextRelative, long fired, long skipped, long triggered, @Nullable String data) {

	/**
	 * Describe a schedule.
	 * @param info the schedule
	 * @param now the current time
	 * @param data the data to show, or {@code null}
	 * @return the summary
	 */
	public static ScheduleSummary of(ScheduleInfo info, Instant now, @Nullable String data) {
		ScheduleDefinition definition = info.definition();
		Duration interval = definition.interval();
		String when = (interval != null) ? "every " + Times.interval(interval)
				: "cron " + definition.cron() + " (" + definition.zone().getId() + ")";
		String template = (interval != null) ? io.qless.core.ScheduleJids.templateJid(definition.name()) : "";
		Instant last = info.last();
		Instant next = info.paused() ? null : info.next();
		return new ScheduleSummary(definition.name(), when, definition.isCron(), template, definition.queue(),
				definition.klass(), definition.misfire().wireName(), info.paused(),
				(last != null) ? Times.format(last) : "", (last != null) ? Times.relative(last, now) : "",
				(info.lastJid() != null) ? info.lastJid() : "", (next != null) ? Times.format(next) : "",
				(next != null) ? Times.relative(next, now) : "", info.fired(), info.skipped(), info.triggered(), data);
	}

}
