package io.qless.scripts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** {@code heartbeat}, lock reclaim and retries accounting. */
class LocksTests extends ScriptTestSupport {

	private void running(long now, String jid, Object... options) {
		this.qless.put(now, "queue", jid, options);
		assertThat(this.qless.popOne(now, "queue", "worker").get("jid").asString()).isEqualTo(jid);
	}

	// ---- heartbeat ----

	@Test
	void heartbeatValidation() {
		running(0, "jid");
		this.qless.assertError("Heatbeat(): Arg \"worker\" missing", "heartbeat", 1, "jid");
		this.qless.assertError("Heartbeat(): Job missing does not exist", "heartbeat", 1, "missing", "worker");
		this.qless.assertError("Heartbeat(): Job jid given out to another worker: worker", "heartbeat", 1, "jid",
				"other");
		assertThat(this.qless.error("heartbeat", 1, "jid", "worker", "{oops")).isNotEmpty();
		this.qless.assertError("Job(): no jid provided", "heartbeat", 1);
	}

	@Test
	void heartbeatRejectsJobsThatAreNotRunning() {
		running(0, "failed");
		this.qless.fail(0, "failed", "worker", "grp", "msg");
		running(0, "complete");
		this.qless.complete(0, "complete", "worker", "queue");
		this.qless.put(0, "queue", "waiting");
		this.qless.putBy(0, "worker", "queue", "scheduled", 10);
		this.qless.put(0, "queue", "depends", "depends", "[\"waiting\"]");
		for (String state : new String[] { "waiting", "scheduled", "depends", "failed", "complete" }) {
			this.qless.assertError("Heartbeat(): Job " + state + " not currently running: " + state, "heartbeat", 1,
					state, "worker");
		}
	}

	@Test
	void heartbeatExtendsTheLockAndRefreshesTheWorker() {
		running(0, "jid");
		Object expires = this.qless.call("heartbeat", 10, "jid", "worker");
		assertThat(expires).isInstanceOf(Long.class).isEqualTo(70L);
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(70.0);
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isEqualTo(70.0);
		assertThat(this.qless.zscore("ql:workers", "worker")).isEqualTo(10.0);
		assertThat(this.qless.hash("ql:j:jid")).contains(entry("expires", "70"), entry("worker", "worker"));
		assertThat(this.qless.job("jid").get("expires").asInt()).isEqualTo(70);
	}

	@Test
	void heartbeatUsesTheQueueHeartbeat() {
		running(0, "jid");
		this.qless.config("queue-heartbeat", 15);
		assertThat(this.qless.call("heartbeat", 10, "jid", "worker")).isEqualTo(25L);
		this.qless.config("heartbeat", 30);
		this.qless.call("config.unset", 0, "queue-heartbeat");
		assertThat(this.qless.call("heartbeat", 10, "jid", "worker")).isEqualTo(40L);
	}

	@Test
	void heartbeatReplyIsTruncatedToAnInteger() {
		running(0, "jid");
		assertThat(this.qless.callAt("heartbeat", "100.7", "jid", "worker")).isEqualTo(160L);
		assertThat(this.qless.hash("ql:j:jid")).contains(entry("expires", "160.69999999999999"));
		// the lock scores are the lease rounded up to a whole second
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(161.0);
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isEqualTo(161.0);
	}

	@Test
	void aFractionalLeaseEndsAtTheNextWholeSecondNeverBefore() {
		this.qless.config("grace-period", 0);
		this.qless.put(0, "queue", "jid");
		JsonNode job = QlessScript.parseReply(this.qless.callAt("pop", "10.25", "queue", "worker", 1)).get(0);
		assertThat(job.get("expires").asDouble()).isEqualTo(70.25);
		assertThat(this.qless.hash("ql:j:jid")).contains(entry("expires", "70.25"));
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(71.0);
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isEqualTo(71.0);
		// past expires but before the whole second: still the worker's
		assertThat(this.qless.callAt("pop", "70.5", "queue", "other", 1)).isEqualTo("{}");
		assertThat(this.qless.callAt("heartbeat", "70.5", "jid", "worker")).isEqualTo(130L);
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(131.0);
		assertThat(this.qless.callAt("pop", "130.75", "queue", "other", 1)).isEqualTo("{}");
		// at the whole second the lease is over and another worker gets the job
		assertThat(this.qless.popOne(131, "queue", "other").get("worker").asString()).isEqualTo("other");
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isNull();
	}

	@Test
	void heartbeatReEncodesData() {
		running(0, "jid");
		this.qless.call("heartbeat", 1, "jid", "worker", "[]");
		assertThat(this.qless.job("jid").get("data").asString()).isEqualTo("{}");
		this.qless.call("heartbeat", 2, "jid", "worker", "{\"a\": 1.50}");
		assertThat(this.qless.job("jid").get("data").asString()).isEqualTo("{\"a\":1.5}");
	}

