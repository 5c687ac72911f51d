package io.qless.scripts;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cancel}. */
class CancelTests extends ScriptTestSupport {

	private void running(long now, String jid, Object... options) {
		this.qless.put(now, "queue", jid, options);
		assertThat(this.qless.popOne(now, "queue", "worker").get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void cancelWaitingJob() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.call("cancel", 1, "jid")).isEqualTo(List.of("jid"));
		assertThat(this.qless.job("jid")).isNull();
		assertThat(this.qless.redis().exists("ql:j:jid", "ql:j:jid-history")).isZero();
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isNull();
	}

	@Test
	void cancelDependentJobRemovesTheEdge() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b", "depends", "[\"a\"]");
		this.qless.call("cancel", 1, "b");
		assertThat(this.qless.job("b")).isNull();
		assertThat(this.qless.zscore("ql:q:queue-depends", "b")).isNull();
		assertThat(this.qless.job("a").get("dependents")).isEqualTo(json("{}"));
		assertThat(this.qless.redis().exists("ql:j:b-dependencies")).isZero();
	}

	@Test
	void cancelingADependencyAloneFailsAndWritesNothing() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b", "depends", "[\"a\"]");
		this.qless.assertError("Cancel(): a is a dependency of b but is not mentioned to be canceled", "cancel", 1,
				"a");
		assertThat(this.qless.state("a")).isEqualTo("waiting");
		assertThat(this.qless.state("b")).isEqualTo("depends");
	}

	@Test
	void cancelingTheWholeChainInAnyOrderWorks() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b", "depends", "[\"a\"]");
		this.qless.put(0, "queue", "c", "depends", "[\"b\"]");
		assertThat(this.qless.call("cancel", 1, "a", "c", "b")).isEqualTo(List.of("a", "c", "b"));
		assertThat(this.qless.redis().exists("ql:j:a", "ql:j:b", "ql:j:c")).isZero();
	}

	@Test
	void cancelingPartOfAChainFails() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b", "depends", "[\"a\"]");
		this.qless.put(0, "queue", "c", "depends", "[\"b\"]");
		this.qless.assertError("is a dependency", "cancel", 1, "a", "b");
		assertThat(this.qless.redis().exists("ql:j:a", "ql:j:b", "ql:j:c")).isEqualTo(3L);
	}

	@Test
	void cancelScheduledJob() {
		this.qless.putBy(0, "worker", "queue", "jid", 10);
		this.qless.call("cancel", 1, "jid");
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "jid")).isNull();
		assertThat(this.qless.job("jid")).isNull();
	}

	@Test
	void cancelOfMissingJobsIsFineAndEchoesThem() {
		assertThat(this.qless.call("cancel", 1, "missing", "other")).isEqualTo(List.of("missing", "other"));
	}

	@Test
	void cancelFailedJobCleansTheFailureGroupAndStat() {
		running(0, "jid");
		this.qless.fail(0, "jid", "worker", "grp", "msg");
		this.qless.call("cancel", 1, "jid");
		assertThat(this.qless.redis().exists("ql:f:grp")).isZero();
		assertThat(this.qless.redis().sismember("ql:failures", "grp")).isFalse();
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "failed")).isEqualTo("0");
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "failures")).isEqualTo("1");
	}

	@Test
	void cancelRunningJobLosesTheLock() {
		running(0, "jid");
		this.qless.call("cancel", 1, "jid");
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isNull();
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isNull();
		this.qless.assertError("Job jid does not exist", "heartbeat", 2, "jid", "worker");
	}

	@Test
	void cancelJobsFailedByRetryAndByReclaim() {
		this.qless.config("grace-period", 0);
		running(0, "retried", "retries", 0);
		this.qless.call("retry", 0, "retried", "queue", "worker");
		this.qless.config("heartbeat", -10);
		running(0, "reclaimed", "retries", 0);
		this.qless.call("pop", 1, "queue", "worker", 1);
		assertThat(this.qless.state("reclaimed")).isEqualTo("failed");
		this.qless.call("cancel", 2, "retried", "reclaimed");
		assertThat(this.qless.redis().exists("ql:f:failed-retries-queue")).isZero();
		assertThat(this.qless.json("failed", 2)).isEqualTo(json("{}"));
	}

	@Test
	void completedJobsAreLeftAlone() {
		running(0, "jid");
		this.qless.complete(1, "jid", "worker", "queue");
		assertThat(this.qless.call("cancel", 2, "jid")).isEqualTo(List.of("jid"));
		assertThat(this.qless.state("jid")).isEqualTo("complete");
		assertThat(this.qless.zscore("ql:completed", "jid")).isEqualTo(1.0);
	}

	@Test
	void cancelRemovesTagsButNotTracking() {
		this.qless.put(0, "queue", "jid", "tags", "[\"t\"]");
		this.qless.call("track", 0, "track", "jid");
		this.qless.call("cancel", 1, "jid");
		assertThat(this.qless.zscore("ql:t:t", "jid")).isNull();
		assertThat(this.qless.zscore("ql:tags", "t")).isEqualTo(0.0);
		assertThat(this.qless.zscore("ql:tracked", "jid")).isEqualTo(0.0);
		assertThat(this.qless.json("track", 2)).isEqualTo(json("{\"jobs\": {}, \"expired\": [\"jid\"]}"));
	}

}
