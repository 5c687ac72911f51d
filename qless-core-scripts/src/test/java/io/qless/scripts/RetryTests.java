package io.qless.scripts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** {@code retry}. */
class RetryTests extends ScriptTestSupport {

	private void running(long now, String jid, Object... options) {
		this.qless.put(now, "queue", jid, options);
		assertThat(this.qless.popOne(now, "queue", "worker").get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void validation() {
		running(0, "jid");
		this.qless.assertError("Retry(): Arg \"queue\" missing", "retry", 1, "jid");
		this.qless.assertError("Retry(): Arg \"worker\" missing", "retry", 1, "jid", "queue");
		this.qless.assertError("Retry(): Arg \"delay\" not a number: x", "retry", 1, "jid", "queue", "worker", "x");
		this.qless.assertError("Retry(): Job missing does not exist", "retry", 1, "missing", "queue", "worker");
		this.qless.assertError("Retry(): Job jid has been given to another worker: worker", "retry", 1, "jid",
				"queue", "other");
		assertThat(this.qless.job("jid").get("remaining").asInt()).isEqualTo(5);
	}

	@Test
	void onlyRunningJobs() {
		running(0, "complete");
		this.qless.complete(0, "complete", "worker", "queue");
		running(0, "failed");
		this.qless.fail(0, "failed", "worker", "grp", "msg");
		this.qless.put(0, "queue", "waiting");
		for (String state : new String[] { "waiting", "complete", "failed" }) {
			this.qless.assertError("Retry(): Job " + state + " is not currently running: " + state, "retry", 1, state,
					"queue", "worker");
		}
	}

	@Test
	void retryReturnsRemainingAndRequeues() {
		running(0, "jid");
		Object reply = this.qless.call("retry", 1, "jid", "queue", "worker");
		assertThat(reply).isInstanceOf(Long.class).isEqualTo(4L);
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("waiting");
		assertThat(job.get("remaining").asInt()).isEqualTo(4);
		assertThat(job.get("worker").asString()).isEqualTo("worker");
		assertThat(job.get("expires").asInt()).isEqualTo(60);
		assertThat(job.get("history").size()).isEqualTo(2);
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isEqualTo(0 - 1 / 1e10);
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isNull();
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isNull();
	}

	@Test
	void afterARetryTheWorkerHasLostTheJob() {
		running(0, "jid");
		this.qless.call("retry", 1, "jid", "queue", "worker");
		this.qless.assertError("not currently running", "complete", 2, "jid", "worker", "queue", "{}");
		this.qless.assertError("not currently running", "fail", 2, "jid", "worker", "grp", "msg");
		this.qless.assertError("not currently running", "heartbeat", 2, "jid", "worker");
	}

	@Test
	void delayMakesTheJobScheduled() {
		running(0, "jid");
		this.qless.call("retry", 1, "jid", "queue", "worker", 10);
		assertThat(this.qless.state("jid")).isEqualTo("scheduled");
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "jid")).isEqualTo(11.0);
		assertThat(this.qless.call("pop", 10, "queue", "worker", 1)).isEqualTo("{}");
		assertThat(QlessScript.jids(this.qless.pop(11, "queue", "worker", 1))).containsExactly("jid");
	}

	@Test
	void groupAndMessageAreStoredWhileRetriesRemain() {
		running(0, "jid");
		this.qless.callAt("retry", "3.5", "jid", "queue", "worker", 0, "grp", "msg");
		assertThat(this.qless.job("jid").get("failure")).isEqualTo(json("""
				{"group": "grp", "message": "msg", "when": 3, "worker": "worker"}"""));
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
	}

	@Test
	void exhaustionWithGroupAndMessage() {
		running(0, "jid", "retries", 0);
		Object reply = this.qless.call("retry", 1, "jid", "queue", "worker", 0, "grp", "msg");
		assertThat(reply).isEqualTo(-1L);
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("failed");
		assertThat(job.get("worker").asString()).isEmpty();
		assertThat(job.get("remaining").asInt()).isEqualTo(-1);
		assertThat(job.get("failure")).isEqualTo(json("""
				{"group": "grp", "message": "msg", "when": 1, "worker": "worker"}"""));
		JsonNode history = job.get("history");
		assertThat(history.get(history.size() - 1)).isEqualTo(json("{\"when\": 1, \"what\": \"failed\", \"group\": \"grp\"}"));
		assertThat(this.qless.list("ql:f:grp")).containsExactly("jid");
		assertThat(this.qless.redis().sismember("ql:failures", "grp")).isTrue();
		assertThat(this.qless.hash("ql:s:stats:0:queue")).contains(entry("failures", "1"), entry("failed", "1"));
	}

	@Test
	void defaultExhaustionFailure() {
		running(0, "jid", "retries", 0);
		assertThat(this.qless.callAt("retry", "1.5", "jid", "queue", "worker")).isEqualTo(-1L);
		assertThat(this.qless.job("jid").get("failure")).isEqualTo(json("""
				{"group": "failed-retries-queue", "message": "Job exhausted retries in queue \\"queue\\"",
				 "when": 1.5, "worker": ""}"""));
		assertThat(this.qless.list("ql:f:failed-retries-queue")).containsExactly("jid");
	}

	@Test
	void groupWithoutMessageUsesTheExhaustionMessage() {
		running(0, "jid", "retries", 0);
		this.qless.call("retry", 1, "jid", "queue", "worker", 0, "grp");
		assertThat(this.qless.job("jid").get("failure")).isEqualTo(json("""
				{"group": "grp", "message": "Job exhausted retries in queue \\"queue\\"", "when": 1, "worker": ""}"""));
	}

	@Test
	void retryToAnotherQueueDoesNotCheckOrChangeTheQueueField() {
		running(0, "jid");
		assertThat(this.qless.call("retry", 1, "jid", "other", "worker")).isEqualTo(4L);
		assertThat(this.qless.zscore("ql:q:other-work", "jid")).isNotNull();
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isNull();
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isNull();
		assertThat(this.qless.job("jid").get("queue").asString()).isEqualTo("queue");
	}

	@Test
	void exhaustionStatsGoToTheQueueArgument() {
		running(0, "jid", "retries", 0);
		this.qless.call("retry", 1, "jid", "other", "worker");
		assertThat(this.qless.hash("ql:s:stats:0:other")).contains(entry("failures", "1"), entry("failed", "1"));
		assertThat(this.qless.job("jid").get("failure").get("group").asString()).isEqualTo("failed-retries-other");
		assertThat(this.qless.job("jid").get("failure").get("message").asString())
			.isEqualTo("Job exhausted retries in queue \"queue\"");
	}

	@Test
	void retryClearsTheGraceFlag() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		assertThat(this.qless.call("pop", 61, "queue", "other", 1)).isEqualTo("{}");
		assertThat(this.qless.redis().hget("ql:j:jid", "grace")).isEqualTo("1");
		this.qless.call("retry", 62, "jid", "queue", "worker");
		assertThat(this.qless.redis().hexists("ql:j:jid", "grace")).isFalse();
	}

}
