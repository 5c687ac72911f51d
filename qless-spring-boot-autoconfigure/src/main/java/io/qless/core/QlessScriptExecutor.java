package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.qless.scripts.LuaScript;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * Runs the qless script: {@code EVALSHA <sha> 0 <command> <now> <args...>}, loading the
 * script with {@code SCRIPT LOAD} when Redis answers {@code NOSCRIPT}.
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

	QlessScriptExecutor(RedisConnectionFactory connectionFactory, LuaScript script) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(script, "'script' must not be null");
		this.connectionFactory = connectionFactory;
		this.script = script;
		this.sha = script.sha1();
	}

	/**
	 * Run one call and wait for its reply.
	 * @param call the call
	 * @return the raw reply
	 */
	@Nullable Object execute(ScriptCall call) {
		RedisConnection connection = this.connectionFactory.getConnection();
		try {
			return send(commands(connection), call).toCompletableFuture().join();
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
			return collect(sendAll(commands(connection), calls)).join();
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
			replies = collect(sendAll(commands(connection), calls));
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
		if (!this.loaded && calls.size() > 1) {
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
		byte[][] args = call.toArgv();
		return evalsha(commands, args).handle((value, ex) -> {
			if (ex == null) {
				return CompletableFuture.completedFuture(value);
			}
			if (isNoScript(ex)) {
				this.loaded = false;
				return sharedLoad(commands).thenCompose((loaded) -> evalsha(commands, args));
			}
			return CompletableFuture.<@Nullable Object>failedFuture(ex);
		}).thenCompose(Function.identity());
	}

	private CompletionStage<@Nullable Object> evalsha(RedisClusterAsyncCommands<byte[], byte[]> commands,
			byte[][] args) {
		CommandArgs<byte[], byte[]> commandArgs = new CommandArgs<>(ByteArrayCodec.INSTANCE).add(this.sha)
			.add(0)
			.addValues(args);
		return commands.dispatch(CommandType.EVALSHA, new QlessReplyOutput(), commandArgs);
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
