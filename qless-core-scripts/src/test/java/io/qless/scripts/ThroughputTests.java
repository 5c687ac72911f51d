package io.qless.scripts;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Throughput counters (an extension key): {@code ql:s:throughput:<day>} counts the jobs
 * completed ({@code c<minute>}) and failed ({@code f<minute>}) per minute of the UTC day, and
 * {@code throughput <now>} reports the last 60 minutes and 24 hours.
 */
class ThroughputTests extends ScriptTestSupport {

	/** The start of a UTC day. */
	private static final long DAY = 1_699_920_000L;

	/** 05:07:30 that day: minute 307, hour 5. */
	private static final long T = DAY + 5 * 3600 + 7 * 60 + 30;

	private static final String KEY = "ql:s:throughput:" + DAY;

	private void running(long now, String jid, Object... options) {
		this.qless.put(now, "queue", jid, options);
		assertThat(this.qless.popOne(now, "queue", "worker").get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void completionsAndFailuresAreCountedPerMinute() {
		this.qless.config("grace-period", 0);
		running(T, "a");
		this.qless.complete(T, "a", "worker", "queue");
		running(T, "b");
		this.qless.complete(T + 5, "b", "worker", "queue", "next", "other");
		running(T, "c");
		this.qless.fail(T + 60, "c", "worker", "group", "message");
		running(T, "d", "retries", 0);
		assertThat(this.qless.call("retry", T + 61, "d", "queue", "worker")).isEqualTo(-1L);
		running(T, "e", "retries", 1);
		assertThat(this.qless.call("retry", T + 62, "e", "queue", "worker")).isEqualTo(0L);
		running(T, "f", "retries", 0);
		// The lease of f ends at T + 60; a pop at T + 120 finds its retries exhausted.
		assertThat(this.qless.call("pop", T + 120, "queue", "other", 1)).isNotEqualTo("{}");
		assertThat(this.qless.state("f")).isEqualTo("failed");

		Map<String, String> counters = this.qless.hash(KEY);
		assertThat(counters).containsOnly(entry("c307", "2"), entry("f308", "2"), entry("f309", "1"));
		assertThat(this.qless.redis().ttl(KEY)).isBetween(172_700L, 172_800L);

		JsonNode throughput = this.qless.json("throughput", T + 120);
		JsonNode minutes = throughput.get("minutes");
		assertThat(minutes).hasSize(60);
		assertThat(minutes.get(0)).isEqualTo(json("{\"at\": " + (DAY + 250 * 60) + ", \"completed\": 0, \"failed\": 0}"));
		assertThat(minutes.get(57)).isEqualTo(json("{\"at\": " + (DAY + 307 * 60) + ", \"completed\": 2, \"failed\": 0}"));
		assertThat(minutes.get(58)).isEqualTo(json("{\"at\": " + (DAY + 308 * 60) + ", \"completed\": 0, \"failed\": 2}"));
		assertThat(minutes.get(59)).isEqualTo(json("{\"at\": " + (DAY + 309 * 60) + ", \"completed\": 0, \"failed\": 1}"));
		JsonNode hours = throughput.get("hours");
		assertThat(hours).hasSize(24);
		assertThat(hours.get(0)).isEqualTo(json("{\"at\": " + (DAY + 5 * 3600 - 23 * 3600) + ", \"completed\": 0, \"failed\": 0}"));
		assertThat(hours.get(22)).isEqualTo(json("{\"at\": " + (DAY + 4 * 3600) + ", \"completed\": 0, \"failed\": 0}"));
		assertThat(hours.get(23)).isEqualTo(json("{\"at\": " + (DAY + 5 * 3600) + ", \"completed\": 2, \"failed\": 3}"));
	}

	@Test
	void theKeyIsSetToExpireByTheFirstEventOfAMinute() {
		running(T, "a");
		this.qless.complete(T, "a", "worker", "queue");
		this.qless.redis().persist(KEY);
		running(T, "b");
		this.qless.complete(T + 1, "b", "worker", "queue");
		assertThat(this.qless.redis().ttl(KEY)).isEqualTo(-1L);
		running(T, "c");
		this.qless.complete(T + 60, "c", "worker", "queue");
		assertThat(this.qless.redis().ttl(KEY)).isPositive();
	}

	@Test
	void theLast24HoursReachIntoThePreviousDay() {
		this.qless.redis().hset("ql:s:throughput:" + (DAY - 86400), Map.of("c1430", "4", "f1439", "1", "c30", "9"));
		this.qless.redis().hset(KEY, Map.of("c2", "3", "f0", "2"));
		JsonNode throughput = this.qless.json("throughput", DAY + 150);
		JsonNode minutes = throughput.get("minutes");
		assertThat(minutes.get(59)).isEqualTo(json("{\"at\": " + (DAY + 120) + ", \"completed\": 3, \"failed\": 0}"));
		assertThat(minutes.get(57)).isEqualTo(json("{\"at\": " + DAY + ", \"completed\": 0, \"failed\": 2}"));
		assertThat(minutes.get(56)).isEqualTo(json("{\"at\": " + (DAY - 60) + ", \"completed\": 0, \"failed\": 1}"));
		assertThat(minutes.get(47)).isEqualTo(json("{\"at\": " + (DAY - 600) + ", \"completed\": 4, \"failed\": 0}"));
		JsonNode hours = throughput.get("hours");
		assertThat(hours.get(23)).isEqualTo(json("{\"at\": " + DAY + ", \"completed\": 3, \"failed\": 2}"));
		assertThat(hours.get(22)).isEqualTo(json("{\"at\": " + (DAY - 3600) + ", \"completed\": 4, \"failed\": 1}"));
		// 00:30 of the day before is before the first of the 24 hours (01:00).
		for (JsonNode hour : hours) {
			assertThat(hour.get("completed").asInt()).isNotEqualTo(9);
		}
		assertThat(hours.get(0).get("at").asLong()).isEqualTo(DAY - 23 * 3600);
	}

	@Test
	void nothingCountedReadsAsZeros() {
		JsonNode throughput = this.qless.json("throughput", T);
		assertThat(throughput.get("minutes")).hasSize(60);
		assertThat(throughput.get("hours")).hasSize(24);
		throughput.get("minutes").forEach((m) -> assertThat(m.get("completed").asInt() + m.get("failed").asInt()).isZero());
		assertThat(this.qless.redis().exists(KEY)).isZero();
	}

}
