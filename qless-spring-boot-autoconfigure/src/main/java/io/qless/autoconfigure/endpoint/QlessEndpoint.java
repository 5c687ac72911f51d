package io.qless.autoconfigure.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.qless.core.JidPage;
import io.qless.core.PutRequest;
import io.qless.core.Job;
import io.qless.core.QlessOperations;
import io.qless.core.QueueCounts;
import io.qless.core.QueueJobState;
import io.qless.core.RawJson;
import io.qless.core.WorkerJobs;
import io.qless.core.WorkerSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The {@code qless} Actuator endpoint: what qless holds, and the operator's actions on it.
 * Over HTTP (once exposed, like any endpoint):
 * <ul>
 * <li>{@code GET /actuator/qless}: queues with their counts, workers, failure groups;</li>
 * <li>{@code GET /actuator/qless/queues}, {@code /workers}, {@code /failures}: one of
 * those;</li>
 * <li>{@code GET /actuator/qless/queues/{queue}?state=&offset=&count=}: a queue's counts
 * and the jids in one state ({@code waiting} (the default), {@code running},
 * {@code stalled}, {@code scheduled}, {@code depends}, {@code recurring});</li>
 * <li>{@code GET /actuator/qless/jobs/{jid}}: a job with its history (404 if unknown);</li>
 * <li>{@code GET /actuator/qless/workers/{worker}}: the jobs a worker holds;</li>
 * <li>{@code GET /actuator/qless/failures/{group}?offset=&count=}: the jids of a failure
 * group;</li>
 * <li>{@code POST /actuator/qless/queues/{queue}} with {@code {"action": "pause"}},
 * {@code "unpause"}, or {@code "unfail"} with {@code "group"} (and {@code "count"}, 25 by
 * default): move failed jobs of a group back into the queue;</li>
 * <li>{@code POST /actuator/qless/jobs/{jid}} with {@code {"action": "cancel"}},
 * {@code "retry"} (put it back into its queue, or {@code "queue"}), or {@code "move"} with
 * {@code "queue"}.</li>
 * </ul>
 */
@Endpoint(id = "qless")
public class QlessEndpoint {

	private static final int DEFAULT_COUNT = 25;

	private final QlessOperations qless;

	/**
	 * Create the endpoint.
	 * @param qless the qless client
	 */
	public QlessEndpoint(QlessOperations qless) {
		Assert.notNull(qless, "'qless' must not be null");
		this.qless = qless;
	}

	/**
	 * Return the queues with their counts, the workers and the failure groups.
	 * @return the overview
	 */
	@ReadOperation
	public Overview overview() {
		return new Overview(this.qless.queues(), this.qless.workers().list(), this.qless.failures().groups());
	}

	/**
	 * Return one part of the overview.
	 * @param section {@code queues}, {@code workers} or {@code failures}
	 * @return that part
	 */
	@ReadOperation
	public Object section(@Selector String section) {
		return switch (section(section, "queues", "workers", "failures")) {
			case "queues" -> this.qless.queues();
			case "workers" -> this.qless.workers().list();
			default -> this.qless.failures().groups();
		};
	}

	/**
	 * Return one queue, job, worker or failure group.
	 * @param section {@code queues}, {@code jobs}, {@code workers} or {@code failures}
	 * @param name the queue, jid, worker or group
	 * @param state for a queue, the state to list jids of
	 * @param offset for a queue or group, how many jids to skip
	 * @param count for a queue or group, how many jids at most
	 * @return the item, {@code null} for a jid that does not exist
	 */
	@ReadOperation
	public @Nullable Object item(@Selector String section, @Selector String name, @Nullable String state,
			@Nullable Integer offset, @Nullable Integer count) {
		int from = (offset != null) ? Math.max(0, offset) : 0;
		int size = (count != null) ? Math.max(1, count) : DEFAULT_COUNT;
		return switch (section(section, "queues", "jobs", "workers", "failures")) {
			case "queues" -> queue(name, (state != null) ? state : "waiting", from, size);
			case "jobs" -> this.qless.jobs().get(name);
			case "workers" -> worker(name);
			default -> failureGroup(name, from, size);
		};
	}

	/**
	 * Act on a queue or a job.
	 * @param section {@code queues} or {@code jobs}
	 * @param name the queue or jid
	 * @param action for a queue {@code pause}, {@code unpause} or {@code unfail}; for a job
	 * {@code cancel}, {@code retry} or {@code move}
	 * @param queue the queue to retry or move a job into
	 * @param group the failure group to unfail
	 * @param count how many failed jobs to unfail at most
	 * @return what was done
	 */
	@WriteOperation
	public Map<String, Object> act(@Selector String section, @Selector String name, String action,
			@Nullable String queue, @Nullable String group, @Nullable Integer count) {
		String verb = action.toLowerCase(Locale.ROOT);
		Map<String, Object> result = new LinkedHashMap<>();
		result.put("action", verb);
		if (section(section, "queues", "jobs").equals("queues")) {
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
				default -> throw invalidAction(verb, "pause, unpause, unfail");
			}
			return result;
		}
		result.put("jid", name);
		switch (verb) {
			case "cancel" -> this.qless.jobs().cancel(name);
			case "retry", "move" -> {
				Job job = this.qless.jobs().get(name);
				if (job == null) {
					throw new InvalidEndpointRequestException("No job '" + name + "'", "Unknown job");
				}
				String target = StringUtils.hasText(queue) ? queue : ("retry".equals(verb) ? job.queue() : null);
				if (!StringUtils.hasText(target)) {
					throw new InvalidEndpointRequestException("'" + verb + "' needs a 'queue'", "Missing queue");
				}
				this.qless.queue(target).requeue(PutRequest.of(job.klass(), new RawJson(job.data())).jid(name));
				result.put("queue", target);
			}
			default -> throw invalidAction(verb, "cancel, retry, move");
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
				+ "'; use waiting, running, stalled, scheduled, depends or recurring", "Unknown state");
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
	 * What qless holds, in brief.
	 *
	 * @param queues the queues with their counts
	 * @param workers the workers with their job counts
	 * @param failures the failure groups with their sizes
	 */
	public record Overview(List<QueueCounts> queues, List<WorkerSummary> workers, Map<String, Long> failures) {
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
