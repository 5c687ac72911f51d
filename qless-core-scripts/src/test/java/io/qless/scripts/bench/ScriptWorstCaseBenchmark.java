// Run (uses the test Redis support, or the Redis URL given as first argument; an optional
// second argument scales the seeded data, 1.0 = 1,000,000 completed and 100,000 waiting jobs):
//   ./mvnw -q -pl qless-core-scripts test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.qless.scripts.bench.ScriptWorstCaseBenchmark -Dexec.args="redis://127.0.0.1:6379/15 1.0"
package io.qless.scripts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisClient;
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
 * The longest single script call when Redis holds a lot of qless data: 1,000,000 completed
 * jobs (each tagged, with a history), 100,000 waiting jobs, and for the bounded loops a job
 * with 100,000 dependents, 100,000 due scheduled jobs, 100,000 expired workers, 100,000
 * jobs pending on a throttle and a recurring template due for a million slots. Every
 * script call blocks every other Redis client while it runs, so the longest call matters,
 * not the mean.
 * <p>
 * The data is written with pipelined raw commands in the script's key layout, which takes
 * seconds instead of the minutes a million script calls would take. Then each phase makes
 * its calls one at a time and reports, per phase, the longest and the mean call: as the
 * client saw it (with the round trip) and as Redis counted it ({@code INFO commandstats},
 * read before and after every call, so each figure is one call's own time).
 * <p>
 * Not a test. With a URL argument the database must be empty; it is emptied again at the
 * end. Needs about 1.5 GB of Redis memory at scale 1.0.
 */
public final class ScriptWorstCaseBenchmark {

	private static final double START = 1_700_000_000.0;

	private static final int PIPELINE = 2000;

	private final RedisCommands<String, String> redis;

	private final RedisAsyncCommands<String, String> async;

	private final StatefulRedisConnection<String, String> pipeline;

	private final String sha;

	private final int completed;

	private final int waiting;

	private final int many;

	private final List<RedisFuture<?>> pending = new ArrayList<>(PIPELINE);

	private double now = START;

	private ScriptWorstCaseBenchmark(RedisCommands<String, String> redis, StatefulRedisConnection<String, String> pipeline,
			String sha, double scale) {
		this.redis = redis;
		this.pipeline = pipeline;
		this.async = pipeline.async();
		this.sha = sha;
		this.completed = (int) (1_000_000 * scale);
		this.waiting = (int) (100_000 * scale);
		this.many = (int) (100_000 * scale);
	}

	public static void main(String[] args) {
		double scale = (args.length > 1) ? Double.parseDouble(args[1]) : 1.0;
		@Nullable TestRedis testRedis = (args.length > 0) ? null : TestRedis.shared();
		String url = (testRedis != null) ? testRedis.url() : args[0];
		RedisClient client = RedisClient.create(url);
		try (StatefulRedisConnection<String, String> connection = client.connect();
				StatefulRedisConnection<String, String> pipeline = client.connect()) {
			connection.setTimeout(Duration.ofMinutes(5));
			pipeline.setTimeout(Duration.ofMinutes(5));
			RedisCommands<String, String> redis = connection.sync();
			if (testRedis == null && redis.dbsize() > 0) {
				System.err.println("Database of " + url + " is not empty; refusing to run there.");
				System.exit(2);
			}
			pipeline.setAutoFlushCommands(false);
			LuaScript script = QlessScripts.qless();
			redis.scriptLoad(script.text());
			System.out.printf("qless worst-case script calls on %s (%s), scale %.2f, load average %s%n", url,
					ScriptCostBenchmark.serverVersion(redis), scale, loadAverage());
			try {
				new ScriptWorstCaseBenchmark(redis, pipeline, script.sha1(), scale).run();
			}
			finally {
				redis.flushdb();
				if (testRedis != null) {
					testRedis.flush();
				}
			}
			System.out.printf("load average at the end: %s%n", loadAverage());
		}
		finally {
			client.shutdown();
		}
	}

	private void run() {
		long started = System.nanoTime();
		seed();
		System.out.printf("seeded %d completed, %d waiting and 5 x %d other records in %.1f s, %s keys, %s%n",
				this.completed, this.waiting, this.many, (System.nanoTime() - started) / 1e9, this.redis.dbsize(),
				usedMemory());
		System.out.printf("%-44s %6s %12s %12s %12s %12s%n", "phase", "calls", "client max", "client mean",
				"redis max", "redis mean");
		List<String> popped = new ArrayList<>();
		phase("put (100k waiting)", 200, (i) -> call("put", "w", "bench", "new-" + i, "Bench", "{}", "0"));
		phase("pop 1 (100k waiting)", 400, (i) -> {
			Object reply = call("pop", "bench", "w", "1");
			popped.add(firstJid(reply));
		});
		phase("heartbeat", 200, (i) -> call("heartbeat", popped.get(i), "w"));
		phase("complete (1M completed kept)", 100, (i) -> call("complete", popped.get(i), "w", "bench", "{}"));
		phase("fail", 100, (i) -> call("fail", popped.get(100 + i), "w", "group", "message", "{}"));
		phase("retry", 100, (i) -> call("retry", popped.get(200 + i), "bench", "w", "0"));
		phase("recurring spawn: pop 1 (due 1M slots ago)", 100, (i) -> call("pop", "recurring", "w", "1"));
		phase("recurring spawn: peek 1", 10, (i) -> call("peek", "recurring", "1"));
		call("config.set", "jobs-history-count", "100");
		phase("complete after jobs-history-count 100", 50, (i) -> call("complete", popped.get(300 + i), "w", "bench",
				"{}"));
		call("config.set", "jobs-history", "60");
		phase("complete after jobs-history 60 s", 50, (i) -> call("complete", popped.get(350 + i), "w", "bench", "{}"));
		System.out.printf("  %d completed jobs left%n", this.redis.zcard("ql:completed"));
		try {
			phase("throughput (60 minutes, 24 hours)", 5, (i) -> call("throughput"));
		}
		catch (IllegalStateException ex) {
			System.out.printf("%-44s not measured: %s%n", "throughput", ex.getMessage());
		}
		phase("complete of a job with 100k dependents", 1, (i) -> call("complete", "parent", "w", "parent", "{}"));
		phase("idle pop after it (continues the release)", 20, (i) -> call("pop", "idle", "w", "1"));
		System.out.printf("  %d dependents waiting, %d released%n", this.redis.zcard("ql:q:kids-depends"),
				this.redis.zcard("ql:q:kids-work"));
		phase("queues (100k due scheduled)", 5, (i) -> call("queues"));
		phase("jobs scheduled (100k due scheduled)", 5, (i) -> call("jobs", "scheduled", "sched", "0", "25"));
		phase("workers <name> (100k expired workers)", 5, (i) -> call("workers", "w"));
		phase("workers (100k expired workers)", 5, (i) -> call("workers"));
		call("throttle.set", "th", String.valueOf(this.many * 2));
		phase("complete releasing a throttle (100k pending)", 1, (i) -> call("complete", "holder", "w", "thq", "{}"));
	}

	// ---- seeding, in the script's key layout ----

	private void seed() {
		call("config.set", "jobs-history-count", String.valueOf(this.completed * 2L));
		// Leases longer than the run, so that no pop reclaims a job a later phase completes.
		call("config.set", "heartbeat", "86400");
		String time = String.format("%.20f", START - 1);
		for (int i = 0; i < this.completed; i++) {
			String jid = "done-" + i;
			double at = START - 80_000 + i * (50_000.0 / this.completed);
			String when = Long.toString((long) at);
			send(this.async.hset("ql:j:" + jid, Map.ofEntries(Map.entry("jid", jid), Map.entry("klass", "Bench"),
					Map.entry("data", "{}"), Map.entry("priority", "0"), Map.entry("tags", "[\"bench\"]"),
					Map.entry("state", "complete"), Map.entry("worker", ""), Map.entry("expires", "0"),
					Map.entry("queue", ""), Map.entry("retries", "5"), Map.entry("remaining", "5"),
					Map.entry("time", time), Map.entry("failure", "{}"))));
			send(this.async.rpush("ql:j:" + jid + "-history", "[" + when + ",\"put\",{\"q\":\"bench\"}]",
					"[" + when + ",\"popped\",{\"worker\":\"w\"}]", "[" + when + ",\"done\"]"));
			send(this.async.zadd("ql:completed", at, jid));
			send(this.async.zadd("ql:t:bench", at, jid));
		}
		send(this.async.zadd("ql:tags", this.completed, "bench"));
		for (int i = 0; i < this.waiting; i++) {
			waitingJob("wait-" + i, "bench", "waiting", START - 1000);
			send(this.async.zadd("ql:q:bench-work", -(START - 1000) / 1e10, "wait-" + i));
		}
		send(this.async.zadd("ql:queues", START - 1000, "bench"));
		// A job with many dependents, running in its own queue.
		waitingJob("parent", "parent", "running", START - 10);
		send(this.async.hset("ql:j:parent", "worker", "w"));
		send(this.async.zadd("ql:q:parent-locks", START + 3600, "parent"));
		List<String> kids = new ArrayList<>(PIPELINE);
		for (int i = 0; i < this.many; i++) {
			String jid = "kid-" + i;
			waitingJob(jid, "kids", "depends", START - 10);
			send(this.async.sadd("ql:j:" + jid + "-dependencies", "parent"));
			send(this.async.zadd("ql:q:kids-depends", START - 10, jid));
			kids.add(jid);
			if (kids.size() == 1000) {
				send(this.async.sadd("ql:j:parent-dependents", kids.toArray(new String[0])));
				kids.clear();
			}
		}
		if (!kids.isEmpty()) {
			send(this.async.sadd("ql:j:parent-dependents", kids.toArray(new String[0])));
		}
		// Due scheduled jobs.
		for (int i = 0; i < this.many; i++) {
			waitingJob("sched-" + i, "sched", "scheduled", START - 100);
			send(this.async.zadd("ql:q:sched-scheduled", START - 50, "sched-" + i));
		}
		send(this.async.zadd("ql:queues", START - 100, "sched"));
		// Workers last seen two days ago, each with a job set.
		for (int i = 0; i < this.many; i++) {
			send(this.async.zadd("ql:workers", START - 2 * 86_400, "old-" + i));
			send(this.async.zadd("ql:w:old-" + i + ":jobs", START - 2 * 86_400, "gone-" + i));
		}
		// A throttle of maximum 1 held by "holder", with many jobs pending on it.
		waitingJob("holder", "thq", "running", START - 10);
		send(this.async.hset("ql:j:holder", Map.of("worker", "w", "throttles", "[\"th\"]")));
		send(this.async.zadd("ql:q:thq-locks", START + 3600, "holder"));
		send(this.async.hset("ql:th:th", Map.of("id", "th", "maximum", "1")));
		send(this.async.zadd("ql:th:th-locks", 1, "holder"));
		for (int i = 0; i < this.many; i++) {
			String jid = "thr-" + i;
			waitingJob(jid, "thq", "throttled", START - 10);
			send(this.async.hset("ql:j:" + jid, "throttles", "[\"th\"]"));
			send(this.async.zadd("ql:th:th-pending", START - 10 + i * 1e-3, jid));
			send(this.async.zadd("ql:q:thq-throttled", START - 10, jid));
		}
		flushSent();
		// A recurring template due for a million slots (interval 1 s, no backlog limit).
		this.now = START - 1_000_000;
		call("recur", "recurring", "rec", "Bench", "{}", "interval", "1", "0");
		this.now = START;
	}

	private void waitingJob(String jid, String queue, String state, double at) {
		send(this.async.hset("ql:j:" + jid, Map.ofEntries(Map.entry("jid", jid), Map.entry("klass", "Bench"),
				Map.entry("data", "{}"), Map.entry("priority", "0"), Map.entry("tags", "{}"), Map.entry("state", state),
				Map.entry("worker", ""), Map.entry("expires", "0"), Map.entry("queue", queue),
				Map.entry("retries", "5"), Map.entry("remaining", "5"),
				Map.entry("time", String.format("%.20f", at)))));
		send(this.async.rpush("ql:j:" + jid + "-history", "[" + (long) at + ",\"put\",{\"q\":\"" + queue + "\"}]"));
	}

	private void send(RedisFuture<?> future) {
		this.pending.add(future);
		if (this.pending.size() >= PIPELINE) {
			flushSent();
		}
	}

	private void flushSent() {
		this.pipeline.flushCommands();
		for (RedisFuture<?> future : this.pending) {
			try {
				future.get(5, TimeUnit.MINUTES);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("seeding failed: " + ex.getCause().getMessage(), ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted", ex);
			}
			catch (TimeoutException ex) {
				throw new IllegalStateException("seeding timed out", ex);
			}
		}
		this.pending.clear();
	}

	// ---- measuring ----

	private long lastClientNanos;

	private long lastServerUsec;

	private void phase(String name, int calls, Step step) {
		long clientMax = 0;
		long clientTotal = 0;
		long serverMax = 0;
		long serverTotal = 0;
		for (int i = 0; i < calls; i++) {
			this.now += 1;
			try {
				step.run(i);
			}
			catch (RuntimeException ex) {
				throw new IllegalStateException("phase '" + name + "', call " + i + ": " + ex.getMessage(), ex);
			}
			clientMax = Math.max(clientMax, this.lastClientNanos);
			clientTotal += this.lastClientNanos;
			serverMax = Math.max(serverMax, this.lastServerUsec);
			serverTotal += this.lastServerUsec;
		}
		System.out.printf("%-44s %6d %9.0f us %9.0f us %9d us %9.0f us%n", name, calls, clientMax / 1e3,
				clientTotal / 1e3 / calls, serverMax, (double) serverTotal / calls);
	}

	/** One EVALSHA at the current time, timed by the client and by Redis. */
	private @Nullable Object call(String command, String... rest) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(this.sha)
			.add(0)
			.add(command)
			.add(Double.toString(this.now));
		for (String arg : rest) {
			args.add(arg);
		}
		long before = scriptUsec();
		long started = System.nanoTime();
		Object reply = this.redis.dispatch(CommandType.EVALSHA, new NestedMultiOutput<>(StringCodec.UTF8), args);
		this.lastClientNanos = System.nanoTime() - started;
		this.lastServerUsec = scriptUsec() - before;
		return (reply instanceof List<?> list && list.size() == 1) ? list.get(0) : reply;
	}

	private long scriptUsec() {
		long[] stats = ScriptCostBenchmark.commandStats(this.redis).get("evalsha");
		return (stats != null) ? stats[1] : 0;
	}

	private static String firstJid(@Nullable Object reply) {
		String text = String.valueOf(reply);
		int at = text.indexOf("\"jid\":\"");
		if (at < 0) {
			throw new IllegalStateException("pop returned no job: " + text);
		}
		int from = at + "\"jid\":\"".length();
		return text.substring(from, text.indexOf('"', from));
	}

	private String usedMemory() {
		for (String line : this.redis.info("memory").split("\\r?\\n")) {
			if (line.startsWith("used_memory_human:")) {
				return line.trim();
			}
		}
		return "";
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	@FunctionalInterface
	private interface Step {

		void run(int index);

	}

}
