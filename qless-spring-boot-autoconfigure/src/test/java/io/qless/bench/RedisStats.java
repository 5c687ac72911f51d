package io.qless.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.qless.test.TestRedis;

/**
 * What Redis itself reports about the work it did, for benchmarks: CPU time of the server
 * process ({@code INFO cpu}) and the calls and microseconds of the commands that run the
 * qless script ({@code INFO commandstats}: {@code evalsha}, {@code fcall}), and of each
 * command (those a script runs included). Take a {@link #snapshot()} before and after a run
 * and print the {@link Delta} per job.
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
		Map<String, long[]> byCommand = new HashMap<>();
		for (Map.Entry<String, String> stat : commands.entrySet()) {
			Map<String, String> values = new HashMap<>();
			for (String pair : stat.getValue().split(",")) {
				String[] kv = pair.split("=", 2);
				values.put(kv[0], kv[1]);
			}
			byCommand.put(stat.getKey().substring("cmdstat_".length()),
					new long[] { Long.parseLong(values.get("calls")), Long.parseLong(values.get("usec")) });
		}
		long calls = 0;
		long micros = 0;
		for (String command : new String[] { "evalsha", "fcall", "eval" }) {
			long[] stat = byCommand.getOrDefault(command, new long[2]);
			calls += stat[0];
			micros += stat[1];
		}
		return new Snapshot(cpuSeconds, calls, micros, byCommand);
	}

	/**
	 * Return the server's process id ({@code INFO server}).
	 */
	long processId() {
		return Long.parseLong(fields(this.connection.sync().info("server")).getOrDefault("process_id", "0"));
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
	record Snapshot(double cpuSeconds, long scriptCalls, long scriptMicros, Map<String, long[]> commands) {

		Delta since(Snapshot before) {
			Map<String, long[]> commands = new HashMap<>();
			this.commands.forEach((name, now) -> {
				long[] then = before.commands.getOrDefault(name, new long[2]);
				if (now[0] > then[0]) {
					commands.put(name, new long[] { now[0] - then[0], now[1] - then[1] });
				}
			});
			return new Delta(this.cpuSeconds - before.cpuSeconds, this.scriptCalls - before.scriptCalls,
					this.scriptMicros - before.scriptMicros, commands);
		}

	}

	/**
	 * Work Redis did between two snapshots.
	 */
	record Delta(double cpuSeconds, long scriptCalls, long scriptMicros, Map<String, long[]> commands) {

		String perJob(int jobs) {
			return String.format("Redis CPU %.1f µs/job, script %.1f µs/job in %.2f calls/job", cpuSeconds * 1e6 / jobs,
					(double) scriptMicros / jobs, (double) scriptCalls / jobs);
		}

		/**
		 * The commands that took the most time, the script's own commands among them: one
		 * line each, calls and µs per job.
		 */
		List<String> topCommands(int jobs, int count) {
			List<Map.Entry<String, long[]>> sorted = new ArrayList<>(this.commands.entrySet());
			sorted.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
			List<String> lines = new ArrayList<>();
			for (Map.Entry<String, long[]> entry : sorted.subList(0, Math.min(count, sorted.size()))) {
				lines.add(String.format("%-20s %6.2f calls/job %6.2f µs/job", entry.getKey(),
						(double) entry.getValue()[0] / jobs, (double) entry.getValue()[1] / jobs));
			}
			return lines;
		}

	}

}
