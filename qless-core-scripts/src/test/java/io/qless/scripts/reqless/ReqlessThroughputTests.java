package io.qless.scripts.reqless;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The throughput counters through the reqless commands, and {@code stats.throughput}. */
class ReqlessThroughputTests extends ReqlessTestSupport {

	private static final long DAY = 1_699_920_000L;

	private static final long T = DAY + 5 * 3600 + 7 * 60 + 30;

	private static final String KEY = "ql:s:throughput:" + DAY;

	private void running(long now, String jid, Object... options) {
		this.reqless.put(now, "queue", jid, options);
		assertThat(this.reqless.popJids(now, "queue", "worker", 1)).containsExactly(jid);
	}

	@Test
	void completionsAndFailuresAreCountedPerMinute() {
		this.reqless.call("config.set", 0, "grace-period", 0);
		running(T, "a");
		this.reqless.complete(T, "a", "worker", "queue");
		running(T, "b");
		this.reqless.call("job.completeAndRequeue", T + 5, "b", "worker", "queue", "{}", "other");
		running(T, "c");
		this.reqless.call("job.fail", T + 60, "c", "worker", "group", "message");
		running(T, "d", "retries", 0);
		assertThat(this.reqless.call("job.retry", T + 61, "d", "queue", "worker")).isEqualTo(-1L);
		running(T, "f", "retries", 0);
		assertThat(this.reqless.call("queue.pop", T + 120, "queue", "other", 1)).isEqualTo("[]");
		assertThat(this.reqless.state("f")).isEqualTo("failed");

		Map<String, String> counters = this.reqless.redis().hgetall(KEY);
		assertThat(counters).containsOnly(entry("c307", "2"), entry("f308", "2"), entry("f309", "1"));
		assertThat(this.reqless.redis().ttl(KEY)).isPositive();

		JsonNode throughput = this.reqless.json("stats.throughput", T + 120);
		JsonNode minutes = throughput.get("minutes");
		assertThat(minutes).hasSize(60);
		assertThat(minutes.get(59)).isEqualTo(json("{\"at\": " + (DAY + 309 * 60) + ", \"completed\": 0, \"failed\": 1}"));
		assertThat(minutes.get(57)).isEqualTo(json("{\"at\": " + (DAY + 307 * 60) + ", \"completed\": 2, \"failed\": 0}"));
		JsonNode hours = throughput.get("hours");
		assertThat(hours).hasSize(24);
		assertThat(hours.get(23)).isEqualTo(json("{\"at\": " + (DAY + 5 * 3600) + ", \"completed\": 2, \"failed\": 3}"));
		assertThat(this.reqless.qless("throughput", T + 120)).isEqualTo(this.reqless.call("stats.throughput", T + 120));
	}

}
