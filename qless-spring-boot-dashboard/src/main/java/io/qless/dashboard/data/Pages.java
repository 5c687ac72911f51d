package io.qless.dashboard.data;

import java.util.List;
import java.util.Map;

import io.qless.core.QueueCounts;
import io.qless.core.ThrottleStatus;

/**
 * What each dashboard page shows, read by {@link DashboardQueries}.
 */
public final class Pages {

	private Pages() {
	}

	/**
	 * The overview.
	 *
	 * @param queues the queues of this page
	 * @param paging the page of queues
	 * @param throughput the throughput figures
	 * @param minutes the chart of the last hour, or {@code null} if not available
	 * @param hours the chart of the last day, or {@code null} if not available
	 * @param workers how many workers were seen within {@code max-worker-age}
	 * @param failureGroups the largest failure groups
	 * @param failureGroupCount how many failure groups there are
	 * @param failedJobs how many jobs are failed
	 * @param topTags the most used tags
	 * @param shards the shard of each listed queue, by queue name; empty when queues are not
	 * spread over shards
	 */
	public record Overview(List<QueueCounts> queues, Paging paging, Throughput throughput,
			@org.jspecify.annotations.Nullable Chart minutes, @org.jspecify.annotations.Nullable Chart hours,
			long workers, List<FailureGroup> failureGroups, int failureGroupCount, long failedJobs,
			List<String> topTags, Map<String, String> shards) {

		/**
		 * Return whether queues are spread over shards, so that the queue list shows a shard
		 * column.
		 * @return whether the page shows shards
		 */
		public boolean sharded() {
			return !this.shards.isEmpty();
		}

	}

	/**
	 * A queue with the jobs of one state.
	 *
	 * @param counts the queue's counts
	 * @param state the state listed
	 * @param order {@code natural} or {@code newest}
	 * @param naturalOrder how the state's own order reads, e.g. "by priority"
	 * @param paging the page
	 * @param jobs the jobs of the page (empty for {@code recurring})
	 * @param templates the templates of the page (only for {@code recurring})
	 * @param throttle the queue's throttle
	 * @param today today's statistics
	 */
	public record Queue(QueueCounts counts, String state, String order, String naturalOrder, Paging paging,
			List<JobSummary> jobs, List<TemplateSummary> templates, ThrottleStatus throttle, Stats today) {

		/**
		 * Return how many jobs of the queue are in a state.
		 * @param state one of {@link DashboardQueries#STATES}
		 * @return the count
		 */
		public long count(String state) {
			return DashboardQueries.count(this.counts, state);
		}

	}

	/**
	 * A queue's statistics for one day.
	 *
	 * @param completed jobs completed (run times counted)
	 * @param failures failures
	 * @param failed jobs of that day still failed
	 * @param retries expired locks
	 * @param meanWait the mean wait time
	 * @param meanRun the mean run time
	 */
	public record Stats(long completed, long failures, long failed, long retries, String meanWait, String meanRun) {

	}

	/**
	 * A failure group.
	 *
	 * @param name the group
	 * @param count how many jobs are in it
	 */
	public record FailureGroup(String name, long count) {

	}

	/**
	 * The failure groups.
	 *
	 * @param groups the groups of this page, largest first
	 * @param paging the page
	 * @param failedJobs how many jobs are failed in all
	 */
	public record Failures(List<FailureGroupRow> groups, Paging paging, long failedJobs) {

	}

	/**
	 * A failure group with its newest failure.
	 *
	 * @param name the group
	 * @param count how many jobs are in it
	 * @param latest the job that failed last, or {@code null} if it is gone
	 */
	public record FailureGroupRow(String name, long count, @org.jspecify.annotations.Nullable JobSummary latest) {

	}

	/**
	 * The jobs of a failure group.
	 *
	 * @param group the group
	 * @param paging the page
	 * @param jobs the jobs, newest failure first
	 * @param queue the queue to retry into by default (that of the newest failure)
	 */
	public record FailureGroupJobs(String group, Paging paging, List<JobSummary> jobs, String queue) {

	}

	/**
	 * A worker as a list row.
	 *
	 * @param name the worker
	 * @param jobs jobs it holds with a live lock
	 * @param stalled jobs it holds whose lock expired
	 * @param lastSeen when it was last seen
	 * @param lastSeenRelative how long ago
	 */
	public record WorkerRow(String name, long jobs, long stalled, String lastSeen, String lastSeenRelative) {

	}

	/**
	 * The workers.
	 *
	 * @param workers the workers of this page
	 * @param paging the page
	 */
	public record Workers(List<WorkerRow> workers, Paging paging) {

	}

	/**
	 * One worker's jobs.
	 *
	 * @param name the worker
	 * @param jobs jobs with a live lock
	 * @param stalled jobs whose lock expired
	 */
	public record Worker(String name, List<JobSummary> jobs, List<JobSummary> stalled) {

	}

	/**
	 * A throttle as a row.
	 *
	 * @param id the throttle id
	 * @param queue the queue for a queue's own throttle, {@code ""} for a named one
	 * @param maximum the maximum, 0 for none
	 * @param expires when it expires, {@code ""} if never
	 * @param locks jobs holding a lock
	 * @param pending jobs waiting for one
	 */
	public record ThrottleRow(String id, String queue, long maximum, String expires, long locks, long pending) {

	}

	/**
	 * The throttles: the named ones the application knows, one asked for, and those of a page
	 * of queues.
	 *
	 * @param named throttles by id
	 * @param queues the queue throttles of this page of queues
	 * @param paging the page of queues
	 */
	public record Throttles(List<ThrottleRow> named, List<ThrottleRow> queues, Paging paging) {

	}

	/**
	 * The recurring templates of a page of queues.
	 *
	 * @param queues the queues of this page that have templates, with their first templates
	 * @param paging the page of queues
	 */
	public record Recurring(List<QueueTemplates> queues, Paging paging) {

	}

	/**
	 * A page of the schedules, in name order.
	 *
	 * @param schedules the schedules of the page
	 * @param paging the page
	 * @param available whether the qless client has schedules at all
	 */
	public record Schedules(List<ScheduleSummary> schedules, Paging paging, boolean available) {

	}

	/**
	 * A queue's first templates.
	 *
	 * @param queue the queue
	 * @param total how many templates it has
	 * @param templates the first of them
	 */
	public record QueueTemplates(String queue, long total, List<TemplateSummary> templates) {

	}

	/**
	 * The jobs carrying a tag.
	 *
	 * @param tag the tag
	 * @param paging the page
	 * @param jobs the jobs, oldest tagging first
	 */
	public record Tagged(String tag, Paging paging, List<JobSummary> jobs) {

	}

}
