package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.protocol.CommandType;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.qless.scripts.FunctionLibrary;
import io.qless.scripts.LuaScript;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.Assert;

/**
 * Runs the qless script: {@code EVALSHA <sha> 0 <command> <now> <args...>}, loading the
 * script with {@code SCRIPT LOAD} when Redis answers {@code NOSCRIPT}.
 * <p>
 * When the server supports Redis 7 functions (and they are not switched off), the same
 * code runs as a function library instead: loaded once with {@code FUNCTION LOAD} under a
 * versioned name and called with {@code FCALL}, which saves Redis the work of setting the
 * script up on every call. A server that refuses {@code FUNCTION LOAD} (older Redis, ACLs)
 * gets {@code EVALSHA}; a library that disappears (e.g. {@code FUNCTION FLUSH}) is loaded
 * again.
 * <p>
 * Calls go through Lettuce's asynchronous API on the connection the
 * {@link RedisConnectionFactory} hands out (the shared native connection by default), with
 * {@link QlessReplyOutput} so that the reply keeps its Redis type: bulk strings come
 * back as {@code byte[]}, integers as {@code Long}, arrays as {@code List}, nil as
 * {@code null} (and RESP3 booleans as {@code Boolean}). Several calls issued together are
 * written back to back without waiting for replies, which pipelines them over the same
 * connection: one network round trip of latency for the whole group.
 * <p>
 * No call waits for Redis longer than the timeout: one that has no answer by then is
 * cancelled (never sent, if the driver was still holding it while disconnected) and fails
 * with a {@link QlessUnavailableException}. Calls that do not block their caller (a
 * container's settle calls) are timed on the Lettuce client's timer, which ticks every
 * 100 ms: they fail up to a tick after the timeout.
 */
final class QlessScriptExecutor {

	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	private final RedisConnectionFactory connectionFactory;

	private final LuaScript script;

	private final RedisTarget target;

	private final boolean sharedConnection;

	private volatile String sha;

	private volatile boolean loaded;

	private final AtomicReference<@Nullable CompletableFuture<String>> reload = new AtomicReference<>();

	private final @Nullable FunctionLibrary library;

	private volatile Mode mode;

	private volatile Duration timeout = DEFAULT_TIMEOUT;

