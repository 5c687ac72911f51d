package io.qless.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.util.Assert;

import io.qless.core.QlessJson.Replies;

import static io.qless.core.QlessCommands.args;
import static io.qless.core.QlessCommands.notEmpty;

/**
 * Builds the script calls of the administrative commands: recurring templates,
 * configuration, workers and failure groups. See {@link QlessCommands}.
 */
final class QlessAdminCommands {

	private final QlessCommands commands;

	QlessAdminCommands(QlessCommands commands) {
		this.commands = commands;
	}

	// recurring

	QlessCommand<@Nullable RecurringJob> recurGet(String jid) {
		return this.commands.command("recur.get", args(notEmpty(jid, "jid")),
				(reply) -> (Replies.stringOrNull(reply) != null) ? this.commands.json().recurring(this.commands.json().tree(reply)) : null);
	}

	QlessCommand<@Nullable Void> recurUpdate(String jid, RecurringUpdate update) {
		Assert.notNull(update, "'update' must not be null");
		List<String> args = args(notEmpty(jid, "jid"));
		for (Map.Entry<String, @Nullable Object> change : update.changes().entrySet()) {
			args.add(change.getKey());
			Object value = change.getValue();
			args.add((value instanceof RecurringUpdate.Payload payload) ? this.commands.json().write(payload.value())
					: String.valueOf(value));
		}
		return this.commands.command("recur.update", args, (reply) -> null);
	}

	QlessCommand<List<String>> recurTag(String jid, boolean add, Collection<String> tags) {
		Assert.notEmpty(tags, "'tags' must not be empty");
		return this.commands.command(add ? "recur.tag" : "recur.untag", args(notEmpty(jid, "jid"), tags),
				(reply) -> QlessJson.strings(this.commands.json().tree(reply)));
	}

	QlessCommand<@Nullable Void> unrecur(String jid) {
		return this.commands.command("unrecur", args(notEmpty(jid, "jid")), (reply) -> null);
	}

	// config

