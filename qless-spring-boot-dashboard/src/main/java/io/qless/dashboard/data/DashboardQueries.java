package io.qless.dashboard.data;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qless.core.HistoryEntry;
import io.qless.core.Job;
import io.qless.core.JobFailure;
import io.qless.core.QlessOperations;
import io.qless.core.QlessShards;
import io.qless.core.QueueCounts;
import io.qless.core.QueueJobState;
import io.qless.core.QueueOperations;
import io.qless.core.QueuePage;
import io.qless.core.QueueStats;
import io.qless.core.RecurringJob;
import io.qless.core.Throttle;
import io.qless.core.ThrottleStatus;
import io.qless.core.WorkerActivity;
import io.qless.core.WorkerJobs;
import io.qless.core.WorkerPage;
import org.jspecify.annotations.Nullable;

/**
 * Reads what the dashboard pages show. Every read is paged: a queue's jobs, the queues, the
 * workers, a failure group's jobs and a tag's jobs are read a page at a time, and the jobs of
 * a page in one {@code multiget}. Only the failure group names (one entry per group, not per
 * job) are read whole, as qless keeps them in a set.
 */
public class DashboardQueries {

	/** The states of a queue the dashboard lists, in display order. */
	public static final List<String> STATES = List.of("waiting", "running", "scheduled", "depends", "stalled",
			"throttled", "recurring");

	private static final int OVERVIEW_GROUPS = 10;

	private static final int TOP_TAGS = 12;

	private static final int TEMPLATES_PER_QUEUE = 10;

	private final QlessOperations qless;

	private final ThroughputSource throughput;

	private final JsonText json;

	private final boolean showData;

	private final Clock clock;

	/**
	 * Create a new instance.
	 * @param qless the client
	 * @param throughput where the throughput chart comes from
	 * @param showData whether to read job data for display
	 * @param clock the clock ages are computed with
	 */
	public DashboardQueries(QlessOperations qless, ThroughputSource throughput, boolean showData, Clock clock) {
		this.qless = qless;
		this.throughput = throughput;
		this.showData = showData;
		this.clock = clock;
		this.json = new JsonText();
	}

	/**
	 * Read the overview.
	 * @param offset the offset into the queues
	 * @param size the page size
	 * @return the overview
	 */
	public Pages.Overview overview(int offset, int size) {
		QueuePage queues = this.qless.queues(offset, size);
		Throughput figures = this.throughput.throughput();
		Chart minutes = figures.available() ? Chart.of("Last hour, per minute", "60 min ago", figures.minutes()) : null;
		Chart hours = figures.available() ? Chart.of("Last day, per hour", "24 h ago", figures.hours()) : null;
		List<Pages.FailureGroup> groups = failureGroups();
		long failed = groups.stream().mapToLong(Pages.FailureGroup::count).sum();
		return new Pages.Overview(queues.queues(), new Paging(offset, size, queues.total()), figures, minutes, hours,
				this.qless.workers().list(0, 1).total(), groups.subList(0, Math.min(OVERVIEW_GROUPS, groups.size())),
				groups.size(), failed, this.qless.jobs().topTags(0, TOP_TAGS), shards(queues.queues()));
	}

	private Map<String, String> shards(List<QueueCounts> queues) {
		QlessShards shards = this.qless.shards();
		if (!shards.isSharded()) {
			return Map.of();
		}
		Map<String, String> byQueue = new LinkedHashMap<>();
		for (QueueCounts queue : queues) {
			byQueue.put(queue.name(), shards.shardOf(queue.name()).name());
		}
		return byQueue;
	}

	/**
	 * Read a queue and a page of the jobs in one state.
	 * @param name the queue
	 * @param state one of {@link #STATES}
	 * @param newestFirst whether to list the newest first rather than in the state's order
	 * @param offset the offset
	 * @param size the page size
	 * @return the queue page
	 */
	public Pages.Queue queue(String name, String state, boolean newestFirst, int offset, int size) {
		QueueOperations queue = this.qless.queue(name);
		QueueCounts counts = queue.counts();
		long total = count(counts, state);
		int start = offset;
		int length = size;
		if (newestFirst) {
			// the same page counted from the other end of the set, then reversed
			long end = total - offset;
			start = (int) Math.max(0, end - size);
			length = (int) Math.max(0, end - start);
		}
		List<String> jids = (length > 0) ? jids(queue, state, start, length) : List.of();
		if (newestFirst) {
			jids = reversed(jids);
		}
		List<JobSummary> jobs = List.of();
		List<TemplateSummary> templates = List.of();
		if ("recurring".equals(state)) {
			templates = templates(jids);
		}
		else {
			jobs = summaries(jids);
		}
		ThrottleStatus throttle = this.qless.throttles().status(List.of(Throttle.queueThrottleId(name))).get(0);
		return new Pages.Queue(counts, state, newestFirst ? "newest" : "natural", naturalOrder(state),
				new Paging(offset, size, total), jobs, templates, throttle, stats(queue));
	}

