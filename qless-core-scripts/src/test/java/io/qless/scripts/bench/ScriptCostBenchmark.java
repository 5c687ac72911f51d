// Run (uses the test Redis support, or the Redis URL given as first argument; an optional
// second argument is the number of calls per phase):
//   ./mvnw -q -pl qless-core-scripts test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.qless.scripts.bench.ScriptCostBenchmark -Dexec.args="redis://127.0.0.1:6379/15 5000"
package io.qless.scripts.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.qless.scripts.LuaScript;
import io.qless.scripts.QlessScripts;
import io.qless.test.TestRedis;
import org.jspecify.annotations.Nullable;

/**
 * Measures how much Redis time the qless script costs per call, as Redis itself reports it
 * in {@code INFO commandstats}: the fixed cost of running the script at all
 * ({@code config.get application}) and the hot-path commands put, pop (one job), heartbeat
 * and complete, through {@code EVALSHA} and, where the server has Functions, {@code FCALL};
 * then the same phases through the reqless dialect ({@code reqless.lua}).
 * <p>
 * Per phase it prints the mean Redis time per call ({@code us}), the longest single call
 * ({@code max us}, the 100th percentile of {@code INFO latencystats}, Redis 7+; precise to
 * about 1%) and how many Redis commands one script call runs ({@code calls}, the other
 * commands counted in {@code INFO commandstats} while the phase ran, divided by the script
 * calls). Each phase starts with {@code CONFIG RESETSTAT}.
 * <p>
 * Not a test. Calls are pipelined in batches of {@value #BATCH}, as a busy worker fleet
 * keeps Redis busy; every figure is the lowest of three rounds, after a warm-up round. For
 * the longest call that is the round whose longest call was shortest: a server thread that
 * the machine preempts makes a single call look long in one round, while a call that really
 * does much work is long in every round. The numbers are
 * deltas of the server's counters, so other clients on the same server at the same time
 * skew them. The percentiles that {@code INFO latencystats} reports are changed for the run
 * and restored at its end. With a URL argument the database must be empty; it is emptied again when the run ends.
 */
public final class ScriptCostBenchmark {

	private static final double START = 1_700_000_000.0;

	private static final int ROUNDS = 3;

	private static final int BATCH = 200;

	/** Commands of the measuring itself, left out of the per-call command count. */
	private static final Set<String> OWN_COMMANDS = Set.of("evalsha", "fcall", "info", "config", "script", "function",
			"flushdb", "flushall", "ping", "hello", "client", "set");

	private final RedisCommands<String, String> redis;

	private final StatefulRedisConnection<String, String> pipeline;

	private final Runnable flush;

	private final int calls;

	private boolean reqlessNames;

	private ScriptCostBenchmark(RedisCommands<String, String> redis, StatefulRedisConnection<String, String> pipeline,
			Runnable flush, int calls) {
		this.redis = redis;
		this.pipeline = pipeline;
		this.flush = flush;
		this.calls = calls;
	}