	QlessScriptExecutor(RedisConnectionFactory connectionFactory, LuaScript script, @Nullable FunctionLibrary library) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(script, "'script' must not be null");
		this.connectionFactory = connectionFactory;
		this.script = script;
		this.target = new RedisTarget(connectionFactory);
		this.sharedConnection = connectionFactory instanceof LettuceConnectionFactory lettuce
				&& lettuce.getShareNativeConnection();
		this.sha = script.sha1();
		this.library = library;
		this.mode = (library != null) ? Mode.UNDECIDED : Mode.SCRIPT;
	}

	boolean isSharedConnection() {
		return this.sharedConnection;
	}

	/**
	 * Use {@code EVALSHA} from now on, unless the first call already chose functions.
	 */
	synchronized void disableFunctions() {
		if (this.mode == Mode.UNDECIDED) {
			this.mode = Mode.SCRIPT;
		}
	}

	void setTimeout(Duration timeout) {
		Assert.isTrue(timeout != null && timeout.toMillis() > 0, "'timeout' must be positive");
		this.timeout = timeout;
	}

	Duration getTimeout() {
		return this.timeout;
	}

	String describeServer() {
		return this.target.toString();
	}

	/**
	 * Return the SHA-1 of the script, or the name of the function library when calls go
	 * through {@code FCALL}.
	 */
	String codeId() {
		FunctionLibrary functions = this.library;
		return (this.mode == Mode.FUNCTION && functions != null) ? functions.name() : this.sha;
	}

	/**
	 * Ask Redis for its time and whether it holds the code this executor calls, waiting at
	 * most {@code timeout} for each answer; {@code clock} times the question.
	 */
	ServerProbe probe(Duration timeout, Clock clock) {
		RedisConnection connection = connect("TIME");
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			Exchange exchange = new Exchange("TIME", timeout, commands);
			long sent = clock.millis();
			List<byte[]> time = exchange.await(exchange.track(commands.time()));
			long received = clock.millis();
			long redisMillis = Long.parseLong(new String(time.get(0), StandardCharsets.US_ASCII)) * 1000
					+ Long.parseLong(new String(time.get(1), StandardCharsets.US_ASCII)) / 1000;
			FunctionLibrary functions = this.library;
			boolean codeLoaded;
			if (this.mode == Mode.FUNCTION && functions != null) {
				codeLoaded = !exchange.await(exchange.track(commands.functionList(functions.name()))).isEmpty();
			}
			else {
				List<Boolean> exists = exchange.await(exchange.track(commands.scriptExists(this.sha)));
				codeLoaded = !exists.isEmpty() && Boolean.TRUE.equals(exists.get(0));
			}
			return new ServerProbe(redisMillis, sent, received, codeLoaded);
		}
		finally {
			connection.close();
		}
	}

	/**
	 * Return {@code FCALL <function>} or {@code EVALSHA <sha>}.
	 */
	String callMode() {
		FunctionLibrary functions = this.library;
		return (this.mode == Mode.FUNCTION && functions != null) ? "FCALL " + functions.functionName()
				: "EVALSHA " + this.sha;
	}

	/**
	 * Decide, on the first call, between FCALL and EVALSHA by trying to load the function
	 * library. A connection failure leaves the question open for the next call.
	 */
	private void decideMode(RedisClusterAsyncCommands<byte[], byte[]> commands, String command) {
		if (this.mode != Mode.UNDECIDED) {
			return;
		}
		synchronized (this) {
			if (this.mode != Mode.UNDECIDED) {
				return;
			}
			Exchange exchange = new Exchange(command, this.timeout, commands);
			try {
				exchange.await(exchange.track(loadLibrary(commands)));
				this.mode = Mode.FUNCTION;
			}
			catch (QlessUnavailableException ex) {
				throw ex;
			}
			catch (RuntimeException ex) {
				Throwable cause = QlessErrors.unwrap(ex);
				if (!(cause instanceof RedisCommandExecutionException)) {
					throw QlessErrors.translate("FUNCTION LOAD", ex);
				}
				this.mode = Mode.SCRIPT;
			}
		}
	}

	private CompletionStage<String> loadLibrary(RedisClusterAsyncCommands<byte[], byte[]> commands) {
		FunctionLibrary functions = this.library;
		Assert.state(functions != null, "No function library");
		if (commands instanceof RedisAdvancedClusterAsyncCommands<byte[], byte[]> cluster) {
			// Functions live on each node: a cluster gets the library on every master, as
			// Lettuce does for SCRIPT LOAD.
			CompletableFuture<?>[] loads = Arrays.stream(cluster.masters().commands().functionLoad(functions.text())
				.futures()).map((load) -> loaded(load, functions)).toArray(CompletableFuture[]::new);
			return CompletableFuture.allOf(loads).thenApply((ignored) -> functions.name());
		}
		return loaded(commands.functionLoad(functions.text()), functions);
	}

	private static CompletableFuture<String> loaded(CompletionStage<String> load, FunctionLibrary functions) {
		return load.handle((name, ex) -> {
			if (ex == null || String.valueOf(QlessErrors.unwrap(ex).getMessage()).contains("already exists")) {
				return functions.name();
			}
			throw (ex instanceof RuntimeException runtime) ? runtime : new CompletionException(ex);
		}).toCompletableFuture();
	}

	/**
	 * Ask Redis which of the given keys exist, all pipelined in one round trip (on a cluster,
	 * each to the node that owns its slot), waiting at most the timeout.
	 * @param keys the keys
	 * @return whether each key exists, in the same order
	 */
	List<Boolean> exist(List<String> keys) {
		RedisConnection connection = connect("EXISTS");
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			Exchange exchange = new Exchange("EXISTS", this.timeout, commands);
			List<CompletionStage<Long>> replies = new ArrayList<>(keys.size());
			for (String key : keys) {
				replies.add(exchange.track(commands.exists(key.getBytes(StandardCharsets.UTF_8))));
			}
			List<Boolean> exist = new ArrayList<>(keys.size());
			for (CompletionStage<Long> reply : replies) {
				Long count = exchange.await(reply);
				exist.add(count != null && count > 0);
			}
			return exist;
		}
		finally {
			connection.close();
		}
	}

	/**
	 * Run one call and wait for its reply, at most the timeout.
	 * @param call the call
	 * @return the raw reply
	 */
	@Nullable Object execute(ScriptCall call) {
		RedisConnection connection = connect(call.command());
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			decideMode(commands, call.command());
			Exchange exchange = new Exchange(call.command(), this.timeout, commands);
			return exchange.await(send(commands, call, exchange).toCompletableFuture());
		}
		finally {
			connection.close();
		}
	}

	/**
	 * Send many calls back to back (pipelined) and wait for all replies, at most the
	 * timeout. A failed call does not fail the others: each reply carries either a value or
	 * its translated exception.
	 * @param calls the calls, in order
	 * @return one reply per call, in the same order
	 */
	List<ScriptReply> executeAll(List<ScriptCall> calls) {
		RedisConnection connection = connect(commandNames(calls));
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			decideMode(commands, commandNames(calls));
			Exchange exchange = new Exchange(commandNames(calls), this.timeout, commands);
			List<CompletableFuture<ScriptReply>> replies = sendAll(commands, calls, exchange);
			exchange.awaitQuietly(CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)));
			return collect(replies, calls, exchange);
		}
		finally {
			connection.close();
		}
	}

	/**
	 * Send many calls back to back (pipelined) without waiting; replies that have not
	 * arrived within the timeout fail with a {@link QlessUnavailableException}.
	 * @param calls the calls, in order
	 * @return the future replies, one per call, in the same order
	 */
	CompletableFuture<List<ScriptReply>> executeAllAsync(List<ScriptCall> calls) {
		RedisConnection connection = connect(commandNames(calls));
		CompletableFuture<List<ScriptReply>> result;
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			decideMode(commands, commandNames(calls));
			Exchange exchange = new Exchange(commandNames(calls), this.timeout, commands);
			List<CompletableFuture<ScriptReply>> replies = sendAll(commands, calls, exchange);
			result = withTimeout(CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)))
				.handle((ignored, ex) -> {
					if (ex != null) {
						exchange.timeOut();
					}
					return collect(replies, calls, exchange);
				});
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
		if (this.sharedConnection) {
			// Closing a shared connection releases nothing: no need to leave the I/O thread.
			connection.close();
			return result;
		}
		// Closing may release a dedicated connection, which must not happen on a Lettuce I/O thread.
		return result.whenCompleteAsync((replies, ex) -> connection.close(), ForkJoinPool.commonPool());
	}

	/**
	 * Fail {@code replies} with a {@link TimeoutException} once the timeout has passed. On
	 * Lettuce the client's own timer wheel keeps the time (it ticks every 100 ms whether
	 * calls wait or not): {@link CompletableFuture#orTimeout} would wake its scheduler's
	 * thread for each call that is sent while no other waits, one more thread woken per
	 * job on an idle worker's path.
	 */
	private CompletableFuture<Void> withTimeout(CompletableFuture<Void> replies) {
		long millis = this.timeout.toMillis();
		Timer timer = lettuceTimer();
		if (timer != null) {
			try {
				Timeout expiry = timer.newTimeout((ignored) -> replies.completeExceptionally(new TimeoutException()),
						millis, TimeUnit.MILLISECONDS);
				replies.whenComplete((ignored, ex) -> expiry.cancel());
				return replies;
			}
			catch (IllegalStateException ex) {
				// the client's timer was stopped
			}
		}
		return replies.orTimeout(millis, TimeUnit.MILLISECONDS);
	}

	private @Nullable Timer lettuceTimer() {
		if (this.connectionFactory instanceof LettuceConnectionFactory lettuce) {
			AbstractRedisClient client = lettuce.getNativeClient();
			return (client != null) ? client.getResources().timer() : null;
		}
		return null;
	}

	private RedisConnection connect(String command) {
		try {
			return this.connectionFactory.getConnection();
		}
		catch (RuntimeException ex) {
			throw new QlessUnavailableException(command, "cannot connect to " + this.target + ": " + rootMessage(ex),
					ex);
		}
	}

	private static String commandNames(List<ScriptCall> calls) {
		return calls.isEmpty() ? "batch" : calls.get(0).command() + ((calls.size() > 1) ? " (batch)" : "");
	}

	private List<CompletableFuture<ScriptReply>> sendAll(RedisClusterAsyncCommands<byte[], byte[]> commands,
			List<ScriptCall> calls, Exchange exchange) {
		List<CompletableFuture<ScriptReply>> futures = new ArrayList<>(calls.size());
		if (this.mode == Mode.SCRIPT && !this.loaded && calls.size() > 1) {
			// Redis runs one connection's commands in order, so the EVALSHAs queued behind this
			// SCRIPT LOAD find the script without waiting for its reply.
			exchange.track(load(commands));
		}
		for (ScriptCall call : calls) {
			futures.add(send(commands, call, exchange)
				.handle((value, ex) -> (ex != null) ? ScriptReply.failure(exchange.translate(call.command(), ex))
						: ScriptReply.success(value))
				.toCompletableFuture());
		}
		return futures;
	}

	private static List<ScriptReply> collect(List<CompletableFuture<ScriptReply>> futures, List<ScriptCall> calls,
			Exchange exchange) {
		List<ScriptReply> replies = new ArrayList<>(futures.size());
		for (int i = 0; i < futures.size(); i++) {
			CompletableFuture<ScriptReply> future = futures.get(i);
			replies.add(future.isDone() ? future.join()
					: ScriptReply.failure(exchange.unavailable(calls.get(i).command(), null)));
		}
		return replies;
	}

	private CompletionStage<@Nullable Object> send(RedisClusterAsyncCommands<byte[], byte[]> commands, ScriptCall call,
			Exchange exchange) {
		if (this.mode == Mode.FUNCTION) {
			return exchange.track(fcall(commands, call)).handle((value, ex) -> {
				if (ex == null) {
					return CompletableFuture.completedFuture(value);
				}
				if (!exchange.isTimedOut()
						&& String.valueOf(QlessErrors.unwrap(ex).getMessage()).contains("Function not found")) {
					return exchange.track(loadLibrary(commands))
						.thenCompose((loaded) -> exchange.track(fcall(commands, call)));
				}
				return CompletableFuture.<@Nullable Object>failedFuture(ex);
			}).thenCompose(Function.identity());
		}
		return exchange.track(evalsha(commands, call)).handle((value, ex) -> {
			if (ex == null) {
				return CompletableFuture.completedFuture(value);
			}
			if (!exchange.isTimedOut() && isNoScript(ex)) {
				this.loaded = false;
				return exchange.track(sharedLoad(commands))
					.thenCompose((loaded) -> exchange.track(evalsha(commands, call)));
			}
			return CompletableFuture.<@Nullable Object>failedFuture(ex);
		}).thenCompose(Function.identity());
	}

	private CompletionStage<@Nullable Object> evalsha(RedisClusterAsyncCommands<byte[], byte[]> commands,
			ScriptCall call) {
		return commands.dispatch(CommandType.EVALSHA, new QlessReplyOutput(), new ScriptArguments(this.sha, call));
	}

	private CompletionStage<@Nullable Object> fcall(RedisClusterAsyncCommands<byte[], byte[]> commands,
			ScriptCall call) {
		FunctionLibrary functions = this.library;
		Assert.state(functions != null, "No function library");
		return commands.dispatch(CommandType.FCALL, new QlessReplyOutput(),
				new ScriptArguments(functions.functionName(), call));
	}

	private CompletionStage<String> load(RedisClusterAsyncCommands<byte[], byte[]> commands) {
		return commands.scriptLoad(this.script.text().getBytes(StandardCharsets.UTF_8)).thenApply((loadedSha) -> {
			this.sha = loadedSha;
			this.loaded = true;
			return loadedSha;
		});
	}

	// Calls that fail with NOSCRIPT at about the same time share one SCRIPT LOAD.
	private CompletionStage<String> sharedLoad(RedisClusterAsyncCommands<byte[], byte[]> commands) {
		CompletableFuture<String> current = this.reload.get();
		if (current != null && !current.isDone()) {
			return current;
		}
		CompletableFuture<String> next = new CompletableFuture<>();
		if (!this.reload.compareAndSet(current, next)) {
			CompletableFuture<String> winner = this.reload.get();
			return (winner != null) ? winner : sharedLoad(commands);
		}
		load(commands).whenComplete((loadedSha, ex) -> {
			if (ex != null) {
				next.completeExceptionally(ex);
			}
			else {
				next.complete(loadedSha);
			}
		});
		return next;
	}

	private static boolean isNoScript(Throwable failure) {
		Throwable ex = QlessErrors.unwrap(failure);
		return ex instanceof RedisNoScriptException
				|| (ex.getMessage() != null && ex.getMessage().startsWith("NOSCRIPT"));
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
	}

	private enum Mode {

		UNDECIDED, FUNCTION, SCRIPT

	}

	@SuppressWarnings("unchecked")
	private static RedisClusterAsyncCommands<byte[], byte[]> commands(RedisConnection connection) {
		Object nativeConnection = connection.getNativeConnection();
		if (nativeConnection instanceof RedisClusterAsyncCommands<?, ?> commands) {
			return (RedisClusterAsyncCommands<byte[], byte[]>) commands;
		}
		connection.close();
		throw new IllegalStateException("qless needs a Lettuce-based RedisConnectionFactory, but the connection is "
				+ nativeConnection.getClass().getName());
	}

	/**
	 * What Redis said of its time and of the qless code, and when (local clock) the
	 * question was asked and answered.
	 */
	record ServerProbe(long redisMillis, long sentMillis, long receivedMillis, boolean codeLoaded) {
	}

	/**
	 * One exchange with Redis: the driver commands it dispatched, so that a call that times
	 * out can cancel them, and the deadline they share.
	 */
	private final class Exchange {

		private final String command;

		private final Duration timeout;

		private final @Nullable Object commands;

		private final Queue<CompletableFuture<?>> dispatched = new ConcurrentLinkedQueue<>();

		private volatile boolean timedOut;

		Exchange(String command, Duration timeout, @Nullable Object commands) {
			this.command = command;
			this.timeout = timeout;
			this.commands = commands;
		}

		<T> CompletionStage<T> track(CompletionStage<T> stage) {
			CompletableFuture<T> future = stage.toCompletableFuture();
			this.dispatched.add(future);
			if (this.timedOut) {
				future.cancel(false);
			}
			return stage;
		}

		boolean isTimedOut() {
			return this.timedOut;
		}

		void timeOut() {
			this.timedOut = true;
			for (CompletableFuture<?> future : this.dispatched) {
				future.cancel(false);
			}
		}

		<T> T await(CompletionStage<T> stage) {
			CompletableFuture<T> future = stage.toCompletableFuture();
			try {
				return future.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				timeOut();
				throw unavailable(this.command, null);
			}
			catch (ExecutionException ex) {
				throw translate(this.command, ex.getCause());
			}
			catch (InterruptedException ex) {
				timeOut();
				Thread.currentThread().interrupt();
				throw new QlessUnavailableException(this.command, "interrupted while waiting for " + target(), ex);
			}
		}

		void awaitQuietly(CompletableFuture<?> all) {
			try {
				all.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				timeOut();
			}
			catch (ExecutionException ex) {
				// each reply carries its own failure
			}
			catch (InterruptedException ex) {
				timeOut();
				Thread.currentThread().interrupt();
			}
		}

		RuntimeException translate(String name, Throwable failure) {
			Throwable ex = QlessErrors.unwrap(failure);
			if (this.timedOut && ex instanceof CancellationException) {
				return unavailable(name, null);
			}
			if (RedisTarget.isConnectionFailure(ex)) {
				return unavailable(name, ex);
			}
			return QlessErrors.translate(name, failure);
		}

		QlessUnavailableException unavailable(String name, @Nullable Throwable cause) {
			String reason = (cause != null) ? target() + " is unreachable: " + rootMessage(cause)
					: QlessScriptExecutor.this.target.describeTimeout(this.timeout, this.commands);
			return new QlessUnavailableException(name, reason, cause);
		}

		private String target() {
			return QlessScriptExecutor.this.target.toString();
		}

	}

}
