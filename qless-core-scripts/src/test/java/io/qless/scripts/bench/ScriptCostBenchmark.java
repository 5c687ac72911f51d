// Run (uses the test Redis support, or the Redis URL given as first argument; an optional
// second argument is the number of calls per phase):
//   ./mvnw -q -pl qless-core-scripts test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.qless.scripts.bench.ScriptCostBenchmark -Dexec.args="redis://127.0.0.1:6379/15 5000"
package io.qless.scripts.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
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
 * and complete, through {@code EVALSHA} and, where the server has Functions, {@code FCALL}.
 * <p>
 * Not a test. Each figure is the lowest of three rounds, after a warm-up round. The numbers are deltas of the server's counters, so other clients calling
 * {@code EVALSHA} or {@code FCALL} on the same server at the same time skew them. With a
 * URL argument the database must be empty; it is emptied again when the run ends.
 */
public final class ScriptCostBenchmark {

	private static final double START = 1_700_000_000.0;

	private static final int ROUNDS = 3;

	private final RedisCommands<String, String> redis;

	private final Runnable flush;

	private final int calls;

	private ScriptCostBenchmark(RedisCommands<String, String> redis, Runnable flush, int calls) {
		this.redis = redis;
		this.flush = flush;
		this.calls = calls;
	}

	public static void main(String[] args) {
		int calls = (args.length > 1) ? Integer.parseInt(args[1]) : 5000;
		@Nullable TestRedis testRedis = (args.length > 0) ? null : TestRedis.shared();
		String url = (testRedis != null) ? testRedis.url() : args[0];
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> redis = connection.sync();
			if (testRedis == null && redis.dbsize() > 0) {
				System.err.println("Database of " + url + " is not empty; refusing to run there.");
				System.exit(2);
			}
			Runnable flush = (testRedis != null) ? testRedis::flush : redis::flushdb;
			new ScriptCostBenchmark(redis, flush, calls).run(url);
		}
		finally {
			client.shutdown();
		}
	}

	private void run(String url) {
		System.out.printf("qless script cost on %s (%s), %d calls per phase%n", url, serverVersion(),
				this.calls);
		System.out.printf("%-10s %12s %12s%n", "command", "EVALSHA us", "FCALL us");
		LuaScript script = QlessScripts.qless();
		this.redis.scriptLoad(script.text());
		Map<String, Double> evalsha = bestOf((commandArgs) -> call(CommandType.EVALSHA,
				new CommandArgs<>(StringCodec.UTF8).add(script.sha1()).add(0), commandArgs), "evalsha");
		@Nullable Map<String, Double> fcall = null;
		if (loadFunctionLibrary()) {
			fcall = bestOf((commandArgs) -> call(CommandType.FCALL,
					new CommandArgs<>(StringCodec.UTF8).add(QlessScripts.FUNCTION_NAME).add(0), commandArgs),
					"fcall");
		}
		for (Map.Entry<String, Double> entry : evalsha.entrySet()) {
			String viaFunction = (fcall != null) ? String.format("%12.1f", fcall.get(entry.getKey()))
					: String.format("%12s", "n/a");
			System.out.printf("%-10s %12.1f %s%n", entry.getKey(), entry.getValue(), viaFunction);
		}
	}

	/** One warm-up round, then the lowest of three rounds per command (other load only adds). */
	private Map<String, Double> bestOf(Caller caller, String statName) {
		measure(caller, statName, Math.max(1, this.calls / 5));
		Map<String, Double> best = new LinkedHashMap<>();
		for (int round = 0; round < ROUNDS; round++) {
			measure(caller, statName, this.calls).forEach((command, usec) -> best.merge(command, usec, Math::min));
		}
		return best;
	}

	private Map<String, Double> measure(Caller caller, String statName, int calls) {
		this.flush.run();
		Map<String, Double> result = new LinkedHashMap<>();
		result.put("fixed", phase(caller, statName, calls, (i) -> args("config.get", START, "application")));
		result.put("put", phase(caller, statName, calls,
				(i) -> args("put", START, "bench-worker", "bench", "jid-" + i, "Bench", "{\"n\":1}", "0")));
		result.put("pop", phase(caller, statName, calls, (i) -> args("pop", START + 1, "bench", "bench-worker", "1")));
		result.put("heartbeat", phase(caller, statName, calls,
				(i) -> args("heartbeat", START + 2, "jid-" + i, "bench-worker")));
		result.put("complete", phase(caller, statName, calls,
				(i) -> args("complete", START + 3, "jid-" + i, "bench-worker", "bench", "{\"n\":2}")));
		this.flush.run();
		return result;
	}

	private double phase(Caller caller, String statName, int calls, ArgsFactory factory) {
		long[] before = commandStats(statName);
		for (int i = 0; i < calls; i++) {
			caller.call(factory.args(i));
		}
		long[] after = commandStats(statName);
		long counted = after[0] - before[0];
		return (counted > 0) ? (double) (after[1] - before[1]) / counted : Double.NaN;
	}

	private List<Object> call(CommandType type, CommandArgs<String, String> prefix, List<String> commandArgs) {
		for (String arg : commandArgs) {
			prefix.add(arg);
		}
		return this.redis.dispatch(type, new NestedMultiOutput<>(StringCodec.UTF8), prefix);
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

	/** Returns {calls, usec} of one command from INFO commandstats. */
	private long[] commandStats(String command) {
		String info = this.redis.info("commandstats");
		for (String line : info.split("\r?\n")) {
			if (line.startsWith("cmdstat_" + command + ":")) {
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
				return new long[] { calls, usec };
			}
		}
		return new long[] { 0, 0 };
	}

	private String serverVersion() {
		for (String line : this.redis.info("server").split("\r?\n")) {
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
	private interface Caller {

		void call(List<String> commandArgs);

	}

	@FunctionalInterface
	private interface ArgsFactory {

		List<String> args(int index);

	}

}