	public static void main(String[] args) {
		int calls = (args.length > 1) ? Integer.parseInt(args[1]) : 5000;
		@Nullable TestRedis testRedis = (args.length > 0) ? null : TestRedis.shared();
		String url = (testRedis != null) ? testRedis.url() : args[0];
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<String, String> connection = client.connect();
				StatefulRedisConnection<String, String> pipeline = client.connect()) {
			RedisCommands<String, String> redis = connection.sync();
			if (testRedis == null && redis.dbsize() > 0) {
				System.err.println("Database of " + url + " is not empty; refusing to run there.");
				System.exit(2);
			}
			pipeline.setAutoFlushCommands(false);
			Runnable flush = (testRedis != null) ? testRedis::flush : redis::flushdb;
			try (LatencyStats latency = LatencyStats.withMaximum(redis)) {
				new ScriptCostBenchmark(redis, pipeline, flush, calls).run(url);
			}
		}
		finally {
			client.shutdown();
		}
	}

	private void run(String url) {
		System.out.printf("qless script cost on %s (%s), %d calls per phase%n", url, serverVersion(),
				this.calls);
		printHeader();
		LuaScript script = QlessScripts.qless();
		this.redis.scriptLoad(script.text());
		Map<String, Figures> evalsha = bestOf(CommandType.EVALSHA, script.sha1(), "evalsha");
		@Nullable Map<String, Figures> fcall = null;
		if (loadFunctionLibrary()) {
			fcall = bestOf(CommandType.FCALL, QlessScripts.FUNCTION_NAME, "fcall");
		}
		print(evalsha, fcall);
		runReqless();
	}

	/** The same phases through the reqless dialect (queue.put, queue.pop, job.heartbeat, job.complete). */
	private void runReqless() {
		System.out.printf("%nreqless script (same phases, reqless command names)%n");
		printHeader();
		this.reqlessNames = true;
		try {
			LuaScript script = QlessScripts.reqless();
			this.redis.scriptLoad(script.text());
			Map<String, Figures> evalsha = bestOf(CommandType.EVALSHA, script.sha1(), "evalsha");
			@Nullable Map<String, Figures> fcall = null;
			try {
				this.redis.functionLoad(QlessScripts.reqlessFunctionLibrary().text(), true);
				fcall = bestOf(CommandType.FCALL, QlessScripts.REQLESS_FUNCTION_NAME, "fcall");
			}
			catch (RedisCommandExecutionException ex) {
				System.out.println("FCALL not measured: " + ex.getMessage());
			}
			print(evalsha, fcall);
		}
		finally {
			this.reqlessNames = false;
		}
	}

	private static void printHeader() {
		System.out.printf("%-10s %10s %10s %7s %10s %10s%n", "command", "EVALSHA us", "max us", "calls", "FCALL us",
				"max us");
	}

	private static void print(Map<String, Figures> evalsha, @Nullable Map<String, Figures> fcall) {
		for (Map.Entry<String, Figures> entry : evalsha.entrySet()) {
			Figures viaScript = entry.getValue();
			@Nullable Figures viaFunction = (fcall != null) ? fcall.get(entry.getKey()) : null;
			String functionColumns = (viaFunction != null)
					? String.format("%10.1f %10d", viaFunction.usec(), viaFunction.maxUsec())
					: String.format("%10s %10s", "n/a", "n/a");
			System.out.printf("%-10s %10.1f %10d %7.1f %s%n", entry.getKey(), viaScript.usec(), viaScript.maxUsec(),
					viaScript.commands(), functionColumns);
		}
	}

	private String name(String qless, String reqless) {
		return this.reqlessNames ? reqless : qless;
	}

	/** One warm-up round, then per command the lowest of three rounds (other load only adds). */
	private Map<String, Figures> bestOf(CommandType type, String target, String statName) {
		measure(type, target, statName, Math.max(1, this.calls / 5));
		Map<String, Figures> best = new LinkedHashMap<>();
		for (int round = 0; round < ROUNDS; round++) {
			measure(type, target, statName, this.calls).forEach((command, figures) -> best.merge(command, figures,
					(a, b) -> new Figures(Math.min(a.usec(), b.usec()), Math.min(a.maxUsec(), b.maxUsec()),
							Math.min(a.commands(), b.commands()))));
		}
		return best;
	}

	private Map<String, Figures> measure(CommandType type, String target, String statName, int calls) {
		this.flush.run();
		Map<String, Figures> result = new LinkedHashMap<>();
		result.put("fixed", phase(type, target, statName, calls,
				(i) -> args("config.get", START, "application")));
		result.put("put", phase(type, target, statName, calls,
				(i) -> args(name("put", "queue.put"), START, "bench-worker", "bench", "jid-" + i, "Bench", "{\"n\":1}", "0")));
		result.put("pop", phase(type, target, statName, calls,
				(i) -> args(name("pop", "queue.pop"), START + 1, "bench", "bench-worker", "1")));
		result.put("heartbeat", phase(type, target, statName, calls,
				(i) -> args(name("heartbeat", "job.heartbeat"), START + 2, "jid-" + i, "bench-worker")));
		result.put("complete", phase(type, target, statName, calls,
				(i) -> args(name("complete", "job.complete"), START + 3, "jid-" + i, "bench-worker", "bench", "{\"n\":2}")));
		this.flush.run();
		return result;
	}

	private Figures phase(CommandType type, String target, String statName, int calls, ArgsFactory factory) {
		this.redis.configResetstat();
		RedisAsyncCommands<String, String> async = this.pipeline.async();
		List<RedisFuture<List<Object>>> batch = new ArrayList<>(BATCH);
		for (int i = 0; i < calls; i++) {
			CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8).add(target).add(0);
			for (String arg : factory.args(i)) {
				commandArgs.add(arg);
			}
			batch.add(async.dispatch(type, new NestedMultiOutput<>(StringCodec.UTF8), commandArgs));
			if (batch.size() == BATCH || i == calls - 1) {
				this.pipeline.flushCommands();
				awaitAll(batch);
				batch.clear();
			}
		}
		long maxUsec = LatencyStats.longest(this.redis, statName);
		Map<String, long[]> after = commandStats();
		long[] script = after.getOrDefault(statName, new long[] { 0, 0 });
		long inner = 0;
		for (Map.Entry<String, long[]> entry : after.entrySet()) {
			if (!OWN_COMMANDS.contains(entry.getKey())) {
				inner += entry.getValue()[0];
			}
		}
		long counted = script[0];
		return (counted > 0) ? new Figures((double) script[1] / counted, maxUsec, (double) inner / counted)
				: new Figures(Double.NaN, maxUsec, Double.NaN);
	}

	private static void awaitAll(List<RedisFuture<List<Object>>> batch) {
		for (RedisFuture<List<Object>> future : batch) {
			try {
				future.get(30, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("qless call failed: " + ex.getCause().getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
			catch (TimeoutException ex) {
				throw new IllegalStateException("qless call timed out", ex);
			}
		}
	}

	private boolean loadFunctionLibrary() {
		try {
			this.redis.functionLoad(QlessScripts.qlessFunctionLibrary().text(), true);
			return true;
		}
		catch (RedisCommandExecutionException ex) {
			System.out.println("FCALL not measured: " + ex.getMessage());
			return false;
		}
	}

	/** {calls, usec} of every command in INFO commandstats, by lower-case command name. */
	private Map<String, long[]> commandStats() {
		return commandStats(this.redis);
	}

	static Map<String, long[]> commandStats(RedisCommands<String, String> redis) {
		Map<String, long[]> stats = new LinkedHashMap<>();
		for (String line : redis.info("commandstats").split("\r?\n")) {
			if (!line.startsWith("cmdstat_")) {
				continue;
			}
			String command = line.substring("cmdstat_".length(), line.indexOf(':'));
			long calls = 0;
			long usec = 0;
			for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
				String[] pair = field.split("=");
				if (pair[0].equals("calls")) {
					calls = Long.parseLong(pair[1]);
				}
				else if (pair[0].equals("usec")) {
					usec = Long.parseLong(pair[1]);
				}
			}
			stats.put(command, new long[] { calls, usec });
		}
		return stats;
	}

	private String serverVersion() {
		return serverVersion(this.redis);
	}

	static String serverVersion(RedisCommands<String, String> redis) {
		for (String line : redis.info("server").split("\r?\n")) {
			if (line.startsWith("redis_version:") || line.startsWith("valkey_version:")) {
				return line.trim();
			}
		}
		return "unknown version";
	}

	private static List<String> args(String command, double now, String... rest) {
		List<String> args = new ArrayList<>(rest.length + 2);
		args.add(command);
		args.add(Double.toString(now));
		args.addAll(List.of(rest));
		return args;
	}

	@FunctionalInterface
	private interface ArgsFactory {

		List<String> args(int index);

	}

	/** Mean Redis time per call, longest single call (both µs) and Redis commands per call. */
	private record Figures(double usec, long maxUsec, double commands) {

	}

}