	/**
	 * Read a job.
	 * @param jid the jid
	 * @return the job, or {@code null} if there is none
	 */
	public @Nullable JobDetail job(String jid) {
		Job job = this.qless.jobs().get(jid);
		if (job == null) {
			return null;
		}
		Instant now = this.clock.instant();
		List<JobDetail.HistoryRow> history = new ArrayList<>();
		for (HistoryEntry entry : job.history()) {
			history.add(new JobDetail.HistoryRow(Times.format(entry.instant()), Times.relative(entry.instant(), now),
					entry.what(), details(entry.details())));
		}
		Instant expiry = job.expiresAt();
		JobFailure failure = job.failure();
		String failedAt = (failure != null)
				? Times.format(Instant.ofEpochMilli(Math.round(failure.when() * 1000))) : "";
		return new JobDetail(job, JobSummary.of(job, now), this.showData ? this.json.pretty(job.data()) : null,
				List.copyOf(history), (expiry != null) ? Times.format(expiry) + " (" + Times.relative(expiry, now) + ")"
						: "",
				failedAt, (failure != null) ? failure.message() : "");
	}

	/**
	 * Read a recurring template.
	 * @param jid the template jid
	 * @return the template, or {@code null} if there is none
	 */
	public @Nullable TemplateSummary template(String jid) {
		RecurringJob template = this.qless.recurring().get(jid);
		if (template == null) {
			return null;
		}
		return TemplateSummary.of(template, this.qless.recurring().nextRun(template), this.clock.instant(),
				this.showData ? this.json.pretty(template.data()) : null);
	}

	/**
	 * Read a page of failure groups, largest first.
	 * @param offset the offset
	 * @param size the page size
	 * @return the groups
	 */
	public Pages.Failures failures(int offset, int size) {
		List<Pages.FailureGroup> groups = failureGroups();
		long failed = groups.stream().mapToLong(Pages.FailureGroup::count).sum();
		int from = Math.min(offset, groups.size());
		int to = Math.min(groups.size(), offset + size);
		List<Pages.FailureGroup> page = groups.subList(from, to);
		List<String> newest = new ArrayList<>();
		for (Pages.FailureGroup group : page) {
			newest.addAll(this.qless.failures().jobs(group.name(), 0, 1).jids());
		}
		Map<String, JobSummary> latest = new java.util.HashMap<>();
		for (JobSummary job : summaries(newest)) {
			latest.put(job.failureGroup(), job);
		}
		List<Pages.FailureGroupRow> rows = new ArrayList<>(page.size());
		for (Pages.FailureGroup group : page) {
			rows.add(new Pages.FailureGroupRow(group.name(), group.count(), latest.get(group.name())));
		}
		return new Pages.Failures(List.copyOf(rows), new Paging(offset, size, groups.size()), failed);
	}

	/**
	 * Read a page of a failure group's jobs.
	 * @param group the group
	 * @param offset the offset
	 * @param size the page size
	 * @return the jobs
	 */
	public Pages.FailureGroupJobs failureGroup(String group, int offset, int size) {
		io.qless.core.JidPage page = this.qless.failures().jobs(group, offset, size);
		List<JobSummary> jobs = summaries(page.jids());
		String queue = "";
		List<String> newest = (offset == 0) ? page.jids() : this.qless.failures().jobs(group, 0, 1).jids();
		if (!newest.isEmpty()) {
			Job job = this.qless.jobs().get(newest.get(0));
			queue = (job != null) ? job.queue() : "";
		}
		return new Pages.FailureGroupJobs(group, new Paging(offset, size, page.total()), jobs, queue);
	}