	@Test
	void heartbeatAfterAMoveFails() {
		running(0, "jid");
		this.qless.put(1, "other", "jid");
		this.qless.assertError("not currently running: waiting", "heartbeat", 2, "jid", "worker");
	}

	// ---- lock reclaim ----

	@Test
	void lockLossWithGraceZeroHandsTheJobToTheNextWorker() {
		this.qless.config("grace-period", 0);
		running(0, "jid");
		assertThat(this.qless.pop(71, "queue", "other", 10)).isEqualTo(json("""
				[{"jid": "jid", "klass": "klass", "state": "running", "queue": "queue", "worker": "other",
				  "tracked": false, "priority": 0, "expires": 131, "retries": 5, "remaining": 4, "data": "{}",
				  "tags": {}, "history": [{"when": 0, "what": "put", "q": "queue"},
				                          {"when": 0, "what": "popped", "worker": "worker"},
				                          {"when": 71, "what": "timed-out"},
				                          {"when": 71, "what": "popped", "worker": "other"}],
				  "failure": {}, "spawned_from_jid": false, "dependents": {}, "dependencies": {}}]"""));
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isNull();
		assertThat(this.qless.zscore("ql:w:other:jobs", "jid")).isEqualTo(131.0);
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(131.0);
		assertThat(this.qless.redis().hexists("ql:j:jid", "grace")).isFalse();
		this.qless.assertError("Heartbeat(): Job jid given out to another worker: other", "heartbeat", 72, "jid",
				"worker");
		this.qless.assertError("another worker", "complete", 72, "jid", "worker", "queue", "{}");
		this.qless.assertError("another worker", "fail", 72, "jid", "worker", "grp", "msg");
		this.qless.assertError("another worker", "retry", 72, "jid", "queue", "worker");
	}

