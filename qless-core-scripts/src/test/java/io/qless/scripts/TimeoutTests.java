package io.qless.scripts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code timeout}. */
class TimeoutTests extends ScriptTestSupport {

	private void running(long now, String jid) {
		this.qless.put(now, "queue", jid);
		assertThat(this.qless.popOne(now, "queue", "worker").get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void timeoutStallsTheJob() {
		running(0, "jid");
		assertThat(this.qless.call("timeout", 5, "jid")).isNull();
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("stalled");
		assertThat(job.get("worker").asString()).isEqualTo("worker");
		assertThat(job.get("expires").asInt()).isZero();
		assertThat(job.get("remaining").asInt()).isEqualTo(5);
		JsonNode history = job.get("history");
		assertThat(history.get(history.size() - 1)).isEqualTo(json("{\"when\": 5, \"what\": \"timed-out\"}"));
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isNull();
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(this.qless.redis().hget("ql:j:jid", "expires")).isEqualTo("0");
	}

	@Test
	void timeoutLeavesTheWorkerSetAlone() {
		running(0, "jid");
		this.qless.call("timeout", 5, "jid");
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isEqualTo(60.0);
		assertThat(this.qless.json("workers", 100, "worker")).isEqualTo(json("{\"jobs\": {}, \"stalled\": [\"jid\"]}"));
	}

	@Test
	void timedOutJobIsPoppedBeforeEverythingElse() {
		running(1, "jid");
		this.qless.put(0, "queue", "high", "priority", 50);
		this.qless.put(0, "queue", "higher", "priority", 100);
		this.qless.call("timeout", 5, "jid");
		assertThat(QlessScript.jids(this.qless.pop(6, "queue", "other", 1))).containsExactly("jid");
		assertThat(this.qless.job("jid").get("state").asString()).isEqualTo("running");
	}

	@Test
	void timeoutDoesNotTouchStatsOrGrace() {
		running(0, "jid");
		this.qless.call("timeout", 5, "jid");
		assertThat(this.qless.redis().exists("ql:s:stats:0:queue")).isZero();
		assertThat(this.qless.redis().hexists("ql:j:jid", "grace")).isFalse();
	}

	@Test
	void onlyExistingRunningJobs() {
		this.qless.put(0, "queue", "waiting");
		this.qless.assertError("Timeout(): Job missing does not exist", "timeout", 1, "missing");
		this.qless.assertError("Timeout(): Job waiting not running", "timeout", 1, "waiting");
	}

	@Test
	void errorPartwayLeavesEarlierJobsTimedOut() {
		running(0, "a");
		this.qless.assertError("Timeout(): Job missing does not exist", "timeout", 1, "a", "missing");
		assertThat(this.qless.state("a")).isEqualTo("stalled");
	}

	@Test
	void stalledJobCountsAsWaitingInQueues() {
		running(0, "jid");
		this.qless.call("timeout", 5, "jid");
		assertThat(this.qless.json("queues", 6, "queue")).isEqualTo(json("""
				{"name": "queue", "waiting": 1, "stalled": 0, "running": 0, "scheduled": 0, "depends": 0,
				 "recurring": 0, "paused": false}"""));
	}

}