	/**
	 * Read a page of workers.
	 * @param offset the offset
	 * @param size the page size
	 * @return the workers
	 */
	public Pages.Workers workers(int offset, int size) {
		WorkerPage page = this.qless.workers().list(offset, size);
		Instant now = this.clock.instant();
		List<Pages.WorkerRow> rows = new ArrayList<>();
		for (WorkerActivity worker : page.workers()) {
			rows.add(new Pages.WorkerRow(worker.name(), worker.jobs(), worker.stalled(), Times.format(worker.lastSeen()),
					Times.relative(worker.lastSeen(), now)));
		}
		return new Pages.Workers(List.copyOf(rows), new Paging(offset, size, page.total()));
	}

	/**
	 * Read the jobs one worker holds.
	 * @param name the worker
	 * @return the worker's jobs
	 */
	public Pages.Worker worker(String name) {
		WorkerJobs jobs = this.qless.workers().jobs(name);
		return new Pages.Worker(name, summaries(jobs.jobs()), summaries(jobs.stalled()));
	}

	/**
	 * Read throttles: the named ones given and the queue throttles of a page of queues.
	 * @param named the named throttle ids
	 * @param offset the offset into the queues
	 * @param size the page size
	 * @return the throttles
	 */
	public Pages.Throttles throttles(Collection<String> named, int offset, int size) {
		QueuePage queues = this.qless.queues(offset, size);
		List<String> queueIds = new ArrayList<>();
		for (QueueCounts counts : queues.queues()) {
			queueIds.add(Throttle.queueThrottleId(counts.name()));
		}
		List<Pages.ThrottleRow> namedRows = rows(this.qless.throttles().status(List.copyOf(named)));
		List<Pages.ThrottleRow> queueRows = queueIds.isEmpty() ? List.of()
				: rows(this.qless.throttles().status(queueIds));
		return new Pages.Throttles(namedRows, queueRows, new Paging(offset, size, queues.total()));
	}

	/**
	 * Read the recurring templates of a page of queues.
	 * @param offset the offset into the queues
	 * @param size the page size
	 * @return the templates
	 */
	public Pages.Recurring recurring(int offset, int size) {
		QueuePage queues = this.qless.queues(offset, size);
		List<Pages.QueueTemplates> withTemplates = new ArrayList<>();
		for (QueueCounts counts : queues.queues()) {
			if (counts.recurring() > 0) {
				List<String> jids = this.qless.queue(counts.name()).jobs(QueueJobState.RECURRING, 0, TEMPLATES_PER_QUEUE);
				withTemplates.add(new Pages.QueueTemplates(counts.name(), counts.recurring(), templates(jids)));
			}
		}
		return new Pages.Recurring(List.copyOf(withTemplates), new Paging(offset, size, queues.total()));
	}

	/**
	 * Read a page of the schedules.
	 * @param offset the offset
	 * @param size the page size
	 * @return the schedules
	 */
	public Pages.Schedules schedules(int offset, int size) {
		io.qless.core.SchedulePage page;
		try {
			page = this.qless.schedules().list(offset, size);
		}
		catch (UnsupportedOperationException ex) {
			return new Pages.Schedules(List.of(), new Paging(offset, size, 0), false);
		}
		Instant now = this.clock.instant();
		List<ScheduleSummary> schedules = new ArrayList<>(page.schedules().size());
		for (io.qless.core.ScheduleInfo info : page.schedules()) {
			schedules.add(ScheduleSummary.of(info, now, this.showData ? this.json.pretty(info.definition().data()) : null));
		}
		return new Pages.Schedules(List.copyOf(schedules), new Paging(offset, size, page.total()), true);
	}

	/**
	 * Read a page of the jobs carrying a tag.
	 * @param tag the tag
	 * @param offset the offset
	 * @param size the page size
	 * @return the jobs
	 */
	public Pages.Tagged tagged(String tag, int offset, int size) {
		io.qless.core.JidPage page = this.qless.jobs().tagged(tag, offset, size);
		return new Pages.Tagged(tag, new Paging(offset, size, page.total()), summaries(page.jids()));
	}

	/**
	 * Return whether a recurring template exists.
	 * @param jid the jid
	 * @return whether it exists
	 */
	public boolean isTemplate(String jid) {
		return this.qless.recurring().get(jid) != null;
	}

