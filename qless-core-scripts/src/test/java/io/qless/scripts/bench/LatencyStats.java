package io.qless.scripts.bench;

import java.util.Map;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The 100th percentile (the longest call) of a command in {@code INFO latencystats}
 * (Redis 7+), which counts since the last {@code CONFIG RESETSTAT}. The server reports it
 * once {@code latency-tracking-info-percentiles} lists 100; the previous list comes back on
 * {@link #close()}.
 */
final class LatencyStats implements AutoCloseable {

	private static final String PERCENTILES = "latency-tracking-info-percentiles";

	private final RedisCommands<String, String> redis;

	private final Map<String, String> previous;

	private LatencyStats(RedisCommands<String, String> redis, Map<String, String> previous) {
		this.redis = redis;
		this.previous = previous;
	}

	/** Makes the server report the 50th, 99th and 100th percentiles. */
	static LatencyStats withMaximum(RedisCommands<String, String> redis) {
		Map<String, String> previous = redis.configGet(PERCENTILES);
		try {
			redis.configSet(PERCENTILES, "50 99 100");
		}
		catch (RedisCommandExecutionException ex) {
			System.out.println("Longest calls not measured (no latency tracking): " + ex.getMessage());
		}
		return new LatencyStats(redis, previous);
	}

	/** The longest call of {@code command} (lower case, e.g. evalsha) in µs, or -1 if unknown. */
	static long longest(RedisCommands<String, String> redis, String command) {
		String prefix = "latency_percentiles_usec_" + command + ":";
		for (String line : redis.info("latencystats").split("\\r?\\n")) {
			if (line.startsWith(prefix)) {
				for (String field : line.substring(prefix.length()).trim().split(",")) {
					if (field.startsWith("p100=")) {
						return Math.round(Double.parseDouble(field.substring("p100=".length())));
					}
				}
			}
		}
		return -1;
	}

	@Override
	public void close() {
		this.previous.forEach(this.redis::configSet);
	}

}
