package io.qless.endpoint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.qless.core.JidPage;
import io.qless.core.Job;
import io.qless.core.PutRequest;
import io.qless.core.QlessDialect;
import io.qless.core.QlessOperations;
import io.qless.core.QlessShards;
import io.qless.core.QueueCounts;
import io.qless.core.QueueJobState;
import io.qless.core.QueuePriorityPattern;
import io.qless.core.RawJson;
import io.qless.core.ScheduleDefinition;
import io.qless.core.ScheduleInfo;
import io.qless.core.SchedulePage;
import io.qless.core.Throttle;
import io.qless.core.ThrottleStatus;
import io.qless.core.WorkerJobs;
import io.qless.core.WorkerSummary;
import io.qless.listener.QlessListenerEndpointRegistry;
import io.qless.schedule.ScheduleManager;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The {@code qless} Actuator endpoint: what qless holds, and the operator's actions on it.
 * Over HTTP (once exposed, like any endpoint):
 * <ul>
 * <li>{@code GET /actuator/qless}: queues with their counts, workers, failure groups,
 * known throttles with their lock and pending counts, and, when queues are spread over
 * shards, every shard with its queues (the other lists gather every shard);</li>
 * <li>{@code GET /actuator/qless/queues}, {@code /workers}, {@code /failures},
 * {@code /throttles}, {@code /containers}, {@code /schedules}, {@code /shards}: one of
 * those (shards: every shard with its key prefix, queue patterns and queues; containers:
 * this application's listener containers by queue, running or paused, with their jobs in
 * flight; schedules: every schedule in Redis (the first {@value #SCHEDULES_LISTED}, in name
 * order) with its definition, last and next fire times, and counts);</li>
 * <li>{@code GET /actuator/qless/schedules/{name}}: one schedule;</li>
 * <li>{@code GET /actuator/qless/queues/{queue}?state=&offset=&count=}: a queue's counts
 * and the jids in one state ({@code waiting} (the default), {@code running},
 * {@code stalled}, {@code scheduled}, {@code depends}, {@code recurring},
 * {@code throttled});</li>
 * <li>{@code GET /actuator/qless/jobs/{jid}}: a job with its history; its data only as
 * {@code management.endpoint.qless.show-values} allows (never by default, as Boot's
 * {@code env} endpoint), else {@value #HIDDEN};</li>
 * <li>{@code GET /actuator/qless/workers/{worker}}: the jobs a worker holds;</li>
 * <li>{@code GET /actuator/qless/failures/{group}?offset=&count=}: the jids of a failure
 * group;</li>
 * <li>{@code GET /actuator/qless/throttles/{id}}: any throttle, with the jids holding and
 * waiting for its locks;</li>
 * <li>{@code POST /actuator/qless/queues/{queue}} with {@code {"action": "pause"}},
 * {@code "unpause"}, or {@code "unfail"} with {@code "group"} (and {@code "count"}, 25 by
 * default): move failed jobs of a group back into the queue, or {@code "throttle"} with
 * {@code "maximum"}: set the maximum of the queue's implicit throttle;</li>
 * <li>{@code POST /actuator/qless/throttles/{id}} with {@code {"action": "set",
 * "maximum": 5}} (and optionally {@code "expiry": "10m"}) or {@code {"action":
 * "delete"}};</li>
 * <li>{@code POST /actuator/qless/jobs/{jid}} with {@code {"action": "cancel"}},
 * {@code "retry"} (put it back into its queue, or {@code "queue"}), or {@code "move"} with
 * {@code "queue"};</li>
 * <li>{@code POST /actuator/qless/containers/{queue}} or
 * {@code /actuator/qless/handlers/{id}} with {@code {"action": "pause"}} or
 * {@code "resume"}: stop or restart popping in this application only (the qless queue
 * pause above stops every worker);</li>
 * <li>{@code POST /actuator/qless/schedules/{name}} with {@code {"action": "pause"}},
 * {@code "resume"} (fire times that passed while paused are skipped), {@code "trigger"}
 * (put one job now; the fire times stay) or {@code "delete"}.</li>
 * </ul>
 * A schedule's data is shown as a job's is. Over HTTP, a request qless cannot carry out
 * answers 400 with the reason in {@code error}, and an unknown job, container, handler or
 * schedule 404
 * ({@link QlessEndpointWebExtension}).
 */
@Endpoint(id = "qless")
public class QlessEndpoint {

	/** What job data reads as when it is not shown. */
	public static final String HIDDEN = "******";

	private static final int DEFAULT_COUNT = 25;

	private static final int RECENTLY_COMPLETED = 10;

	/** Most schedules the {@code schedules} section lists. */
	static final int SCHEDULES_LISTED = 1000;

	private final QlessOperations qless;

	private final Supplier<? extends Collection<String>> throttles;

	private final @Nullable QlessListenerEndpointRegistry registry;

	private final Show showValues;

	private final @Nullable ScheduleManager schedules;

	/**
	 * Create the endpoint, listing no throttles unless asked for one by id, with no
	 * containers and job data never shown.
	 * @param qless the qless client
	 */
	public QlessEndpoint(QlessOperations qless) {
		this(qless, List::of, null, Show.NEVER);
	}

	/**
	 * Create the endpoint.
	 * @param qless the qless client
	 * @param throttles the ids of the throttles to list
	 * @param registry the listener containers of this application, if any
	 * @param showValues when job data is shown; otherwise it reads {@value #HIDDEN}
	 */
	public QlessEndpoint(QlessOperations qless, Supplier<? extends Collection<String>> throttles,
			@Nullable QlessListenerEndpointRegistry registry, Show showValues) {
		this(qless, throttles, registry, null, showValues);
	}

	/**
	 * Create the endpoint.
	 * @param qless the qless client
	 * @param throttles the ids of the throttles to list
	 * @param registry the listener containers of this application, if any
	 * @param schedules the schedule manager, or {@code null} to list no schedules
	 * @param showValues when job and schedule data is shown; otherwise it reads
	 * {@value #HIDDEN}
	 */
	public QlessEndpoint(QlessOperations qless, Supplier<? extends Collection<String>> throttles,
			@Nullable QlessListenerEndpointRegistry registry, @Nullable ScheduleManager schedules, Show showValues) {
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(throttles, "'throttles' must not be null");
		Assert.notNull(showValues, "'showValues' must not be null");
		this.qless = qless;
		this.throttles = throttles;
		this.registry = registry;
		this.schedules = schedules;
		this.showValues = showValues;
	}

	/**
	 * Return the queues with their counts, the most recently completed jobs, the workers,
	 * the failure groups and the known throttles.
	 * @return the overview
	 */
	@ReadOperation
	public Overview overview() {
		QueuePatterns patterns = null;
		if (this.qless.dialect() == QlessDialect.REQLESS) {
			patterns = new QueuePatterns(this.qless.queueIdentifierPatterns(), this.qless.queuePriorityPatterns());
		}
		List<QueueCounts> queues = this.qless.queues();
		return new Overview(queues, this.qless.jobs().completed(0, RECENTLY_COMPLETED), this.qless.workers().list(),
				this.qless.failures().groups(), throttles(), patterns,
				this.qless.shards().isSharded() ? shards(queues) : null);
	}

	/**
	 * Return every shard with the queues it owns, each queue with its counts.
	 */
	private List<ShardView> shards(List<QueueCounts> queues) {
		QlessShards shards = this.qless.shards();
		Map<String, List<QueueCounts>> byShard = new LinkedHashMap<>();
		shards.all().forEach((shard) -> byShard.put(shard.name(), new ArrayList<>()));
		for (QueueCounts queue : queues) {
			byShard.get(shards.shardOf(queue.name()).name()).add(queue);
		}
		return shards.all()
			.stream()
			.map((shard) -> new ShardView(shard.name(), shard.keyPrefix(), shard.queues(),
					List.copyOf(byShard.get(shard.name()))))
			.toList();
	}

	/**
	 * Return one part of the overview.
	 * @param section {@code queues}, {@code workers}, {@code failures} or
	 * {@code throttles}
	 * @return that part
	 */
	@ReadOperation
	public Object section(@Selector String section) {
		return section(section, this.showValues.isShown(true));
	}

	/**
	 * Return one part of the overview.
	 * @param section the section
	 * @param showData whether schedule data is shown
	 * @return that part
	 */
	Object section(String section, boolean showData) {
		return switch (section(section, "queues", "workers", "failures", "throttles", "containers", "schedules",
				"shards")) {
			case "queues" -> this.qless.queues();
			case "shards" -> shards(this.qless.queues());
			case "workers" -> this.qless.workers().list();
			case "throttles" -> throttles();
			case "containers" -> containers();
			case "schedules" -> schedules(showData);
			default -> this.qless.failures().groups();
		};
	}

	private SchedulePage schedules(boolean showData) {
		SchedulePage page = scheduleManager().list(0, SCHEDULES_LISTED);
		return new SchedulePage(page.total(), page.schedules().stream().map((info) -> shown(info, showData)).toList());
	}

	private ScheduleManager scheduleManager() {
		if (this.schedules == null) {
			throw new UnknownItemException("This application has no schedule manager");
		}
		return this.schedules;
	}

	private static @Nullable ScheduleInfo shown(@Nullable ScheduleInfo info, boolean showData) {
		if (info == null || showData) {
			return info;
		}
		ScheduleDefinition hidden = info.definition().data(HIDDEN);
		return new ScheduleInfo(hidden, info.paused(), info.next(), info.last(), info.lastJid(), info.lastPut(),
				info.fired(), info.skipped(), info.triggered());
	}

	private Map<String, QlessListenerEndpointRegistry.ContainerState> containers() {
		return (this.registry != null) ? this.registry.getContainerStates() : Map.of();
	}

	/**
	 * Return one queue, job, worker, failure group or throttle.
	 * @param section {@code queues}, {@code jobs}, {@code workers}, {@code failures} or
	 * {@code throttles}
	 * @param name the queue, jid, worker, group or throttle id
	 * @param state for a queue, the state to list jids of
	 * @param offset for a queue or group, how many jids to skip
	 * @param count for a queue or group, how many jids at most
	 * @return the item, {@code null} for a jid that does not exist
	 */
	@ReadOperation
	public @Nullable Object item(@Selector String section, @Selector String name, @Nullable String state,
			@Nullable Integer offset, @Nullable Integer count) {
		return item(section, name, state, offset, count, this.showValues.isShown(true));
	}

	/**
	 * Return one queue, job, worker, failure group, throttle or container.
	 * @param section the section
	 * @param name the queue, jid, worker, group, throttle id or container queue
	 * @param state for a queue, the state to list jids of
	 * @param offset for a queue or group, how many jids to skip
	 * @param count for a queue or group, how many jids at most
	 * @param showData whether a job's data is shown
	 * @return the item, {@code null} for a jid or container that does not exist
	 */
	@Nullable Object item(String section, String name, @Nullable String state, @Nullable Integer offset,
			@Nullable Integer count, boolean showData) {
		int from = (offset != null) ? Math.max(0, offset) : 0;
		int size = (count != null) ? Math.max(1, count) : DEFAULT_COUNT;
		return switch (section(section, "queues", "jobs", "workers", "failures", "throttles", "containers",
				"schedules")) {
			case "queues" -> queue(name, (state != null) ? state : "waiting", from, size);
			case "jobs" -> job(name, showData);
			case "workers" -> worker(name);
			case "throttles" -> throttle(name);
			case "containers" -> containers().get(name);
			case "schedules" -> shown(scheduleManager().get(name), showData);
			default -> failureGroup(name, from, size);
		};
	}

	private @Nullable Job job(String jid, boolean showData) {
		Job job = this.qless.jobs().get(jid);
		if (job == null || showData) {
			return job;
		}
		return new Job(job.jid(), job.klass(), job.state(), job.queue(), job.worker(), job.tracked(), job.priority(),
				job.expires(), job.retries(), job.remaining(), HIDDEN, job.tags(), job.history(), job.failure(),
				job.spawnedFromJid(), job.dependents(), job.dependencies(), job.throttles());
	}

	/**
	 * Act on a queue, a job, a throttle, a container, a handler or a schedule.
	 * @param section {@code queues}, {@code jobs}, {@code throttles}, {@code containers},
	 * {@code handlers} or {@code schedules}
	 * @param name the queue, jid, throttle id, container queue, handler id or schedule name
	 * @param action for a queue {@code pause}, {@code unpause}, {@code unfail} or
	 * {@code throttle}; for a job {@code cancel}, {@code retry} or {@code move}; for a
	 * throttle {@code set} or {@code delete}; for a container or handler {@code pause} or
	 * {@code resume}; for a schedule {@code pause}, {@code resume}, {@code trigger} or
	 * {@code delete}
	 * @param queue the queue to retry or move a job into
	 * @param group the failure group to unfail
	 * @param count how many failed jobs to unfail at most
	 * @param maximum the throttle maximum to set, {@code 0} for no limit
	 * @param expiry how long a throttle set here lives ({@code "10m"}, {@code "PT10M"}),
	 * none by default
	 * @return what was done
	 */
	@WriteOperation
	public Map<String, Object> act(@Selector String section, @Selector String name, String action,
			@Nullable String queue, @Nullable String group, @Nullable Integer count, @Nullable Long maximum,
			@Nullable String expiry) {
		String verb = action.toLowerCase(Locale.ROOT);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("action", verb);
		String target = section(section, "queues", "jobs", "throttles", "containers", "handlers", "schedules");
		if (target.equals("containers") || target.equals("handlers")) {
			return actOnContainers(target, name, verb, result);
		}
		if (target.equals("schedules")) {
			return actOnSchedule(name, verb, result);
		}
		if (target.equals("throttles")) {
			result.put("throttle", name);
			switch (verb) {
				case "set" -> {
					long max = requireMaximum(maximum, verb);
					if (StringUtils.hasText(expiry)) {
						this.qless.throttles().set(name, max, duration(expiry));
					}
					else {
						this.qless.throttles().set(name, max);
					}
					result.put("throttle", this.qless.throttles().get(name));
				}
				case "delete" -> this.qless.throttles().delete(name);
				default -> throw invalidAction(verb, "set, delete");
			}
			return result;
		}
		if (target.equals("queues")) {
			result.put("queue", name);
			switch (verb) {
				case "pause" -> this.qless.queue(name).pause();
				case "unpause" -> this.qless.queue(name).unpause();
				case "unfail" -> {
					if (!StringUtils.hasText(group)) {
						throw new InvalidEndpointRequestException("'unfail' needs a 'group'", "Missing group");
					}
					result.put("group", group);
					result.put("unfailed", this.qless.queue(name).unfail(group, (count != null) ? count : DEFAULT_COUNT));
				}
				case "throttle" -> {
					this.qless.throttles().setQueueThrottle(name, requireMaximum(maximum, verb));
					result.put("throttle", this.qless.throttles().getQueueThrottle(name));
				}
				default -> throw invalidAction(verb, "pause, unpause, unfail, throttle");
			}
			return result;
		}
		result.put("jid", name);
		if (!List.of("cancel", "retry", "move").contains(verb)) {
			throw invalidAction(verb, "cancel, retry, move");
		}
		Job job = this.qless.jobs().get(name);
		if (job == null) {
			throw new UnknownItemException("No job '" + name + "'");
		}
		switch (verb) {
			case "cancel" -> this.qless.jobs().cancel(name);
			case "retry", "move" -> {
				String into = StringUtils.hasText(queue) ? queue : ("retry".equals(verb) ? job.queue() : null);
				if (!StringUtils.hasText(into)) {
					throw new InvalidEndpointRequestException("'" + verb + "' needs a 'queue'", "Missing queue");
				}
				// requeue does not keep throttles by itself (the script drops the old queue's own)
				PutRequest request = PutRequest.of(job.klass(), new RawJson(job.data())).jid(name);
				this.qless.queue(into)
					.requeue(job.throttles().isEmpty() ? request : request.throttles(job.throttles()));
				result.put("queue", into);
			}
			default -> throw invalidAction(verb, "cancel, retry, move");
		}
		return result;
	}

	private Map<String, Object> actOnContainers(String target, String name, String verb, Map<String, Object> result) {
		if (this.registry == null) {
			throw new UnknownItemException("This application runs no listener containers");
		}
		if (!verb.equals("pause") && !verb.equals("resume")) {
			throw invalidAction(verb, "pause, resume");
		}
		boolean pause = verb.equals("pause");
		if (target.equals("containers")) {
			boolean found = pause ? this.registry.pause(name) : this.registry.resume(name);
			if (!found) {
				throw new UnknownItemException("No container serves queue '" + name + "'");
			}
			result.put("queues", List.of(name));
			return result;
		}
		List<String> queues = pause ? this.registry.pauseEndpoint(name) : this.registry.resumeEndpoint(name);
		if (queues.isEmpty()) {
			throw new UnknownItemException("No handler with id '" + name + "'");
		}
		result.put("handler", name);
		result.put("queues", queues);
		return result;
	}

	private Map<String, Object> actOnSchedule(String name, String verb, Map<String, Object> result) {
		ScheduleManager manager = scheduleManager();
		result.put("schedule", name);
		Object done = switch (verb) {
			case "pause" -> manager.pause(name);
			case "resume" -> manager.resume(name);
			case "trigger" -> manager.trigger(name);
			case "delete" -> manager.delete(name) ? Boolean.TRUE : null;
			default -> throw invalidAction(verb, "pause, resume, trigger, delete");
		};
		if (done == null) {
			throw new UnknownItemException("No schedule '" + name + "'");
		}
		if (done instanceof ScheduleInfo info) {
			result.put("paused", info.paused());
			if (info.next() != null) {
				result.put("next", info.next());
			}
		}
		else if (done instanceof String jid) {
			result.put("jid", jid);
		}
		return result;
	}

	private QueueView queue(String name, String state, int offset, int count) {
		QueueCounts counts = this.qless.queue(name).counts();
		String wanted = state.toLowerCase(Locale.ROOT);
		List<String> jids;
		if ("waiting".equals(wanted)) {
			jids = this.qless.queue(name)
				.peek(offset + count)
				.stream()
				.skip(offset)
				.map(Job::jid)
				.toList();
		}
		else {
			jids = this.qless.queue(name).jobs(queueJobState(wanted), offset, count);
		}
		return new QueueView(counts, wanted, offset, jids);
	}

	private List<ThrottleStatus> throttles() {
		return this.qless.throttles().status(new LinkedHashSet<>(this.throttles.get()));
	}

	private ThrottleView throttle(String id) {
		Throttle throttle = this.qless.throttles().get(id);
		return new ThrottleView(throttle.id(), throttle.maximum(), throttle.ttl(), this.qless.throttles().locks(id),
				this.qless.throttles().pending(id));
	}

	private static long requireMaximum(@Nullable Long maximum, String verb) {
		if (maximum == null || maximum < 0) {
			throw new InvalidEndpointRequestException("'" + verb + "' needs a 'maximum' of 0 or more",
					"Missing maximum");
		}
		return maximum;
	}

	private static Duration duration(String expiry) {
		try {
			Duration duration = DurationStyle.detectAndParse(expiry);
			if (duration.toSeconds() < 1) {
				throw new IllegalArgumentException("shorter than a second");
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException("Invalid 'expiry' '" + expiry + "': " + ex.getMessage(),
					"Invalid expiry");
		}
	}

	private WorkerJobs worker(String name) {
		return this.qless.workers().jobs(name);
	}

	private FailureGroupView failureGroup(String group, int offset, int count) {
		JidPage page = this.qless.failures().jobs(group, offset, count);
		return new FailureGroupView(group, page.total(), offset, page.jids());
	}

	private static QueueJobState queueJobState(String state) {
		for (QueueJobState candidate : QueueJobState.values()) {
			if (candidate.wireName().equals(state)) {
				return candidate;
			}
		}
		throw new InvalidEndpointRequestException("Unknown state '" + state
				+ "'; use waiting, running, stalled, scheduled, depends, recurring or throttled", "Unknown state");
	}

	private static String section(String section, String... known) {
		for (String candidate : known) {
			if (candidate.equals(section)) {
				return candidate;
			}
		}
		throw new InvalidEndpointRequestException(
				"Unknown section '" + section + "'; use " + String.join(", ", known), "Unknown section");
	}

	private static InvalidEndpointRequestException invalidAction(String action, String known) {
		return new InvalidEndpointRequestException("Unknown action '" + action + "'; use " + known, "Unknown action");
	}

	/**
	 * Thrown for a job, container or handler that does not exist: 404 over HTTP.
	 */
	static final class UnknownItemException extends RuntimeException {

		UnknownItemException(String message) {
			super(message, null, false, false);
		}

	}

	/**
	 * What qless holds, in brief.
	 *
	 * @param queues the queues with their counts
	 * @param recentlyCompleted jids of the most recently completed jobs, newest first
	 * @param workers the workers with their job counts
	 * @param failures the failure groups with their sizes
	 * @param throttles the known throttles with their lock and pending counts
	 * @param queuePatterns the queue identifier and priority patterns reqless workers select
	 * queues with; only under the reqless dialect ({@code qless.dialect=reqless})
	 * @param shards every shard with its queues; only when queues are spread over shards
	 * ({@code qless.shards.*})
	 */
	public record Overview(List<QueueCounts> queues, List<String> recentlyCompleted, List<WorkerSummary> workers,
			Map<String, Long> failures, List<ThrottleStatus> throttles,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable QueuePatterns queuePatterns,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<ShardView> shards) {

		/**
		 * Create an overview of a deployment without shards.
		 * @param queues the queues with their counts
		 * @param recentlyCompleted jids of the most recently completed jobs, newest first
		 * @param workers the workers with their job counts
		 * @param failures the failure groups with their sizes
		 * @param throttles the known throttles with their lock and pending counts
		 * @param queuePatterns the queue patterns of the reqless dialect, or {@code null}
		 */
		public Overview(List<QueueCounts> queues, List<String> recentlyCompleted, List<WorkerSummary> workers,
				Map<String, Long> failures, List<ThrottleStatus> throttles, @Nullable QueuePatterns queuePatterns) {
			this(queues, recentlyCompleted, workers, failures, throttles, queuePatterns, null);
		}

	}

	/**
	 * One shard: a qless key space of its own.
	 *
	 * @param name the shard's name ({@code default} for the shard of every queue no other
	 * shard lists)
	 * @param keyPrefix the prefix of its keys, for example {@code ql:{orders}:}
	 * @param patterns the queue names and patterns it owns, as configured
	 * @param queues the queues it holds, with their counts
	 */
	public record ShardView(String name, String keyPrefix, List<String> patterns, List<QueueCounts> queues) {
	}

	/**
	 * The queue patterns of the reqless dialect.
	 *
	 * @param identifiers identifier pattern name to queue-name globs (always with
	 * {@code default})
	 * @param priorities the priority patterns in order
	 */
	public record QueuePatterns(Map<String, List<String>> identifiers, List<QueuePriorityPattern> priorities) {
	}

	/**
	 * A throttle with the jobs holding and waiting for its locks.
	 *
	 * @param id the throttle id
	 * @param maximum the maximum, {@code 0} for no limit
	 * @param ttl seconds until it expires, {@code -1} for never, {@code -2} if not stored
	 * @param locks jids holding a lock
	 * @param pending jids waiting for a lock, oldest first
	 */
	public record ThrottleView(String id, long maximum, long ttl, List<String> locks, List<String> pending) {
	}

	/**
	 * A queue's counts and a page of its jids in one state.
	 *
	 * @param counts the counts
	 * @param state the state listed
	 * @param offset jids skipped
	 * @param jids the jids
	 */
	public record QueueView(QueueCounts counts, String state, int offset, List<String> jids) {
	}

	/**
	 * A page of a failure group.
	 *
	 * @param group the group
	 * @param total jobs in the group
	 * @param offset jids skipped
	 * @param jids the jids, newest failure first
	 */
	public record FailureGroupView(String group, long total, int offset, List<String> jids) {
	}

}