	private List<String> jids(QueueOperations queue, String state, int offset, int count) {
		if ("waiting".equals(state)) {
			return queue.waiting(offset, count);
		}
		return queue.jobs(queueJobState(state), offset, count);
	}

	private static QueueJobState queueJobState(String state) {
		for (QueueJobState candidate : QueueJobState.values()) {
			if (candidate.wireName().equals(state)) {
				return candidate;
			}
		}
		throw new IllegalArgumentException("Unknown state '" + state + "'");
	}

	static long count(QueueCounts counts, String state) {
		return switch (state) {
			case "waiting" -> counts.waiting();
			case "running" -> counts.running();
			case "scheduled" -> counts.scheduled();
			case "depends" -> counts.depends();
			case "stalled" -> counts.stalled();
			case "throttled" -> counts.throttled();
			case "recurring" -> counts.recurring();
			default -> throw new IllegalArgumentException("Unknown state '" + state + "'");
		};
	}

	private static String naturalOrder(String state) {
		return switch (state) {
			case "waiting" -> "by priority (pop order)";
			case "running" -> "soonest lock expiry first";
			case "scheduled" -> "soonest first";
			default -> "oldest first";
		};
	}

	private List<JobSummary> summaries(List<String> jids) {
		if (jids.isEmpty()) {
			return List.of();
		}
		Instant now = this.clock.instant();
		List<JobSummary> summaries = new ArrayList<>(jids.size());
		for (Job job : this.qless.jobs().get(jids)) {
			summaries.add(JobSummary.of(job, now));
		}
		return List.copyOf(summaries);
	}

	private List<TemplateSummary> templates(List<String> jids) {
		Instant now = this.clock.instant();
		List<TemplateSummary> templates = new ArrayList<>(jids.size());
		for (String jid : jids) {
			RecurringJob template = this.qless.recurring().get(jid);
			if (template != null) {
				templates.add(TemplateSummary.of(template, this.qless.recurring().nextRun(template), now, null));
			}
		}
		return List.copyOf(templates);
	}

	private List<Pages.FailureGroup> failureGroups() {
		List<Pages.FailureGroup> groups = new ArrayList<>();
		for (Map.Entry<String, Long> group : this.qless.failures().groups().entrySet()) {
			groups.add(new Pages.FailureGroup(group.getKey(), group.getValue()));
		}
		groups.sort(Comparator.comparingLong(Pages.FailureGroup::count).reversed()
			.thenComparing(Pages.FailureGroup::name));
		return groups;
	}

	private Pages.Stats stats(QueueOperations queue) {
		QueueStats stats = queue.stats(this.clock.instant());
		return new Pages.Stats(stats.runTimes().count(), stats.failures(), stats.failed(), stats.retries(),
				seconds(stats.waitTimes()), seconds(stats.runTimes()));
	}

	private static String seconds(QueueStats.Timing timing) {
		if (timing.count() == 0) {
			return "–";
		}
		return (timing.mean() < 10) ? String.format(java.util.Locale.ROOT, "%.2f s", timing.mean())
				: Times.duration(Duration.ofMillis(Math.round(timing.mean() * 1000)));
	}

	private List<Pages.ThrottleRow> rows(List<ThrottleStatus> statuses) {
		List<Pages.ThrottleRow> rows = new ArrayList<>(statuses.size());
		for (ThrottleStatus status : statuses) {
			String queue = status.id().startsWith(Throttle.QUEUE_PREFIX)
					? status.id().substring(Throttle.QUEUE_PREFIX.length()) : "";
			Duration ttl = status.throttle().timeToLive();
			rows.add(new Pages.ThrottleRow(status.id(), queue, status.maximum(),
					(ttl != null) ? "in " + Times.duration(ttl) : "", status.locks(), status.pending()));
		}
		return List.copyOf(rows);
	}

	private static String details(Map<String, Object> details) {
		StringBuilder text = new StringBuilder();
		for (Map.Entry<String, Object> entry : details.entrySet()) {
			if (!text.isEmpty()) {
				text.append(", ");
			}
			text.append(entry.getKey()).append('=').append(entry.getValue());
		}
		return text.toString();
	}

	private static List<String> reversed(List<String> jids) {
		List<String> reversed = new ArrayList<>(jids);
		java.util.Collections.reverse(reversed);
		return reversed;
	}

}
