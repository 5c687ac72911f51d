package io.qless.core;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.qless.core.QlessJson.Replies;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

/**
 * Builds the script calls of every qless command (argument order, option pairs, JSON encoding,
 * {@code now} from the clock) and the conversion of each reply. Shared by the synchronous
 * operations and by {@link QlessBatch}, so both send exactly the same wire format.
 */
final class QlessCommands {

	private final QlessJson json;

	private final Clock clock;

	private final QlessDialect dialect;

	private final @Nullable String key;

	private final SettleReplyReader settleReplies;

	QlessCommands(QlessJson json, Clock clock) {
		this(json, clock, QlessDialect.QLESS);
	}

	QlessCommands(QlessJson json, Clock clock, QlessDialect dialect) {
		this(json, clock, dialect, null);
	}

	private QlessCommands(QlessJson json, Clock clock, QlessDialect dialect, @Nullable String key) {
		this.json = json;
		this.clock = clock;
		this.dialect = dialect;
		this.key = key;
		this.settleReplies = new SettleReplyReader(json.mapper());
	}

	/**
	 * Return the commands of the given shard: the same wire format, sent with the shard's key
	 * prefix as {@code KEYS[1]} (none for the plain {@code ql:} keys).
	 */
	QlessCommands forShard(QlessShard shard) {
		return new QlessCommands(this.json, this.clock, this.dialect, shard.key());
	}

	@Nullable String key() {
		return this.key;
	}

	QlessDialect dialect() {
		return this.dialect;
	}

	QlessJson json() {
		return this.json;
	}

