package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.qless.scripts.FunctionLibrary;
import io.qless.scripts.LuaScript;
import io.qless.scripts.QlessScripts;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * Thread-safe {@link QlessOperations} over a Lettuce-based {@link RedisConnectionFactory}:
 * the only code that talks to the qless script.
 * <p>
 * The script is called with {@code EVALSHA} and loaded with {@code SCRIPT LOAD} the first
 * time Redis answers {@code NOSCRIPT}. {@code now} is read from the {@link Clock} with
 * millisecond precision. Payloads and JSON arguments are written with the given
 * {@link JsonMapper}. Replies keep their Redis type (integer, bulk string, nil, array).
 * <p>
 * Round trips: every operation is one script call and one network round trip, including
 * {@code pop}/{@code peek} of many jobs, {@code multiget}, {@code cancel} and
 * {@code timeout} of many jids. {@link QueueOperations#putAll(java.util.List)} and
 * {@link QlessBatch} pipeline any number of calls in one round trip. The first call after
 * Redis lost the script costs two more ({@code NOSCRIPT}, {@code SCRIPT LOAD}).
 * <p>
 * Shards ({@link #setShards(QlessShards)}): each call goes to the key space of the shard
 * its queue or job belongs to, with the shard's key prefix as the script's one key; a call
 * about a job whose shard the template does not remember costs one more round trip (an
 * {@code EXISTS} per shard, pipelined); listings gather every shard in one pipelined round
 * trip. Without shards every call is exactly as described above, with no key.
 */
public class QlessTemplate implements QlessOperations {

	private final QlessScriptExecutor executor;

	private final QlessCommands commands;

	private final Clock clock;

	private final JobOperations jobOperations;

	private final RecurringOperations recurringOperations;

	private final ConfigOperations configOperations;

	private final DefaultWorkerOperations workerOperations;

	private final ThrottleOperations throttleOperations;

	private final ScheduleOperations scheduleOperations;

	private final QlessAdminCommands adminCommands;

	private final KeyReads keys;

	private volatile ShardRouter router;

	private final List<PutRequestCustomizer> putRequestCustomizers = new CopyOnWriteArrayList<>();

	private volatile String workerName = WorkerNames.generate();

	private volatile boolean settleSupported = true;

	private volatile boolean putManySupported = true;

	private final AfterCommitPuts afterCommitPuts = new AfterCommitPuts(this);

	/**
	 * Create a template with the system UTC clock.
	 * @param connectionFactory the Lettuce-based connection factory
	 * @param jsonMapper the mapper for payloads and arguments
	 */
	public QlessTemplate(RedisConnectionFactory connectionFactory, JsonMapper jsonMapper) {
		this(connectionFactory, jsonMapper, Clock.systemUTC());
	}

	/**
	 * Create a template.
	 * @param connectionFactory the Lettuce-based connection factory
	 * @param jsonMapper the mapper for payloads and arguments
	 * @param clock the clock {@code now} is read from
	 */
	public QlessTemplate(RedisConnectionFactory connectionFactory, JsonMapper jsonMapper, Clock clock) {
		this(connectionFactory, jsonMapper, clock, QlessScripts.qless(), QlessScripts.versionedFunctionLibrary());
	}

	/**
	 * Create a template that speaks the given dialect: {@link QlessDialect#REQLESS} calls the
	 * reqless script ({@code queue.put}, {@code job.complete}, ...) so the application can
	 * share a database with reqless clients. The operations are the same in both.
	 * @param connectionFactory the Lettuce-based connection factory
	 * @param jsonMapper the mapper for payloads and arguments
	 * @param clock the clock {@code now} is read from
	 * @param dialect the command vocabulary
	 */
	public QlessTemplate(RedisConnectionFactory connectionFactory, JsonMapper jsonMapper, Clock clock,
			QlessDialect dialect) {
		this(connectionFactory, jsonMapper, clock,
				(dialect == QlessDialect.REQLESS) ? QlessScripts.reqless() : QlessScripts.qless(),
				(dialect == QlessDialect.REQLESS) ? QlessScripts.versionedReqlessFunctionLibrary()
						: QlessScripts.versionedFunctionLibrary(),
				dialect);
	}

	/**
	 * Create a template that runs a given script with {@code EVALSHA} only, for example a
	 * qless-core script of another origin.
	 * @param connectionFactory the Lettuce-based connection factory
	 * @param jsonMapper the mapper for payloads and arguments
	 * @param clock the clock {@code now} is read from
	 * @param script the script
	 * @param dialect the command vocabulary the script speaks
	 */
	public QlessTemplate(RedisConnectionFactory connectionFactory, JsonMapper jsonMapper, Clock clock,
			LuaScript script, QlessDialect dialect) {
		this(connectionFactory, jsonMapper, clock, script, null, dialect);
	}

	private QlessTemplate(RedisConnectionFactory connectionFactory, JsonMapper jsonMapper, Clock clock,
			LuaScript script, @Nullable FunctionLibrary functions) {
		this(connectionFactory, jsonMapper, clock, script, functions, QlessDialect.QLESS);
	}

	private QlessTemplate(RedisConnectionFactory connectionFactory, JsonMapper jsonMapper, Clock clock,
			LuaScript script, @Nullable FunctionLibrary functions, QlessDialect dialect) {
		Assert.notNull(clock, "'clock' must not be null");
		Assert.notNull(dialect, "'dialect' must not be null");
		this.executor = new QlessScriptExecutor(connectionFactory, script, functions);
		this.keys = new KeyReads(connectionFactory);
		this.router = new ShardRouter(QlessShards.single(), this.executor);
		this.clock = clock;
		this.commands = new QlessCommands(new QlessJson(jsonMapper), clock, dialect);
		this.jobOperations = new DefaultJobOperations(this, this.commands);
		QlessAdminCommands adminCommands = new QlessAdminCommands(this.commands);
		this.adminCommands = adminCommands;
		this.recurringOperations = new DefaultRecurringOperations(this, adminCommands);
		this.configOperations = new DefaultConfigOperations(this, adminCommands);
		this.workerOperations = new DefaultWorkerOperations(this, adminCommands);
		this.throttleOperations = new DefaultThrottleOperations(this, adminCommands);
		this.scheduleOperations = new DefaultScheduleOperations(this, new ScheduleCommands(this.commands));
	}

	/**
	 * Set whether to call the qless code as a Redis 7 function ({@code FCALL}) when the
	 * server allows it, rather than with {@code EVALSHA}; {@code true} by default. Both run
	 * the same code; a function call costs Redis a few microseconds less. Takes effect
	 * only before the first call.
	 * @param useFunctions whether to prefer functions
	 */
	public void setUseFunctions(boolean useFunctions) {
		if (!useFunctions) {
			this.executor.disableFunctions();
		}
	}

	/**
	 * Return whether Redis holds the code this template calls (it is loaded on first use,
	 * and again whenever Redis has lost it).
	 * @return whether the script or function library is loaded
	 */
	public boolean isScriptLoaded() {
		return this.executor.probe(this.executor.getTimeout(), this.clock).codeLoaded();
	}

	/**
	 * Set how long a call waits for Redis before it fails with a
	 * {@link QlessUnavailableException}; 5 seconds by default. Lettuce's own command timeout
	 * ({@code spring.data.redis.timeout}) applies as well, whichever is shorter.
	 * @param timeout the timeout, positive
	 */
	public void setTimeout(Duration timeout) {
		this.executor.setTimeout(timeout);
	}

	/**
	 * Return how long a call waits for Redis before it fails.
	 * @return the timeout
	 */
	public Duration getTimeout() {
		return this.executor.getTimeout();
	}

	/**
	 * Return the Redis server this template talks to, as logs and errors name it, for
	 * example {@code Redis at localhost:6379 (database 2)}.
	 * @return the description
	 */
	public String describeServer() {
		return this.executor.describeServer();
	}

	@Override
	public String workerName() {
		return this.workerName;
	}

	@Override
	public ServerStatus serverStatus(Duration timeout) {
		QlessScriptExecutor.ServerProbe probe = this.executor.probe(timeout, this.clock);
		long middle = (probe.sentMillis() + probe.receivedMillis()) / 2;
		return new ServerStatus(Instant.ofEpochMilli(probe.redisMillis()),
				Duration.ofMillis(probe.redisMillis() - middle),
				Duration.ofMillis(probe.receivedMillis() - probe.sentMillis()), probe.codeLoaded(),
				this.executor.callMode(), this.executor.codeId(), dialect());
	}

	/**
	 * Return how calls reach Redis: {@code FCALL <function>} or {@code EVALSHA <sha>}
	 * ({@code EVALSHA} until the first call has decided).
	 * @return a description of the call mode
	 */
	public String getCallMode() {
		return this.executor.callMode();
	}

	/**
	 * Set the name this client gives as {@code <worker>} when it puts jobs. The script only
	 * uses it to decide whether to send {@code lock_lost} to a job's previous worker.
	 * Defaults to {@code <hostname>-<pid>-<short id>}, which the listener containers built on
	 * this template use too.
	 * @param workerName the name
	 */
	public void setWorkerName(String workerName) {
		Assert.hasText(workerName, "'workerName' must not be empty");
		this.workerName = workerName;
	}

	/**
	 * Add a callback that adjusts every job this template puts or requeues (including puts
	 * of a {@link QlessBatch}), after the ones added before.
	 * @param customizer the callback
	 */
	public void addPutRequestCustomizer(PutRequestCustomizer customizer) {
		Assert.notNull(customizer, "'customizer' must not be null");
		this.putRequestCustomizers.add(customizer);
	}

	/**
	 * Return the mapper used for payloads and arguments.
	 * @return the mapper
	 */
	public JsonMapper getJsonMapper() {
		return this.commands.json().mapper();
	}

	/**
	 * Spread queues over shards: each shard is a complete qless key space whose keys share
	 * one hash tag, and each queue belongs to one shard. Calls about a queue go to its shard,
	 * calls about a job to the shard that holds the job, and listings (queues, workers,
	 * failures, tags, tracked jobs) gather every shard. By default there is one shard, with
	 * plain {@code ql:} keys. Set before the first call.
	 * @param shards the shards
	 */
	public void setShards(QlessShards shards) {
		Assert.notNull(shards, "'shards' must not be null");
		this.router = new ShardRouter(shards, this.executor);
	}

	@Override
	public QlessShards shards() {
		return this.router.shards();
	}

	ShardRouter router() {
		return this.router;
	}

	@Override
	public QueueOperations queue(String name) {
		Assert.hasText(name, "'name' must not be empty");
		QlessShard shard = this.router.ofQueue(name);
		return new DefaultQueueOperations(this, commands(shard), name, shard);
	}

	QlessCommands commands(QlessShard shard) {
		return Objects.equals(shard.key(), this.commands.key()) ? this.commands : this.commands.forShard(shard);
	}

	@Override
	public List<QueueCounts> queues() {
		List<QueueCounts> counts = new ArrayList<>();
		executeEach((shard) -> this.commands.allCounts()).forEach(counts::addAll);
		return List.copyOf(counts);
	}

	@Override
	public QueuePage queues(int offset, int count) {
		Assert.isTrue(offset >= 0, "'offset' must not be negative");
		Assert.isTrue(count > 0, "'count' must be greater than 0");
		// The queues of every shard, one shard after the other in shard order.
		long total = 0;
		List<QlessCommand<QueueCounts>> counts = new ArrayList<>();
		for (QlessShard shard : this.router.shards().all()) {
			long start = Math.max(0, offset - total);
			int wanted = count - counts.size();
			KeyReads.NamePage names = this.keys.forShard(shard).queueNames((int) start, Math.max(wanted, 1));
			if (wanted > 0) {
				for (String name : names.names()) {
					counts.add(this.commands.counts(name).in(shard));
				}
			}
			total += names.total();
		}
		List<QueueCounts> queues = new ArrayList<>(counts.size());
		for (BatchResult<QueueCounts> result : executeAll(counts)) {
			queues.add(result.getRequired());
		}
		return new QueuePage(total, List.copyOf(queues));
	}

	/**
	 * Run a script command this client has no typed method for, and return its reply as
	 * text: a JSON reply as JSON text, an integer as its digits, nil as {@code null}. For
	 * commands newer than this client; prefer the typed operations.
	 * @param command the command name
	 * @param args its arguments after {@code now}
	 * @return the reply as text
	 * @throws QlessException if the script rejects the command (an unknown command too)
	 */
	public @Nullable String call(String command, String... args) {
		return call(this.router.shards().defaultShard(), command, args);
	}

	/**
	 * Run a script command this client has no typed method for in one shard's key space,
	 * and return its reply as text, as {@link #call(String, String...)} does (which calls
	 * the default shard).
	 * @param shard the shard
	 * @param command the command name
	 * @param args its arguments after {@code now}
	 * @return the reply as text
	 * @throws QlessException if the script rejects the command (an unknown command too)
	 */
	public @Nullable String call(QlessShard shard, String command, String... args) {
		Assert.notNull(shard, "'shard' must not be null");
		Assert.hasText(command, "'command' must not be empty");
		return execute(shard, this.commands.command(command, QlessCommands.args(args), QlessTemplate::text));
	}

	private static @Nullable String text(@Nullable Object reply) {
		if (reply == null) {
			return null;
		}
		return (reply instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8)
				: reply.toString();
	}

	@Override
	public JobOperations jobs() {
		return this.jobOperations;
	}

	@Override
	public RecurringOperations recurring() {
		return this.recurringOperations;
	}

	@Override
	public ConfigOperations config() {
		return this.configOperations;
	}

	@Override
	public WorkerOperations workers() {
		return this.workerOperations;
	}

	@Override
	public FailureOperations failures() {
		return this.workerOperations;
	}

	@Override
	public ThrottleOperations throttles() {
		return this.throttleOperations;
	}

	@Override
	public ScheduleOperations schedules() {
		return this.scheduleOperations;
	}

	@Override
	public QlessBatch batch() {
		return new QlessBatch(this, this.commands);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T readData(Job job, Class<T> type) {
		Assert.notNull(job, "'job' must not be null");
		Assert.notNull(type, "'type' must not be null");
		return (T) this.commands.json().payloads().read(job.data(), type);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> @Nullable T readData(Job job, TypeReference<T> type) {
		Assert.notNull(job, "'job' must not be null");
		Assert.notNull(type, "'type' must not be null");
		return (T) this.commands.json().payloads().read(job.data(), type.getType());
	}

	/**
	 * Set the converter that writes job payloads (put, and the data of complete, fail and
	 * heartbeat) and reads them back in {@link #readData}; a {@link JacksonPayloadConverter}
	 * over the template's mapper by default.
	 * @param payloadConverter the converter
	 */
	public void setPayloadConverter(QlessPayloadConverter payloadConverter) {
		this.commands.json().setPayloadConverter(payloadConverter);
	}

	/**
	 * Return the converter of job payloads.
	 * @return the converter
	 */
	public QlessPayloadConverter getPayloadConverter() {
		return this.commands.json().payloads();
	}

	/**
	 * Build a put or requeue into {@code queue}, customized, sent to the queue's shard, and
	 * refused if it would tie that shard to another one.
	 */
	QlessCommand<String> putCommand(String queue, PutRequest request, boolean requeue) {
		ShardRouter router = this.router;
		QlessShard shard = router.ofQueue(queue);
		PutRequest customized = customize(queue, request);
		if (router.isSharded()) {
			String command = requeue ? "requeue" : "put";
			router.checkPutJid(command, queue, shard, customized.jid());
			router.checkDepends(command, (customized.jid() != null) ? customized.jid() : "(new)", shard,
					customized.depends());
			router.checkThrottles(command, queue, shard, customized.throttles());
		}
		QlessCommand<String> put = commands(shard).put(this.workerName, queue, customized, requeue);
		router.remember(QlessCommands.jidOf(put), shard);
		return put;
	}

	PutRequest customize(String queue, PutRequest request) {
		Assert.notNull(request, "'request' must not be null");
		PutRequest customized = request;
		for (PutRequestCustomizer customizer : this.putRequestCustomizers) {
			customized = customizer.customize(queue, customized);
			Assert.state(customized != null, () -> customizer + " returned null");
		}
		return customized;
	}

	/**
	 * Set whether puts (and batches that put) made inside a Spring transaction wait for its
	 * commit, and are dropped if it rolls back; {@code false} by default (the
	 * auto-configuration turns it on when the application has a transaction manager, see
	 * {@code qless.after-commit-puts}). A held put returns its jid at once; the job exists
	 * once the transaction has committed.
	 * @param afterCommit whether to hold puts until commit
	 */
	public void setAfterCommitPuts(boolean afterCommit) {
		this.afterCommitPuts.setEnabled(afterCommit);
	}

	/**
	 * Return whether puts inside a transaction wait for its commit.
	 * @return whether puts are held until commit
	 */
	public boolean isAfterCommitPuts() {
		return this.afterCommitPuts.isEnabled();
	}

	AfterCommitPuts afterCommitPuts() {
		return this.afterCommitPuts;
	}

	/**
	 * Return whether an asynchronous call ({@code settleAsync} and the like) returns without
	 * blocking the calling thread once a first call has been answered: true when the calls
	 * share one native Lettuce connection (Spring Data Redis's default), where the call is
	 * only queued for the connection's I/O thread. A dedicated or pooled connection may
	 * block while it is connected or borrowed. The listener containers send calls from
	 * event and handler threads only when this is true.
	 * @return whether asynchronous calls never block the caller
	 */
	public boolean sendsWithoutBlocking() {
		return this.executor.isSharedConnection();
	}

	boolean isSettleSupported() {
		return this.settleSupported;
	}

	void settleUnsupported() {
		this.settleSupported = false;
	}

	boolean isPutManySupported() {
		return this.putManySupported;
	}

	void putManyUnsupported() {
		this.putManySupported = false;
	}

	KeyReads keys() {
		return this.keys;
	}

	KeyReads keys(QlessShard shard) {
		return this.keys.forShard(shard);
	}

	Clock clock() {
		return this.clock;
	}

	QlessScriptExecutor getExecutor() {
		return this.executor;
	}

	@Override
	public QlessDialect dialect() {
		return this.commands.dialect();
	}

	@Override
	public Map<String, List<String>> queueIdentifierPatterns() {
		if (dialect() != QlessDialect.REQLESS) {
			return Map.of();
		}
		return execute(this.router.shards().defaultShard(), this.adminCommands.queueIdentifierPatterns());
	}

	@Override
	public List<QueuePriorityPattern> queuePriorityPatterns() {
		if (dialect() != QlessDialect.REQLESS) {
			return List.of();
		}
		return execute(this.router.shards().defaultShard(), this.adminCommands.queuePriorityPatterns());
	}

	<T extends @Nullable Object> T execute(QlessCommand<T> command) {
		Object reply = this.executor.execute(command.call());
		return command.convert(reply);
	}

	<T extends @Nullable Object> T execute(QlessShard shard, QlessCommand<T> command) {
		return execute(command.in(shard));
	}

	/**
	 * Run a command in every shard, pipelined, and return the results in shard order; the
	 * first failure is thrown.
	 */
	<T extends @Nullable Object> List<T> executeEach(Function<QlessShard, QlessCommand<T>> command) {
		List<QlessShard> shards = this.router.shards().all();
		if (shards.size() == 1) {
			QlessShard shard = shards.get(0);
			return Collections.singletonList(execute(shard, command.apply(shard)));
		}
		List<QlessCommand<T>> commands = new ArrayList<>(shards.size());
		for (QlessShard shard : shards) {
			commands.add(command.apply(shard).in(shard));
		}
		List<T> results = new ArrayList<>(shards.size());
		for (BatchResult<T> result : executeAll(commands)) {
			results.add(result.get());
		}
		return results;
	}

	<T extends @Nullable Object> List<BatchResult<T>> executeAll(List<QlessCommand<T>> commands) {
		return results(commands, this.executor.executeAll(calls(commands)));
	}

	/**
	 * Send the calls pipelined without waiting; the future completes with one result per
	 * call once every reply has arrived (or the timeout has passed).
	 */
	<T extends @Nullable Object> CompletableFuture<List<BatchResult<T>>> executeAllAsync(
			List<QlessCommand<T>> commands) {
		return this.executor.executeAllAsync(calls(commands)).thenApply((replies) -> results(commands, replies));
	}

	private static <T extends @Nullable Object> List<ScriptCall> calls(List<QlessCommand<T>> commands) {
		List<ScriptCall> calls = new ArrayList<>(commands.size());
		for (QlessCommand<T> command : commands) {
			calls.add(command.call());
		}
		return calls;
	}

	private static <T extends @Nullable Object> List<BatchResult<T>> results(List<QlessCommand<T>> commands,
			List<ScriptReply> replies) {
		List<BatchResult<T>> results = new ArrayList<>(replies.size());
		for (int i = 0; i < replies.size(); i++) {
			ScriptReply reply = replies.get(i);
			if (reply.error() != null) {
				results.add(new BatchResult<>(null, reply.error()));
				continue;
			}
			try {
				results.add(new BatchResult<>(commands.get(i).convert(reply.value()), null));
			}
			catch (RuntimeException ex) {
				results.add(new BatchResult<>(null, ex));
			}
		}
		return results;
	}

}