	@Test
	void firstPopAfterExpiryOnlyWarns() {
		running(0, "jid");
		assertThat(this.qless.call("pop", 61, "queue", "other", 10)).isEqualTo("{}");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("running");
		assertThat(job.get("worker").asString()).isEqualTo("worker");
		assertThat(job.get("remaining").asInt()).isEqualTo(5);
		assertThat(job.get("history").get(2)).isEqualTo(json("{\"when\": 61, \"what\": \"timed-out\"}"));
		assertThat(this.qless.redis().hget("ql:j:jid", "grace")).isEqualTo("1");
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(71.0);
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isNull();
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "retries")).isEqualTo("1");
		assertThat(this.qless.call("pop", 70, "queue", "other", 10)).isEqualTo("{}");
		JsonNode reclaimed = this.qless.popOne(71, "queue", "other");
		assertThat(reclaimed.get("jid").asString()).isEqualTo("jid");
		assertThat(reclaimed.get("remaining").asInt()).isEqualTo(4);
		assertThat(reclaimed.get("expires").asInt()).isEqualTo(131);
		assertThat(this.qless.redis().hexists("ql:j:jid", "grace")).isFalse();
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "retries")).isEqualTo("1");
	}

	@Test
	void graceRepeatsForEveryLoss() {
		running(0, "jid");
		assertThat(this.qless.call("pop", 61, "queue", "a", 1)).isEqualTo("{}");
		assertThat(QlessScript.jids(this.qless.pop(71, "queue", "a", 1))).containsExactly("jid");
		assertThat(this.qless.call("pop", 132, "queue", "b", 1)).isEqualTo("{}");
		assertThat(QlessScript.jids(this.qless.pop(142, "queue", "b", 1))).containsExactly("jid");
		assertThat(this.qless.job("jid").get("remaining").asInt()).isEqualTo(3);
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "retries")).isEqualTo("2");
	}

	@Test
	void jobCanStillBeFailedDuringTheGraceWindow() {
		running(0, "jid");
		this.qless.call("pop", 61, "queue", "other", 1);
		assertThat(this.qless.fail(65, "jid", "worker", "grp", "msg")).isEqualTo("jid");
		assertThat(this.qless.state("jid")).isEqualTo("failed");
	}

	@Test
	void heartbeatDuringGraceClearsTheFlag() {
		running(0, "jid");
		this.qless.call("pop", 61, "queue", "other", 1);
		assertThat(this.qless.call("heartbeat", 65, "jid", "worker")).isEqualTo(125L);
		assertThat(this.qless.redis().hexists("ql:j:jid", "grace")).isFalse();
		// The renewed lease gets its own courtesy when it expires.
		assertThat(this.qless.call("pop", 126, "queue", "other", 1)).isEqualTo("{}");
		assertThat(this.qless.redis().hget("ql:j:jid", "grace")).isEqualTo("1");
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(136.0);
		JsonNode reclaimed = this.qless.popOne(136, "queue", "other");
		assertThat(reclaimed.get("jid").asString()).isEqualTo("jid");
		assertThat(reclaimed.get("remaining").asInt()).isEqualTo(4);
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "retries")).isEqualTo("2");
	}

	@Test
	void warnedLocksDoNotReduceTheWorkItemsPopped() {
		running(0, "jid");
		this.qless.put(1, "queue", "a");
		this.qless.put(2, "queue", "b");
		assertThat(QlessScript.jids(this.qless.pop(61, "queue", "other", 2))).containsExactly("a", "b");
	}

	@Test
	void reclaimedJobsComeFirstAndCountTowardsCount() {
		this.qless.config("grace-period", 0);
		running(0, "jid");
		this.qless.put(1, "queue", "a");
		this.qless.put(2, "queue", "b");
		assertThat(QlessScript.jids(this.qless.pop(61, "queue", "other", 2))).containsExactly("jid", "a");
	}

	// ---- retries accounting ----

	@Test
	void reclaimUsesUpRetriesThenFailsTheJob() {
		this.qless.config("grace-period", 0);
		this.qless.config("heartbeat", -10);
		this.qless.put(0, "queue", "jid", "retries", 2);
		this.qless.popOne(0, "queue", "worker");
		assertThat(this.qless.popOne(1, "queue", "worker").get("remaining").asInt()).isEqualTo(1);
		assertThat(this.qless.popOne(2, "queue", "worker").get("remaining").asInt()).isEqualTo(0);
		assertThat(this.qless.callAt("pop", "3.25", "queue", "worker", 1)).isEqualTo("{}");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("failed");
		assertThat(job.get("remaining").asInt()).isEqualTo(-1);
		assertThat(job.get("worker").asString()).isEmpty();
		assertThat(job.get("failure")).isEqualTo(json("""
				{"group": "failed-retries-queue", "message": "Job exhausted retries in queue \\"queue\\"",
				 "when": 3.25, "worker": ""}"""));
		JsonNode history = job.get("history");
		assertThat(history.get(history.size() - 1))
			.isEqualTo(json("{\"when\": 3, \"what\": \"failed\", \"group\": \"failed-retries-queue\"}"));
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isNull();
		assertThat(this.qless.redis().hget("ql:j:jid", "expires")).isEmpty();
		assertThat(this.qless.list("ql:f:failed-retries-queue")).containsExactly("jid");
		assertThat(this.qless.hash("ql:s:stats:0:queue")).contains(entry("failures", "1"), entry("failed", "1"));
		this.qless.assertError("not currently running: failed", "heartbeat", 4, "jid", "worker");
		this.qless.put(5, "queue", "jid");
		JsonNode again = this.qless.job("jid");
		assertThat(again.get("state").asString()).isEqualTo("waiting");
		assertThat(again.get("remaining").asInt()).isEqualTo(2);
	}

	@Test
	void completeWithNextAndMoveResetRemaining() {
		this.qless.config("grace-period", 0);
		this.qless.config("heartbeat", -10);
		this.qless.put(0, "queue", "jid", "retries", 3);
		this.qless.popOne(0, "queue", "worker");
		assertThat(this.qless.popOne(1, "queue", "worker").get("remaining").asInt()).isEqualTo(2);
		this.qless.complete(1, "jid", "worker", "queue", "next", "queue");
		assertThat(this.qless.job("jid").get("remaining").asInt()).isEqualTo(3);
		this.qless.popOne(2, "queue", "worker");
		assertThat(this.qless.popOne(3, "queue", "worker").get("remaining").asInt()).isEqualTo(2);
		this.qless.put(4, "queue", "jid");
		assertThat(this.qless.job("jid").get("remaining").asInt()).isEqualTo(3);
	}

	@Test
	void explicitFailAndTimeoutDoNotUseARetry() {
		running(0, "jid");
		this.qless.call("timeout", 1, "jid");
		assertThat(this.qless.job("jid").get("remaining").asInt()).isEqualTo(5);
		this.qless.popOne(2, "queue", "worker");
		this.qless.fail(3, "jid", "worker", "grp", "msg");
		assertThat(this.qless.job("jid").get("remaining").asInt()).isEqualTo(5);
	}

	@Test
	void onlyAPopOfThatQueueReclaimsItsLocks() {
		this.qless.config("grace-period", 0);
		running(0, "jid");
		this.qless.put(0, "other", "x");
		assertThat(QlessScript.jids(this.qless.pop(100, "other", "other-worker", 10))).containsExactly("x");
		assertThat(this.qless.job("jid").get("worker").asString()).isEqualTo("worker");
		assertThat(this.qless.job("jid").get("history").size()).isEqualTo(2);
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(60.0);
	}

}
