package io.qless.dashboard.data;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.qless.core.RecurringJob;

/**
 * A recurring job template as the dashboard shows it.
 *
 * @param jid the template jid
 * @param klass the children's class name
 * @param queue the queue children are put in
 * @param interval the interval, e.g. "15 min"
 * @param intervalSeconds the interval in seconds (the one before pausing, for a paused
 * template)
 * @param nextRun when the next child is due, {@code ""} if unknown
 * @param nextRunRelative how far that is from now
 * @param priority the children's priority
 * @param retries the children's retry budget
 * @param count how many children were spawned
 * @param backlog how many missed runs are caught up, 0 for all
 * @param tags the children's tags (without the pause marker)
 * @param paused whether the dashboard paused it
 * @param data the children's data as indented JSON, or {@code null} when hidden
 */
public record TemplateSummary(String jid, String klass, String queue, String interval, long intervalSeconds,
		String nextRun, String nextRunRelative, long priority, long retries, long count, long backlog,
		List<String> tags, boolean paused, @org.jspecify.annotations.Nullable String data) {

	/**
	 * Describe a template.
	 * @param template the template
	 * @param nextRun when it spawns next, or {@code null}
	 * @param now the current time
	 * @param data the data to show, or {@code null}
	 * @return the summary
	 */
	public static TemplateSummary of(RecurringJob template, @org.jspecify.annotations.Nullable Instant nextRun,
			Instant now, @org.jspecify.annotations.Nullable String data) {
		Long pausedInterval = RecurringPause.pausedInterval(template.tags());
		boolean paused = pausedInterval != null;
		long seconds = paused ? pausedInterval : template.interval().getSeconds();
		String next = (nextRun == null || paused) ? "" : Times.format(nextRun);
		String relative = (nextRun == null || paused) ? "" : Times.relative(nextRun, now);
		return new TemplateSummary(template.jid(), template.klass(), template.queue(),
				Times.interval(Duration.ofSeconds(seconds)), seconds, next, relative, template.priority(),
				template.retries(), template.count(), template.backlog(), RecurringPause.visibleTags(template.tags()),
				paused, data);
	}

}
