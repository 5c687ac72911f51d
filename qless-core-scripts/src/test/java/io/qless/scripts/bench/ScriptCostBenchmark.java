// Run (uses the test Redis support, or the Redis URL given as first argument; an optional
// second argument is the number of calls per phase; -Dbench.baseline=<dir> also measures the
// scripts of an earlier build (its qless.lua, qless-function.lua, reqless.lua,
// reqless-function.lua) in the same run, -Dbench.reference=<file> an original qless-core
// qless.lua, through EVALSHA and with the qless command names, for the ratios):
//   ./mvnw -q -pl qless-core-scripts test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.qless.scripts.bench.ScriptCostBenchmark -Dexec.args="redis://127.0.0.1:6379/15 5000"
package io.qless.scripts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
import io.qless.scripts.RawOutput;
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
 * keeps Redis busy; every figure is the lowest of the rounds ({@code -Dbench.rounds}, default 3), after a warm-up round; the scripts compared in one table take turns within each round, so that a change of the machine's load touches them alike. For
 * the longest call that is the round whose longest call was shortest: a server thread that
 * the machine preempts makes a single call look long in one round, while a call that really
 * does much work is long in every round. The numbers are
 * deltas of the server's counters, so other clients on the same server at the same time
 * skew them. The percentiles that {@code INFO latencystats} reports are changed for the run
 * and restored at its end. With a URL argument the database must be empty; it is emptied again when the run ends.
 * <p>
 * {@code settle/job} is the Redis time per job of working through a queue the way the
 * containers do: {@code settle} calls that each complete the jobs the previous call popped
 * and pop the next {@value #SETTLE_BATCH}; its {@code calls} column is Redis commands per
 * job too. {@code put+pop+complete} sums the three single calls, per job; where a reference
 * script is given, its sum and the ratio of each script's sum to it follow the tables.
 */
public final class ScriptCostBenchmark {

	/** The time of the calls, with milliseconds, as clients send it (not as {@code 1.7E9}). */
	private static final double START = 1_700_000_000.123;

	private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

	private static final int BATCH = 200;

	private static final int SETTLE_BATCH = 10;

	private static final Pattern JID = Pattern.compile("\"jid\":\"([^\"]+)\"");

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
		// an empty first argument: the test Redis support, with the given number of calls
		@Nullable TestRedis testRedis = (args.length > 0 && !args[0].isEmpty()) ? null : TestRedis.shared();
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
		System.out.printf("qless script cost on %s (%s), %d calls per phase, %d rounds%n", url, serverVersion(),
				this.calls, ROUNDS);
		@Nullable String baseline = System.getProperty("bench.baseline");
		@Nullable String reference = System.getProperty("bench.reference");
		Map<String, Double> sums = new LinkedHashMap<>();
		@Nullable Double referenceSum = null;
		for (boolean reqless : new boolean[] { false, true }) {
			this.reqlessNames = reqless;
			try {
				String name = reqless ? "reqless" : "qless";
				String function = reqless ? QlessScripts.REQLESS_FUNCTION_NAME : QlessScripts.FUNCTION_NAME;
				List<Target> targets = new ArrayList<>();
				if (reference != null) {
					// the reference knows the qless names only; its figures are the same for both tables
					targets.add(new Target("reference " + reference + ", EVALSHA", CommandType.EVALSHA,
							this.redis.scriptLoad(read(Path.of(reference))), "evalsha", true));
				}
				if (baseline != null) {
					Path dir = Path.of(baseline);
					targets.add(new Target(name + " baseline, EVALSHA", CommandType.EVALSHA,
							this.redis.scriptLoad(read(dir.resolve(name + ".lua"))), "evalsha", false));
					String library = read(dir.resolve(name + "-function.lua"))
						.replace("#!lua name=" + function + "\n", "#!lua name=" + function + "_baseline\n")
						.replace("redis.register_function('" + function + "'",
								"redis.register_function('" + function + "_baseline'");
					if (loadLibrary(library)) {
						targets.add(new Target(name + " baseline, FCALL", CommandType.FCALL, function + "_baseline",
								"fcall", false));
					}
				}
				LuaScript script = reqless ? QlessScripts.reqless() : QlessScripts.qless();
				targets.add(new Target(name + " script, EVALSHA", CommandType.EVALSHA,
						this.redis.scriptLoad(script.text()), "evalsha", false));
				if (loadLibrary((reqless ? QlessScripts.reqlessFunctionLibrary() : QlessScripts.qlessFunctionLibrary())
					.text())) {
					targets.add(new Target(name + " script, FCALL", CommandType.FCALL, function, "fcall", false));
				}
				Map<Target, Map<String, Figures>> figures = interleaved(targets);
				for (Map.Entry<Target, Map<String, Figures>> entry : figures.entrySet()) {
					Target target = entry.getKey();
					if (target.reference() && reqless) {
						continue;
					}
					System.out.printf("%n%s%n", target.label());
					printHeader();
					print(entry.getValue());
					if (target.reference()) {
						referenceSum = perJob(entry.getValue());
					}
					else {
						sums.put(target.label(), perJob(entry.getValue()));
					}
				}
			}
			finally {
				this.reqlessNames = false;
			}
		}
		System.out.printf("%nput+pop+complete per job, us%n");
		if (referenceSum != null) {
			System.out.printf("%-52s %8.1f%n", "reference qless-core, EVALSHA", referenceSum);
		}
		for (Map.Entry<String, Double> entry : sums.entrySet()) {
			String ratio = (referenceSum != null)
					? String.format("  %.2f x reference", entry.getValue() / referenceSum) : "";
			System.out.printf("%-52s %8.1f%s%n", entry.getKey(), entry.getValue(), ratio);
		}
	}

	/** A script to measure: how to call it and which command statistics count its calls. */
	private record Target(String label, CommandType type, String target, String statName, boolean reference) {

	}

	/**
	 * One warm-up round of every target, then rounds that measure the targets one after the
	 * other, so that a change of the machine's load touches them all alike; per target and
	 * phase the lowest figures of all rounds. The reference runs with the qless names.
	 */
	private Map<Target, Map<String, Figures>> interleaved(List<Target> targets) {
		Map<Target, Map<String, Figures>> best = new LinkedHashMap<>();
		for (Target target : targets) {
			measureTarget(target, Math.max(1, this.calls / 5));
			best.put(target, new LinkedHashMap<>());
		}
		for (int round = 0; round < ROUNDS; round++) {
			for (Target target : targets) {
				measureTarget(target, this.calls).forEach((command, figures) -> best.get(target).merge(command, figures,
						(a, b) -> new Figures(Math.min(a.usec(), b.usec()), Math.min(a.maxUsec(), b.maxUsec()),
								Math.min(a.commands(), b.commands()))));
			}
		}
		return best;
	}

	private Map<String, Figures> measureTarget(Target target, int calls) {
		boolean names = this.reqlessNames;
		this.reqlessNames = names && !target.reference();
		try {
			return measure(target.type(), target.target(), target.statName(), calls);
		}
		finally {
			this.reqlessNames = names;
		}
	}

	private boolean loadLibrary(String library) {
		try {
			this.redis.functionLoad(library, true);
			return true;
		}
		catch (RedisCommandExecutionException ex) {
			System.out.println("FCALL not measured: " + ex.getMessage());
			return false;
		}
	}

	private static double perJob(Map<String, Figures> figures) {
		return figures.get("put").usec() + figures.get("pop").usec() + figures.get("complete").usec();
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void printHeader() {
		System.out.printf("%-10s %10s %10s %7s%n", "command", "us", "max us", "calls");
	}

	private static void print(Map<String, Figures> figures) {
		for (Map.Entry<String, Figures> entry : figures.entrySet()) {
			Figures f = entry.getValue();
			System.out.printf("%-10s %10.1f %10d %7.1f%n", entry.getKey(), f.usec(), f.maxUsec(), f.commands());
		}
	}

	private String name(String qless, String reqless) {
		return this.reqlessNames ? reqless : qless;
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
		if (settles(type, target)) {
			result.put("settle/job", settlePhase(type, target, statName, calls));
		}
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

	/** Whether the script knows {@code settle} (an earlier build or the reference may not). */
	private boolean settles(CommandType type, String target) {
		try {
			call(type, target, args(name("settle", "worker.settle"), START, "bench-worker", "bench", "0", "0"));
			return true;
		}
		catch (RedisCommandExecutionException ex) {
			return false;
		}
	}

	private @Nullable String call(CommandType type, String target, List<String> argv) {
		CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8).add(target).add(0);
		for (String arg : argv) {
			commandArgs.add(arg);
		}
		// a list (such as a settle reply) as its texts joined
		Object reply = this.redis.dispatch(type, new RawOutput(), commandArgs);
		return (reply != null) ? reply.toString() : null;
	}

	/**
	 * Puts {@code jobs} jobs (not measured), then works through them with settle calls that
	 * complete what the previous call popped and pop the next batch; figures per job.
	 */
	private Figures settlePhase(CommandType type, String target, String statName, int jobs) {
		phase(type, target, statName, jobs, (i) -> args(name("put", "queue.put"), START + 4, "bench-worker", "settle",
				"s-" + i, "Bench", "{\"n\":1}", "0"));
		this.redis.configResetstat();
		List<String> held = List.of();
		do {
			List<String> argv = args(name("settle", "worker.settle"), START + 5, "bench-worker", "settle",
					Integer.toString(SETTLE_BATCH), Integer.toString(held.size()));
			for (String jid : held) {
				argv.addAll(List.of("complete", jid, "settle", "", "", ""));
			}
			String reply = call(type, target, argv);
			List<String> popped = new ArrayList<>();
			Matcher matcher = JID.matcher((reply != null) ? reply : "");
			while (matcher.find()) {
				popped.add(matcher.group(1));
			}
			held = popped;
		}
		while (!held.isEmpty());
		long maxUsec = LatencyStats.longest(this.redis, statName);
		Map<String, long[]> after = commandStats();
		long[] script = after.getOrDefault(statName, new long[] { 0, 0 });
		long inner = 0;
		for (Map.Entry<String, long[]> entry : after.entrySet()) {
			if (!OWN_COMMANDS.contains(entry.getKey())) {
				inner += entry.getValue()[0];
			}
		}
		return new Figures((double) script[1] / jobs, maxUsec, (double) inner / jobs);
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
		args.add(String.format(Locale.ROOT, "%.3f", now));
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
