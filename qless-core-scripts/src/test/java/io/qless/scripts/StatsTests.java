package io.qless.scripts;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

/** {@code stats}. */
class StatsTests extends ScriptTestSupport {

	private static final long DAY = 86400;

	private static int[] histogram(JsonNode stats) {
		JsonNode histogram = stats.get("histogram");
		assertThat(histogram.isArray()).isTrue();
		int[] counts = new int[histogram.size()];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = histogram.get(i).asInt();
		}
		return counts;
	}

	@Test
	void validation() {
		this.qless.assertError("Stats(): Arg \"date\" missing or not a number: nil", "stats", 0, "queue");
		this.qless.assertError("Stats(): Arg \"date\" missing or not a number: x", "stats", 0, "queue", "x");
	}

	@Test
	void emptyStats() {
		JsonNode stats = this.qless.json("stats", 0, "queue", 0);
		assertThat(stats.get("retries").asInt()).isZero();
		assertThat(stats.get("failed").asInt()).isZero();
		assertThat(stats.get("failures").asInt()).isZero();
		for (String kind : new String[] { "wait", "run" }) {
			assertThat(stats.get(kind).get("count")).isEqualTo(json("0"));
			assertThat(stats.get(kind).get("mean")).isEqualTo(json("0"));
			assertThat(stats.get(kind).get("std")).isEqualTo(json("0"));
			assertThat(histogram(stats.get(kind))).hasSize(148).containsOnly(0);
		}
	}

	@Test
	void waitStatsOfTwentyJobs() {
		for (int i = 0; i < 20; i++) {
			this.qless.put(0, "queue", "jid" + i);
		}
		for (int i = 0; i < 20; i++) {
			this.qless.popOne(i, "queue", "worker");
		}
		JsonNode wait = this.qless.json("stats", 20, "queue", 0).get("wait");
		assertThat(wait.get("count").asInt()).isEqualTo(20);
		assertThat(wait.get("mean").asDouble()).isEqualTo(9.5);
		assertThat(wait.get("std").asDouble()).isCloseTo(5.9160797831, within(1e-9));
		int[] expected = new int[148];
		for (int i = 0; i < 20; i++) {
			expected[i] = 1;
		}
		assertThat(histogram(wait)).isEqualTo(expected);
		assertThat(histogram(this.qless.json("stats", 20, "queue", 0).get("run"))).containsOnly(0);
		assertThat(this.qless.hash("ql:s:wait:0:queue")).contains(entry("total", "20"), entry("s0", "1"),
				entry("s19", "1"));
		assertThat(Double.parseDouble(this.qless.redis().hget("ql:s:wait:0:queue", "mean"))).isEqualTo(9.5);
		assertThat(Double.parseDouble(this.qless.redis().hget("ql:s:wait:0:queue", "vk"))).isCloseTo(665.0,
				within(1e-9));
	}

	@Test
	void runStatsOfTwentyJobs() {
		for (int i = 0; i < 20; i++) {
			this.qless.put(0, "queue", "jid" + i);
		}
		this.qless.pop(0, "queue", "worker", 20);
		for (int i = 0; i < 20; i++) {
			this.qless.complete(i, "jid" + i, "worker", "queue");
		}
		JsonNode run = this.qless.json("stats", 20, "queue", 10).get("run");
		assertThat(run.get("count").asInt()).isEqualTo(20);
		assertThat(run.get("mean").asDouble()).isEqualTo(9.5);
		assertThat(run.get("std").asDouble()).isCloseTo(5.9160797831, within(1e-9));
		int[] expected = new int[148];
		for (int i = 0; i < 20; i++) {
			expected[i] = 1;
		}
		assertThat(histogram(run)).isEqualTo(expected);
	}

	/** The mean and the sample standard deviation of {@code values}, as stats reports them. */
	private static void assertMeanAndStd(JsonNode stats, double tolerance, double... values) {
		double mean = Arrays.stream(values).average().orElseThrow();
		double squares = Arrays.stream(values).map((v) -> (v - mean) * (v - mean)).sum();
		assertThat(stats.get("mean").asDouble()).isCloseTo(mean, within(tolerance));
		assertThat(stats.get("std").asDouble()).isCloseTo(Math.sqrt(squares / (values.length - 1)), within(tolerance));
	}

	@Test
	void aBatchOfWaitsAddsToTheStoredOnesAsSingleWaitsWould() {
		this.qless.put(0, "queue", "jid0");
		this.qless.put(0, "queue", "jid1");
		this.qless.put(1, "queue", "jid2");
		this.qless.put(70, "queue", "jid3");
		this.qless.put(100, "queue", "jid4");
		this.qless.popOne(100, "queue", "worker");
		// waits 130 and 129 share a bucket (m2), as do 60 and the single pop's 100 (m1)
		assertThat(this.qless.pop(130, "queue", "worker", 4).size()).isEqualTo(4);
		JsonNode wait = this.qless.json("stats", 130, "queue", 0).get("wait");
		assertThat(wait.get("count").asInt()).isEqualTo(5);
		assertMeanAndStd(wait, 1e-9, 100, 130, 129, 60, 30);
		int[] expected = new int[148];
		expected[30] = 1; // s30
		expected[60] = 2; // m1: 60 and 100
		expected[61] = 2; // m2: 129 and 130
		assertThat(histogram(wait)).isEqualTo(expected);
	}

	@Test
	void histogramLayout() {
		long popAt = 10000 * DAY;
		long[] waits = { 0, 59, 60, 119, 3599, 3600, 86399, DAY, 6 * DAY, 7 * DAY };
		for (int i = 0; i < waits.length; i++) {
			this.qless.put(popAt - waits[i], "queue", "jid" + i);
		}
		assertThat(this.qless.pop(popAt, "queue", "worker", waits.length).size()).isEqualTo(waits.length);
		JsonNode wait = this.qless.json("stats", popAt, "queue", popAt + 5).get("wait");
		int[] expected = new int[148];
		expected[0] = 1; // s0
		expected[59] = 1; // s59
		expected[60] = 2; // m1: 60 and 119
		expected[118] = 1; // m59
		expected[119] = 1; // h1
		expected[141] = 1; // h23
		expected[142] = 1; // d1
		expected[147] = 1; // d6; d7 is stored but not reported
		assertThat(histogram(wait)).isEqualTo(expected);
		assertThat(wait.get("count").asInt()).isEqualTo(waits.length);
		assertMeanAndStd(wait, 1e-6, Arrays.stream(waits).asDoubleStream().toArray());
		assertThat(this.qless.redis().hget("ql:s:wait:" + popAt + ":queue", "d7")).isEqualTo("1");
		assertThat(this.qless.redis().hget("ql:s:wait:" + popAt + ":queue", "m1")).isEqualTo("2");
	}

	@Test
	void singleSampleHasZeroStd() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(5, "queue", "worker");
		JsonNode wait = this.qless.json("stats", 5, "queue", 5).get("wait");
		assertThat(wait.get("count").asInt()).isEqualTo(1);
		assertThat(wait.get("mean").asDouble()).isEqualTo(5.0);
		assertThat(wait.get("std")).isEqualTo(json("0"));
	}

	@Test
	void failedAndFailuresAfterFailRePutAndCancel() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b");
		this.qless.pop(0, "queue", "worker", 2);
		this.qless.fail(1, "a", "worker", "grp", "msg");
		this.qless.fail(1, "b", "worker", "grp", "msg");
		JsonNode stats = this.qless.json("stats", 1, "queue", 0);
		assertThat(stats.get("failed").asInt()).isEqualTo(2);
		assertThat(stats.get("failures").asInt()).isEqualTo(2);
		this.qless.put(2, "queue", "a");
		stats = this.qless.json("stats", 2, "queue", 0);
		assertThat(stats.get("failed").asInt()).isEqualTo(1);
		assertThat(stats.get("failures").asInt()).isEqualTo(2);
		this.qless.call("cancel", 3, "b");
		stats = this.qless.json("stats", 3, "queue", 0);
		assertThat(stats.get("failed").asInt()).isZero();
		assertThat(stats.get("failures").asInt()).isEqualTo(2);
	}

	@Test
	void retriesCountsLockExpiries() {
		this.qless.config("heartbeat", -10);
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		this.qless.pop(1, "queue", "worker", 1);
		assertThat(this.qless.json("stats", 1, "queue", 0).get("retries").asInt()).isEqualTo(1);
	}

	@Test
	void rePutDaysLaterDecrementsTheDayOfTheFailureInTheDestinationQueue() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		this.qless.fail(0, "jid", "worker", "grp", "msg");
		this.qless.put(DAY * 3 / 2, "queue", "jid");
		JsonNode stats = this.qless.json("stats", DAY * 3 / 2, "queue", 0);
		assertThat(stats.get("failed").asInt()).isZero();
		assertThat(stats.get("failures").asInt()).isEqualTo(1);
		assertThat(this.qless.redis().exists("ql:s:stats:" + DAY + ":queue")).isZero();
	}

	@Test
	void rePutIntoAnotherQueueDecrementsThatQueuesCounter() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		this.qless.fail(0, "jid", "worker", "grp", "msg");
		this.qless.put(1, "other", "jid");
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "failed")).isEqualTo("1");
		assertThat(this.qless.redis().hget("ql:s:stats:0:other", "failed")).isEqualTo("-1");
	}

	@Test
	void retryAndPopExhaustionEachCountOnce() {
		this.qless.put(0, "queue", "jid", "retries", 0);
		this.qless.popOne(0, "queue", "worker");
		this.qless.call("retry", 0, "jid", "queue", "worker");
		JsonNode stats = this.qless.json("stats", 0, "queue", 0);
		assertThat(stats.get("failed").asInt()).isEqualTo(1);
		assertThat(stats.get("failures").asInt()).isEqualTo(1);
		this.qless.redis().del("ql:s:stats:0:queue");
		this.qless.config("grace-period", 0);
		this.qless.config("heartbeat", -10);
		this.qless.put(1, "queue", "other", "retries", 0);
		this.qless.popOne(1, "queue", "worker");
		this.qless.pop(2, "queue", "worker", 1);
		stats = this.qless.json("stats", 2, "queue", 0);
		assertThat(stats.get("failed").asInt()).isEqualTo(1);
		assertThat(stats.get("failures").asInt()).isEqualTo(1);
	}

	@Test
	void waitAfterRetryCountsFromThePreviousPop() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(10, "queue", "worker");
		this.qless.call("retry", 20, "jid", "queue", "worker");
		this.qless.popOne(25, "queue", "worker");
		assertThat(this.qless.hash("ql:s:wait:0:queue")).contains(entry("s10", "1"), entry("s15", "1"));
	}

	@Test
	void waitAfterAdvanceCountsFromTheCompletion() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(10, "queue", "worker");
		this.qless.complete(20, "jid", "worker", "queue", "next", "queue");
		this.qless.popOne(25, "queue", "worker");
		assertThat(this.qless.hash("ql:s:wait:0:queue")).contains(entry("s10", "1"), entry("s5", "1"));
		assertThat(this.qless.hash("ql:s:run:0:queue")).contains(entry("s10", "1"));
	}

	@Test
	void waitAfterUnfailCountsFromThePreviousPop() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(10, "queue", "worker");
		this.qless.fail(20, "jid", "worker", "grp", "msg");
		this.qless.call("unfail", 30, "queue", "grp");
		this.qless.popOne(40, "queue", "worker");
		assertThat(this.qless.hash("ql:s:wait:0:queue")).contains(entry("s10", "1"), entry("s30", "1"));
	}

}