	QlessCommand<Map<String, String>> configAll() {
		return this.commands.command("config.get", args(), (reply) -> {
			Map<String, String> config = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : this.commands.json().tree(reply).properties()) {
				config.put(entry.getKey(), entry.getValue().asString());
			}
			return config;
		});
	}

	QlessCommand<@Nullable String> configGet(String key) {
		return this.commands.command("config.get", args(notEmpty(key, "key")), Replies::stringOrNull);
	}

	QlessCommand<@Nullable Void> configSet(String key, String value) {
		return this.commands.command("config.set", args(notEmpty(key, "key"), value), (reply) -> null);
	}

	QlessCommand<@Nullable Void> configUnset(String key) {
		return this.commands.command("config.unset", args(notEmpty(key, "key")), (reply) -> null);
	}

	// throttles

	QlessCommand<@Nullable Void> throttleSet(String id, long maximum, @Nullable Duration expiry) {
		List<String> args = args(notEmpty(id, "id"), Long.toString(maximum));
		if (expiry != null) {
			Assert.isTrue(expiry.toSeconds() > 0, "'expiry' must be at least one second");
			args.add(Long.toString(expiry.toSeconds()));
		}
		return this.commands.command("throttle.set", args, (reply) -> null);
	}

	QlessCommand<Throttle> throttleGet(String id) {
		return this.commands.command("throttle.get", args(notEmpty(id, "id")), (reply) -> throttle(id, reply));
	}

	QlessCommand<Long> throttleTtl(String id) {
		if (this.commands.dialect() == QlessDialect.REQLESS) {
			// reqless has no throttle.ttl: the TTL is part of throttle.get
			return this.commands.command("throttle.get", args(notEmpty(id, "id")),
					(reply) -> this.commands.json().tree(reply).path("ttl").asLong(-2));
		}
		return this.commands.command("throttle.ttl", args(notEmpty(id, "id")), Replies::number);
	}

	// queue patterns (reqless dialect only)

	QlessCommand<Map<String, List<String>>> queueIdentifierPatterns() {
		return this.commands.command("queueIdentifierPatterns.getAll", args(), (reply) -> {
			Map<String, List<String>> patterns = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : this.commands.json().tree(reply).properties()) {
				patterns.put(entry.getKey(),
						QlessJson.strings(this.commands.json().tree(entry.getValue().asString())));
			}
			return patterns;
		});
	}

	QlessCommand<List<QueuePriorityPattern>> queuePriorityPatterns() {
		return this.commands.command("queuePriorityPatterns.getAll", args(), (reply) -> {
			List<QueuePriorityPattern> patterns = new ArrayList<>();
			for (JsonNode text : this.commands.json().tree(reply).values()) {
				JsonNode pattern = this.commands.json().tree(text.asString());
				patterns.add(new QueuePriorityPattern(QlessJson.strings(pattern.path("pattern")),
						pattern.path("fairly").asBoolean(false)));
			}
			return List.copyOf(patterns);
		});
	}

	QlessCommand<@Nullable Void> throttleDelete(String id) {
		return this.commands.command("throttle.delete", args(notEmpty(id, "id")), (reply) -> null);
	}

	QlessCommand<List<String>> throttleLocks(String id, boolean pending) {
		return this.commands.command(pending ? "throttle.pending" : "throttle.locks", args(notEmpty(id, "id")),
				Replies::strings);
	}

	QlessCommand<@Nullable Void> throttleRelease(String id, Collection<String> jids) {
		Assert.notEmpty(jids, "'jids' must not be empty");
		return this.commands.command("throttle.release", args(notEmpty(id, "id"), jids), (reply) -> null);
	}

	QlessCommand<Throttle> queueThrottleGet(String queue) {
		return this.commands.command("queue.throttle.get", args(notEmpty(queue, "queue")),
				(reply) -> throttle(Throttle.queueThrottleId(queue), reply));
	}

	QlessCommand<@Nullable Void> queueThrottleSet(String queue, long maximum) {
		return this.commands.command("queue.throttle.set", args(notEmpty(queue, "queue"), Long.toString(maximum)),
				(reply) -> null);
	}

	private Throttle throttle(String id, @Nullable Object reply) {
		JsonNode node = this.commands.json().tree(reply);
		String stored = QlessJson.string(node, "id");
		return new Throttle(stored.isEmpty() ? id : stored, node.path("maximum").asLong(0), node.path("ttl").asLong(-2));
	}

	// workers, failures

	QlessCommand<List<WorkerSummary>> workers() {
		return this.commands.command("workers", args(), (reply) -> {
			List<WorkerSummary> workers = new ArrayList<>();
			for (JsonNode node : this.commands.json().tree(reply).values()) {
				workers.add(new WorkerSummary(QlessJson.string(node, "name"), node.path("jobs").asLong(0),
						node.path("stalled").asLong(0)));
			}
			return List.copyOf(workers);
		});
	}

	QlessCommand<WorkerJobs> worker(String worker) {
		return this.commands.command("workers", args(notEmpty(worker, "worker")), (reply) -> {
			JsonNode tree = this.commands.json().tree(reply);
			return new WorkerJobs(QlessJson.strings(tree.path("jobs")), QlessJson.strings(tree.path("stalled")));
		});
	}

	QlessCommand<@Nullable Void> deregister(Collection<String> workers) {
		Assert.notEmpty(workers, "'workers' must not be empty");
		return this.commands.command("worker.deregister", new ArrayList<>(workers), (reply) -> null);
	}

	QlessCommand<Map<String, Long>> failureGroups() {
		return this.commands.command("failed", args(), (reply) -> {
			Map<String, Long> groups = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : this.commands.json().tree(reply).properties()) {
				groups.put(entry.getKey(), entry.getValue().asLong(0));
			}
			return groups;
		});
	}

	QlessCommand<JidPage> failed(String group, int start, int limit) {
		return this.commands.command("failed", args(notEmpty(group, "group"), Integer.toString(start), Integer.toString(limit)),
				(reply) -> this.commands.json().page(this.commands.json().tree(reply), "jobs"));
	}

}