	static String seconds(Duration duration) {
		return BigDecimal.valueOf(duration.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
	}

	static String newJid() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	<T extends @Nullable Object> QlessCommand<T> command(String name, List<String> args,
			Function<@Nullable Object, T> converter) {
		ScriptCall call = new ScriptCall(name, this.clock, args, this.key);
		if (this.dialect == QlessDialect.REQLESS) {
			call = ReqlessCalls.translate(call);
		}
		return new QlessCommand<>(call, converter);
	}

	static List<String> args(String... args) {
		return new ArrayList<>(Arrays.asList(args));
	}

	static List<String> args(String first, Collection<String> rest) {
		List<String> args = new ArrayList<>(rest.size() + 1);
		args.add(first);
		args.addAll(rest);
		return args;
	}

	static String notEmpty(String value, String name) {
		Assert.hasText(value, () -> "'" + name + "' must not be empty");
		return value;
	}

	// queues

	QlessCommand<String> put(String worker, String queue, PutRequest request, boolean requeue) {
		Assert.notNull(request, "'request' must not be null");
		String jid = (request.jid() != null) ? request.jid() : newJid();
		List<String> args = args(worker, notEmpty(queue, "queue"), jid, request.klass(),
				this.json.writePayload(request.payload()), seconds(request.delay()));
		if (request.priority() != null) {
			args.addAll(List.of("priority", request.priority().toString()));
		}
		if (request.tags() != null) {
			args.addAll(List.of("tags", this.json.write(request.tags())));
		}
		if (request.retries() != null) {
			args.addAll(List.of("retries", request.retries().toString()));
		}
		if (request.depends() != null) {
			args.addAll(List.of("depends", this.json.write(request.depends())));
		}
		if (request.throttles() != null) {
			args.addAll(List.of("throttles", this.json.write(throttles(request.throttles(), queue))));
		}
		if (request.unique() != null) {
			unique(request.unique(), args);
		}
		return command(requeue ? "requeue" : "put", args, Replies::string);
	}

	/** Most puts in one {@code put.many} call (the script refuses more than 1,000). */
	static final int MAX_PUT_MANY = 100;

	/**
	 * The puts of one queue as one {@code put.many} call (reqless {@code queue.putMany}):
	 * each put's words after its worker and queue, preceded by how many option words it
	 * has. The reply reads as one result per put, in order.
	 * @param puts put commands built by {@link #put} for one queue and worker
	 */
	QlessCommand<List<BatchResult<String>>> putMany(List<QlessCommand<String>> puts) {
		Assert.isTrue(!puts.isEmpty() && puts.size() <= MAX_PUT_MANY,
				() -> "Between 1 and " + MAX_PUT_MANY + " puts per call");
		List<String> first = puts.get(0).call().args();
		List<String> args = new ArrayList<>(3 + 8 * puts.size());
		args.addAll(List.of(first.get(0), first.get(1), Integer.toString(puts.size())));
		for (QlessCommand<String> put : puts) {
			List<String> words = put.call().args();
			Assert.isTrue(words.get(0).equals(first.get(0)) && words.get(1).equals(first.get(1)),
					"The puts of one put.many call share their worker and queue");
			args.addAll(words.subList(2, 6));
			args.add(Integer.toString(words.size() - 6));
			args.addAll(words.subList(6, words.size()));
		}
		return command("put.many", args, (reply) -> putManyResults(puts.size(), reply));
	}

	private List<BatchResult<String>> putManyResults(int count, @Nullable Object reply) {
		JsonNode tree = this.json.tree(reply);
		Assert.state(tree.isArray() && tree.size() == count,
				() -> "put.many replied " + tree.size() + " results for " + count + " puts");
		List<BatchResult<String>> results = new ArrayList<>(count);
		for (JsonNode result : tree.values()) {
			if (result.isObject()) {
				results.add(new BatchResult<>(null, QlessErrors.fromMessage("put", result.path("error").asString(), null)));
			}
			else {
				results.add(new BatchResult<>(result.asString(), null));
			}
		}
		return results;
	}

	// The script's defaults (mode finish, TTL the delay plus 30 days) are not sent.
	private static void unique(UniqueKey unique, List<String> args) {
		args.addAll(List.of("unique", unique.key()));
		if (unique.mode() != UniqueMode.FINISH) {
			args.addAll(List.of("unique-mode", unique.mode().value()));
		}
		Duration ttl = unique.ttl();
		if (ttl != null) {
			// Whole seconds, rounded up so that a short TTL never becomes "no limit".
			args.addAll(List.of("unique-ttl", Long.toString(ttl.toSeconds() + ((ttl.getNano() > 0) ? 1 : 0))));
		}
	}

	/**
	 * Return the jid a put or requeue command puts: {@code <worker> <queue> <jid> ...}.
	 */
	static String jidOf(QlessCommand<String> put) {
		return put.call().args().get(2);
	}

	// The script appends the queue's implicit throttle itself; sending it too would list it twice.
	// In a shard's key space a queue's throttle id carries the shard's prefix, as the script names it.
	private List<String> throttles(List<String> throttles, String queue) {
		String implicit = throttleId(Throttle.queueThrottleId(queue));
		List<String> ids = new ArrayList<>(throttles.size());
		for (String throttle : throttles) {
			Assert.hasText(throttle, "Throttle ids must not be empty");
			String id = throttleId(throttle);
			if (!id.equals(implicit) && !ids.contains(id)) {
				ids.add(id);
			}
		}
		return ids;
	}

	/**
	 * Return a throttle id as the script of this key space names it: a queue's throttle
	 * ({@code ql:q:<queue>}) carries the shard's prefix ({@code ql:{orders}:q:<queue>});
	 * named throttles are left as they are.
	 */
	String throttleId(String id) {
		String queue = ShardRouter.throttledQueue(id);
		if (queue == null) {
			return id;
		}
		return ((this.key != null) ? this.key : QlessShard.PLAIN_PREFIX) + "q:" + queue;
	}

	QlessCommand<List<Job>> pop(String queue, String worker, int count) {
		return command("pop", args(notEmpty(queue, "queue"), notEmpty(worker, "worker"), Integer.toString(count)),
				this.json::jobs);
	}

	/** Most settlements, and most jobs popped, in one {@code settle} call. */
	static final int MAX_SETTLE = 1000;

	QlessCommand<SettleResult> settle(String queue, String worker, List<Settlement> settlements, int count) {
		Assert.isTrue(count >= 0 && count <= MAX_SETTLE, () -> "'count' must be between 0 and " + MAX_SETTLE);
		Assert.isTrue(settlements.size() <= MAX_SETTLE, () -> "At most " + MAX_SETTLE + " settlements per call");
		List<String> args = new ArrayList<>(4 + 6 * settlements.size());
		args.addAll(List.of(notEmpty(worker, "worker"), notEmpty(queue, "queue"), Integer.toString(count),
				Integer.toString(settlements.size())));
		for (Settlement settlement : settlements) {
			if (settlement instanceof Settlement.Complete complete) {
				args.addAll(List.of("complete", complete.jid(), complete.queue(), "", "", ""));
			}
			else if (settlement instanceof Settlement.Advance advance) {
				args.addAll(List.of("advance", advance.jid(), advance.queue(), notEmpty(advance.next(), "next"),
						seconds(advance.delay()), this.json.write(advance.depends())));
			}
			else if (settlement instanceof Settlement.Retry retry) {
				args.addAll(List.of("retry", retry.jid(), retry.queue(), seconds(retry.delay()),
						(retry.group() != null) ? retry.group() : "", (retry.message() != null) ? retry.message() : ""));
			}
			else {
				Settlement.Fail fail = (Settlement.Fail) settlement;
				args.addAll(List.of("fail", fail.jid(), fail.queue(), fail.group(), fail.message(), ""));
			}
		}
		return command("settle", args, (reply) -> settleResult(settlements, reply));
	}

	private SettleResult settleResult(List<Settlement> settlements, @Nullable Object reply) {
		SettleResult read = this.settleReplies.read(reply, settlements);
		return (read != null) ? read : settleResultFromTree(settlements, reply);
	}

	/**
	 * A settle reply read as trees: the list of the outcomes' JSON text, then each popped
	 * job's JSON text and its data (see {@link SettleReplyReader}).
	 */
	SettleResult settleResultFromTree(List<Settlement> settlements, @Nullable Object reply) {
		if (!(reply instanceof List<?> parts) || parts.size() % 2 != 1) {
			throw new IllegalStateException("Unexpected reply from the qless settle script: " + reply);
		}
		JsonNode outcomes = this.json.tree(parts.get(0));
		List<BatchResult<Object>> results = new ArrayList<>(settlements.size());
		for (int i = 0; i < settlements.size(); i++) {
			JsonNode outcome = outcomes.path(i);
			if (outcome.isObject() && outcome.has("error")) {
				results.add(new BatchResult<>(null,
						QlessErrors.fromMessage(settlements.get(i).command(), outcome.path("error").asString(), null)));
			}
			else if (outcome.isNumber()) {
				results.add(new BatchResult<>(outcome.asLong(), null));
			}
			else {
				results.add(new BatchResult<>(outcome.asString(), null));
			}
		}
		List<Job> jobs = new ArrayList<>(parts.size() / 2);
		for (int i = 1; i < parts.size(); i += 2) {
			JsonNode job = this.json.tree(parts.get(i));
			if (!(job instanceof ObjectNode fields)) {
				throw new IllegalStateException("Unexpected job in a settle reply: " + job);
			}
			fields.put("data", Replies.string(parts.get(i + 1)));
			jobs.add(this.json.job(fields));
		}
		return new SettleResult(results, jobs);
	}

	QlessCommand<List<Job>> peek(String queue, int count) {
		return command("peek", args(notEmpty(queue, "queue"), Integer.toString(count)), this.json::jobs);
	}

	QlessCommand<Long> length(String queue) {
		return command("length", args(notEmpty(queue, "queue")), Replies::number);
	}

	QlessCommand<QueueCounts> counts(String queue) {
		return command("queues", args(notEmpty(queue, "queue")), (reply) -> this.json.counts(this.json.tree(reply)));
	}

	QlessCommand<List<QueueCounts>> allCounts() {
		return command("queues", args(), (reply) -> {
			List<QueueCounts> counts = new ArrayList<>();
			for (JsonNode node : this.json.tree(reply).values()) {
				counts.add(this.json.counts(node));
			}
			return List.copyOf(counts);
		});
	}

	QlessCommand<List<String>> jobs(QueueJobState state, String queue, int offset, int count) {
		return command("jobs", args(state.wireName(), notEmpty(queue, "queue"), Integer.toString(offset),
				Integer.toString(count)), Replies::strings);
	}

	QlessCommand<List<String>> completed(int offset, int count) {
		return command("jobs", args("complete", Integer.toString(offset), Integer.toString(count)),
				Replies::strings);
	}

	QlessCommand<@Nullable Void> pause(Collection<String> queues, boolean pause) {
		Assert.notEmpty(queues, "'queues' must not be empty");
		return command(pause ? "pause" : "unpause", new ArrayList<>(queues), (reply) -> null);
	}

	QlessCommand<QueueStats> stats(String queue, Instant day) {
		return command("stats", args(notEmpty(queue, "queue"), Long.toString(day.getEpochSecond())),
				(reply) -> this.json.stats(this.json.tree(reply)));
	}

	QlessCommand<Long> unfail(String queue, String group, int count) {
		return command("unfail", args(notEmpty(queue, "queue"), notEmpty(group, "group"), Integer.toString(count)),
				Replies::number);
	}

	QlessCommand<String> recur(String queue, RecurRequest request) {
		Assert.notNull(request, "'request' must not be null");
		String jid = (request.jid() != null) ? request.jid() : newJid();
		List<String> args = args(notEmpty(queue, "queue"), jid, request.klass(), this.json.writePayload(request.payload()),
				"interval", Long.toString(request.interval().toSeconds()), Long.toString(request.offset().toSeconds()));
		if (request.priority() != null) {
			args.addAll(List.of("priority", request.priority().toString()));
		}
		if (request.tags() != null) {
			args.addAll(List.of("tags", this.json.write(request.tags())));
		}
		if (request.retries() != null) {
			args.addAll(List.of("retries", request.retries().toString()));
		}
		if (request.backlog() != null) {
			args.addAll(List.of("backlog", request.backlog().toString()));
		}
		if (request.throttles() != null) {
			args.addAll(List.of("throttles", this.json.write(throttles(request.throttles(), queue))));
		}
		return command("recur", args, Replies::string);
	}

	QlessCommand<@Nullable Void> forget(Collection<String> queues) {
		Assert.notEmpty(queues, "'queues' must not be empty");
		return command("queue.forget", new ArrayList<>(queues), (reply) -> null);
	}

	// jobs

	QlessCommand<@Nullable Job> get(String jid) {
		return command("get", args(notEmpty(jid, "jid")), this.json::jobOrNull);
	}

	QlessCommand<List<Job>> multiget(Collection<String> jids) {
		return command("multiget", new ArrayList<>(jids), this.json::jobs);
	}

	QlessCommand<JobState> complete(String jid, String worker, String queue, @Nullable Object data) {
		return command("complete", args(notEmpty(jid, "jid"), notEmpty(worker, "worker"), notEmpty(queue, "queue"),
				this.json.writePayload(data)), (reply) -> JobState.fromWireName(Replies.string(reply)));
	}

	QlessCommand<JobState> advance(String jid, String worker, String queue, @Nullable Object data, String next,
			Duration delay, Collection<String> depends) {
		Assert.notNull(delay, "'delay' must not be null");
		Assert.notNull(depends, "'depends' must not be null");
		return command("complete",
				args(notEmpty(jid, "jid"), notEmpty(worker, "worker"), notEmpty(queue, "queue"), this.json.writePayload(data),
						"next", notEmpty(next, "next"), "delay", seconds(delay), "depends",
						this.json.write(List.copyOf(depends))),
				(reply) -> JobState.fromWireName(Replies.string(reply)));
	}

	QlessCommand<String> fail(String jid, String worker, String group, String message, @Nullable Object data,
			boolean withData) {
		List<String> args = args(notEmpty(jid, "jid"), notEmpty(worker, "worker"), notEmpty(group, "group"),
				notEmpty(message, "message"));
		if (withData) {
			args.add(this.json.writePayload(data));
		}
		return command("fail", args, Replies::string);
	}

	QlessCommand<Long> retry(String jid, String queue, String worker, Duration delay, @Nullable String group,
			@Nullable String message) {
		Assert.notNull(delay, "'delay' must not be null");
		List<String> args = args(notEmpty(jid, "jid"), notEmpty(queue, "queue"), notEmpty(worker, "worker"),
				seconds(delay));
		if (group != null && message != null) {
			args.addAll(List.of(group, message));
		}
		else if (group != null) {
			args.add(group);
		}
		return command("retry", args, Replies::number);
	}

	QlessCommand<Instant> heartbeat(String jid, String worker, @Nullable Object data, boolean withData) {
		List<String> args = args(notEmpty(jid, "jid"), notEmpty(worker, "worker"));
		if (withData) {
			args.add(this.json.writePayload(data));
		}
		return command("heartbeat", args, (reply) -> Instant.ofEpochSecond(Replies.number(reply)));
	}

	QlessCommand<List<String>> cancel(Collection<String> jids) {
		Assert.notEmpty(jids, "'jids' must not be empty");
		return command("cancel", new ArrayList<>(jids), Replies::strings);
	}

	QlessCommand<Long> priority(String jid, int priority) {
		return command("priority", args(notEmpty(jid, "jid"), Integer.toString(priority)), Replies::number);
	}

	QlessCommand<List<String>> tag(String jid, boolean add, Collection<String> tags) {
		Assert.notEmpty(tags, "'tags' must not be empty");
		List<String> args = args(add ? "add" : "remove", notEmpty(jid, "jid"));
		args.addAll(tags);
		return command("tag", args, (reply) -> QlessJson.strings(this.json.tree(reply)));
	}

	QlessCommand<JidPage> tagged(String tag, int offset, int count) {
		return command("tag", args("get", notEmpty(tag, "tag"), Integer.toString(offset), Integer.toString(count)),
				(reply) -> this.json.page(this.json.tree(reply), "jobs"));
	}

	QlessCommand<List<String>> topTags(int offset, int count) {
		return command("tag", args("top", Integer.toString(offset), Integer.toString(count)),
				(reply) -> QlessJson.strings(this.json.tree(reply)));
	}

	QlessCommand<Boolean> track(String jid, boolean track) {
		return command("track", args(track ? "track" : "untrack", notEmpty(jid, "jid")),
				(reply) -> this.json.tree(reply).asLong(0) > 0);
	}

	QlessCommand<TrackedJobs> tracked() {
		return command("track", args(), (reply) -> {
			JsonNode tree = this.json.tree(reply);
			List<Job> jobs = new ArrayList<>();
			for (JsonNode node : tree.path("jobs").values()) {
				jobs.add(this.json.job(node));
			}
			return new TrackedJobs(List.copyOf(jobs), QlessJson.strings(tree.path("expired")));
		});
	}

	QlessCommand<Boolean> depends(String jid, boolean on, Collection<String> jids) {
		Assert.notEmpty(jids, "'jids' must not be empty");
		return command("depends", args(notEmpty(jid, "jid"), on ? "on" : "off", jids.toArray(String[]::new)),
				(reply) -> Replies.number(reply) > 0);
	}

	private static List<String> args(String first, String second, String[] rest) {
		List<String> args = args(first, second);
		args.addAll(Arrays.asList(rest));
		return args;
	}

	QlessCommand<@Nullable Void> log(String jid, String message, @Nullable Object data, boolean withData) {
		List<String> args = args(notEmpty(jid, "jid"), notEmpty(message, "message"));
		if (withData) {
			args.add(this.json.write(data));
		}
		return command("log", args, (reply) -> null);
	}

	QlessCommand<@Nullable Void> timeout(Collection<String> jids) {
		Assert.notEmpty(jids, "'jids' must not be empty");
		return command("timeout", new ArrayList<>(jids), (reply) -> null);
	}

}
