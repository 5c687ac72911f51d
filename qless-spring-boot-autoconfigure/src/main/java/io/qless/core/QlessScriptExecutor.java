package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.protocol.CommandType;
import io.qless.scripts.FunctionLibrary;
import io.qless.scripts.LuaScript;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
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
 */
final class QlessScriptExecutor {

	private final RedisConnectionFactory connectionFactory;

	private final LuaScript script;

	private volatile String sha;

	private volatile boolean loaded;

	private final AtomicReference<@Nullable CompletableFuture<String>> reload = new AtomicReference<>();

	private final @Nullable FunctionLibrary library;

	private volatile Mode mode;

	QlessScriptExecutor(RedisConnectionFactory connectionFactory, LuaScript script, @Nullable FunctionLibrary library) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(script, "'script' must not be null");
		this.connectionFactory = connectionFactory;
		this.script = script;
		this.sha = script.sha1();
		this.library = library;
		this.mode = (library != null) ? Mode.UNDECIDED : Mode.SCRIPT;
	}

	/**
	 * Use {@code EVALSHA} from now on, unless the first call already chose functions.
	 */
	synchronized void disableFunctions() {
		if (this.mode == Mode.UNDECIDED) {
			this.mode = Mode.SCRIPT;
		}
	}

	/**
	 * Return whether Redis holds the code this executor calls: its function library, or
	 * its script.
	 */
	boolean isLoaded() {
		RedisConnection connection = this.connectionFactory.getConnection();
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			FunctionLibrary functions = this.library;
			if (this.mode == Mode.FUNCTION && functions != null) {
				return !commands.functionList(functions.name()).toCompletableFuture().join().isEmpty();
			}
			List<Boolean> exists = commands.scriptExists(this.sha).toCompletableFuture().join();
			return !exists.isEmpty() && Boolean.TRUE.equals(exists.get(0));
		}
		catch (RuntimeException ex) {
			throw QlessErrors.translate("SCRIPT EXISTS", ex);
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
	private void decideMode(RedisClusterAsyncCommands<byte[], byte[]> commands) {
		if (this.mode != Mode.UNDECIDED) {
			return;
		}
		synchronized (this) {
			if (this.mode != Mode.UNDECIDED) {
				return;
			}
			try {
				loadLibrary(commands).toCompletableFuture().join();
				this.mode = Mode.FUNCTION;
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
		return commands.functionLoad(functions.text()).handle((name, ex) -> {
			if (ex == null || String.valueOf(QlessErrors.unwrap(ex).getMessage()).contains("already exists")) {
				return functions.name();
			}
			throw (ex instanceof RuntimeException runtime) ? runtime : new CompletionException(ex);
		});
	}

	/**
	 * Run one call and wait for its reply.
	 * @param call the call
	 * @return the raw reply
	 */
	@Nullable Object execute(ScriptCall call) {
		RedisConnection connection = this.connectionFactory.getConnection();
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			decideMode(commands);
			return send(commands, call).toCompletableFuture().join();
		}
		catch (RuntimeException ex) {
			throw QlessErrors.translate(call.command(), ex);
		}
		finally {
			connection.close();
		}
	}

	/**
	 * Send many calls back to back (pipelined) and wait for all replies. A failed call does
	 * not fail the others: each reply carries either a value or its translated exception.
	 * @param calls the calls, in order
	 * @return one reply per call, in the same order
	 */
	List<ScriptReply> executeAll(List<ScriptCall> calls) {
		RedisConnection connection = this.connectionFactory.getConnection();
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			decideMode(commands);
			return collect(sendAll(commands, calls)).join();
		}
		finally {
			connection.close();
		}
	}

	/**
	 * Send many calls back to back (pipelined) without waiting.
	 * @param calls the calls, in order
	 * @return the future replies, one per call, in the same order
	 */
	CompletableFuture<List<ScriptReply>> executeAllAsync(List<ScriptCall> calls) {
		RedisConnection connection = this.connectionFactory.getConnection();
		CompletableFuture<List<ScriptReply>> replies;
		try {
			RedisClusterAsyncCommands<byte[], byte[]> commands = commands(connection);
			decideMode(commands);
			replies = collect(sendAll(commands, calls));
		}
		catch (RuntimeException ex) {
			connection.close();
			throw ex;
		}
		// Closing may release a dedicated connection, which must not happen on a Lettuce I/O thread.
		return replies.whenCompleteAsync((result, ex) -> connection.close(), ForkJoinPool.commonPool());
	}

	private List<CompletionStage<ScriptReply>> sendAll(RedisClusterAsyncCommands<byte[], byte[]> commands,
			List<ScriptCall> calls) {
		List<CompletionStage<ScriptReply>> futures = new ArrayList<>(calls.size());
		if (this.mode == Mode.SCRIPT && !this.loaded && calls.size() > 1) {
			// Redis runs one connection's commands in order, so the EVALSHAs queued behind this
			// SCRIPT LOAD find the script without waiting for its reply.
			load(commands);
		}
		for (ScriptCall call : calls) {
			futures.add(send(commands, call).handle((value, ex) -> (ex != null)
					? ScriptReply.failure(QlessErrors.translate(call.command(), ex)) : ScriptReply.success(value)));
		}
		return futures;
	}

	private static CompletableFuture<List<ScriptReply>> collect(List<CompletionStage<ScriptReply>> futures) {
		CompletableFuture<?>[] all = futures.stream().map(CompletionStage::toCompletableFuture)
			.toArray(CompletableFuture[]::new);
		return CompletableFuture.allOf(all).thenApply((ignored) -> {
			List<ScriptReply> replies = new ArrayList<>(all.length);
			for (CompletableFuture<?> future : all) {
				replies.add((ScriptReply) future.join());
			}
			return replies;
		});
	}

	private CompletionStage<@Nullable Object> send(RedisClusterAsyncCommands<byte[], byte[]> commands,
			ScriptCall call) {
		if (this.mode == Mode.FUNCTION) {
			return fcall(commands, call).handle((value, ex) -> {
				if (ex == null) {
					return CompletableFuture.completedFuture(value);
				}
				if (String.valueOf(QlessErrors.unwrap(ex).getMessage()).contains("Function not found")) {
					return loadLibrary(commands).thenCompose((loaded) -> fcall(commands, call));
				}
				return CompletableFuture.<@Nullable Object>failedFuture(ex);
			}).thenCompose(Function.identity());
		}
		return evalsha(commands, call).handle((value, ex) -> {
			if (ex == null) {
				return CompletableFuture.completedFuture(value);
			}
			if (isNoScript(ex)) {
				this.loaded = false;
				return sharedLoad(commands).thenCompose((loaded) -> evalsha(commands, call));
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

}
