package io.qless.bench;

import java.util.HashMap;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.qless.test.TestRedis;

/**
 * What Redis itself reports about the work it did, for benchmarks: CPU time of the server
 * process ({@code INFO cpu}) and the calls and microseconds of the commands that run the
 * qless script ({@code INFO commandstats}: {@code evalsha}, {@code fcall}). Take a
 * {@link #snapshot()} before and after a run and print the {@link Delta} per job.
 */
final class RedisStats implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	RedisStats(TestRedis redis) {
		this.client = RedisClient.create(RedisURI.create(redis.host(), redis.port()));
		this.connection = this.client.connect();
	}

	Snapshot snapshot() {
		Map<String, String> cpu = fields(this.connection.sync().info("cpu"));
		Map<String, String> commands = fields(this.connection.sync().info("commandstats"));
		double cpuSeconds = Double.parseDouble(cpu.getOrDefault("used_cpu_user", "0"))
				+ Double.parseDouble(cpu.getOrDefault("used_cpu_sys", "0"));
		long calls = 0;
		long micros = 0;
		for (String command : new String[] { "cmdstat_evalsha", "cmdstat_fcall", "cmdstat_eval" }) {
			String stat = commands.get(command);
			if (stat != null) {
				Map<String, String> values = new HashMap<>();
				for (String pair : stat.split(",")) {
					String[] kv = pair.split("=", 2);
					values.put(kv[0], kv[1]);
				}
				calls += Long.parseLong(values.get("calls"));
				micros += Long.parseLong(values.get("usec"));
			}
		}
		return new Snapshot(cpuSeconds, calls, micros);
	}

	private static Map<String, String> fields(String info) {
		Map<String, String> fields = new HashMap<>();
		for (String line : info.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && !line.startsWith("#")) {
				fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return fields;
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

	/**
	 * Counters at one moment.
	 */
	record Snapshot(double cpuSeconds, long scriptCalls, long scriptMicros) {

		Delta since(Snapshot before) {
			return new Delta(this.cpuSeconds - before.cpuSeconds, this.scriptCalls - before.scriptCalls,
					this.scriptMicros - before.scriptMicros);
		}

	}

	/**
	 * Work Redis did between two snapshots.
	 */
	record Delta(double cpuSeconds, long scriptCalls, long scriptMicros) {

		String perJob(int jobs) {
			return String.format("Redis CPU %.1f µs/job, script %.1f µs/job in %.2f calls/job", cpuSeconds * 1e6 / jobs,
					(double) scriptMicros / jobs, (double) scriptCalls / jobs);
		}

	}

}
