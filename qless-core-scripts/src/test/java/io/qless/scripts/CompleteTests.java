package io.qless.scripts;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code complete}, expiry of completed jobs and dependency release. */
class CompleteTests extends ScriptTestSupport {

	private void running(long now, String jid) {
		this.qless.put(now, "queue", jid);
		assertThat(this.qless.popOne(now, "queue", "worker").get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void basicCompleteGivesTheFullJobObject() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(1, "queue", "worker");
		assertThat(this.qless.complete(2, "jid", "worker", "queue")).isEqualTo("complete");
		assertThat(this.qless.job("jid")).isEqualTo(json("""
				{"jid": "jid", "klass": "klass", "state": "complete", "queue": "", "worker": "",
				 "tracked": false, "priority": 0, "expires": 0, "retries": 5, "remaining": 5, "data": "{}",
				 "tags": {}, "history": [{"when": 0, "what": "put", "q": "queue"},
				                         {"when": 1, "what": "popped", "worker": "worker"},
				                         {"when": 2, "what": "done"}],
				 "failure": {}, "spawned_from_jid": false, "dependents": {}, "dependencies": {}}"""));
	}

	@Test
	void completeUpdatesTheKeys() {
		running(0, "jid");
		this.qless.complete(5, "jid", "worker", "queue");
		assertThat(this.qless.zscore("ql:completed", "jid")).isEqualTo(5.0);
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isNull();
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isNull();
		assertThat(this.qless.redis().hget("ql:s:run:0:queue", "total")).isEqualTo("1");
		assertThat(this.qless.redis().hget("ql:s:run:0:queue", "s5")).isEqualTo("1");
		assertThat(this.qless.call("jobs", 5, "complete")).isEqualTo(List.of("jid"));
	}

	@Test
	void dataIsStoredVerbatim() {
		running(0, "jid");
		this.qless.call("complete", 1, "jid", "worker", "queue", "[]");
		assertThat(this.qless.job("jid").get("data").asString()).isEqualTo("[]");
	}

	@Test
	void onlyRunningJobsCanBeCompleted() {
		running(0, "failed");
		this.qless.fail(0, "failed", "worker", "grp", "msg");
		running(0, "complete");
		this.qless.complete(0, "complete", "worker", "queue");
		this.qless.put(0, "queue", "waiting");
		this.qless.putBy(0, "worker", "queue", "scheduled", 10);
		this.qless.put(0, "queue", "depends", "depends", "[\"waiting\"]");
		for (String state : new String[] { "waiting", "scheduled", "depends", "failed", "complete" }) {
			this.qless.assertError("Complete(): Job " + state + " is not currently running: " + state, "complete", 1,
					state, "worker", "queue", "{}");
		}
	}

	@Test
	void missingJob() {
		this.qless.assertError("Complete(): Job jid does not exist", "complete", 0, "jid", "worker", "queue", "{}");
	}

	@Test
	void anotherWorkerOrAnotherQueue() {
		running(0, "jid");
		this.qless.assertError("Complete(): Job jid has been handed out to another worker: worker", "complete", 1,
				"jid", "other", "queue", "{}");
		this.qless.assertError("Complete(): Job jid running in another queue: queue", "complete", 1, "jid", "worker",
				"other", "{}");
		assertThat(this.qless.state("jid")).isEqualTo("running");
	}

	@Test
	void argumentValidation() {
		running(0, "jid");
		this.qless.assertError("Complete(): Arg \"worker\" missing", "complete", 1, "jid");
		this.qless.assertError("Complete(): Arg \"queue\" missing", "complete", 1, "jid", "worker");
		this.qless.assertError("Complete(): Arg \"data\" missing or not JSON: false", "complete", 1, "jid", "worker",
				"queue", "false");
		assertThat(this.qless.error("complete", 1, "jid", "worker", "queue")).isNotEmpty();
		assertThat(this.qless.error("complete", 1, "jid", "worker", "queue", "{oops")).isNotEmpty();
		this.qless.assertError("assertion failed!", "complete", 1, "jid", "worker", "queue", "{}", "next", "other",
				"delay", "x");
		this.qless.assertError("Complete(): Arg \"depends\" not JSON: false", "complete", 1, "jid", "worker", "queue",
				"{}", "next", "other", "depends", "false");
		this.qless.assertError("Complete(): \"delay\" cannot be used without a \"next\".", "complete", 1, "jid",
				"worker", "queue", "{}", "delay", 5);
		this.qless.assertError("Complete(): \"depends\" cannot be used without a \"next\".", "complete", 1, "jid",
				"worker", "queue", "{}", "depends", "[]");
		assertThat(this.qless.state("jid")).isEqualTo("running");
		assertThat(this.qless.job("jid").get("history").size()).isEqualTo(2);
	}

	@Test
	void completeClearsTheFailureThatSurvivedRePutAndPop() {
		running(0, "jid");
		this.qless.fail(1, "jid", "worker", "grp", "msg");
		this.qless.put(2, "queue", "jid");
		assertThat(this.qless.popOne(3, "queue", "worker").get("failure").get("group").asString()).isEqualTo("grp");
		this.qless.complete(4, "jid", "worker", "queue");
		assertThat(this.qless.job("jid").get("failure")).isEqualTo(json("{}"));
	}

	@Test
	void advanceToTheNextQueue() {
		this.qless.put(0, "queue", "jid", "retries", 2);
		this.qless.popOne(1, "queue", "worker");
		this.qless.call("retry", 2, "jid", "queue", "worker");
		this.qless.popOne(3, "queue", "worker");
		assertThat(this.qless.complete(4, "jid", "worker", "queue", "next", "next")).isEqualTo("waiting");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("waiting");
		assertThat(job.get("queue").asString()).isEqualTo("next");
		assertThat(job.get("worker").asString()).isEmpty();
		assertThat(job.get("remaining").asInt()).isEqualTo(2);
		assertThat(job.get("history").get(job.get("history").size() - 2)).isEqualTo(json("{\"when\": 4, \"what\": \"done\"}"));
		assertThat(job.get("history").get(job.get("history").size() - 1))
			.isEqualTo(json("{\"when\": 4, \"what\": \"put\", \"q\": \"next\"}"));
		assertThat(this.qless.zscore("ql:q:next-work", "jid")).isEqualTo(0 - 4 / 1e10);
		assertThat(this.qless.zscore("ql:queues", "next")).isEqualTo(4.0);
		assertThat(this.qless.zscore("ql:completed", "jid")).isNull();
		assertThat(QlessScript.jids(this.qless.pop(5, "next", "worker", 10))).containsExactly("jid");
	}

	@Test
	void advanceDoesNotMangleArrayData() {
		running(0, "jid");
		this.qless.call("complete", 1, "jid", "worker", "queue", "[]", "next", "next");
		assertThat(this.qless.job("jid").get("data").asString()).isEqualTo("[]");
	}

	@Test
	void advanceInTheClientFormIsWaiting() {
		running(0, "jid");
		assertThat(this.qless.complete(1, "jid", "worker", "queue", "next", "next", "delay", 0, "depends", "[]"))
			.isEqualTo("waiting");
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
	}

	@Test
	void delayedAdvanceIsScheduledButItsStateStaysWaiting() {
		running(0, "jid");
		assertThat(this.qless.complete(1, "jid", "worker", "queue", "next", "next", "delay", 10)).isEqualTo("scheduled");
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
		assertThat(this.qless.zscore("ql:q:next-scheduled", "jid")).isEqualTo(11.0);
		assertThat(this.qless.zscore("ql:q:next-work", "jid")).isNull();
		assertThat(this.qless.call("pop", 10, "next", "worker", 10)).isEqualTo("{}");
		assertThat(QlessScript.jids(this.qless.pop(11, "next", "worker", 10))).containsExactly("jid");
	}

	@Test
	void advanceWithUnmetDependenciesDepends() {
		running(0, "jid");
		this.qless.put(0, "queue", "other");
		assertThat(this.qless.complete(1, "jid", "worker", "queue", "next", "next", "depends", "[\"other\"]"))
			.isEqualTo("depends");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("depends");
		assertThat(job.get("dependencies")).isEqualTo(json("[\"other\"]"));
		assertThat(this.qless.job("other").get("dependents")).isEqualTo(json("[\"jid\"]"));
		assertThat(this.qless.zscore("ql:q:next-depends", "jid")).isEqualTo(1.0);
		assertThat(this.qless.redis().hexists("ql:j:jid", "scheduled")).isFalse();
	}

	@Test
	void advanceWithDependenciesAndADelayRemembersTheTime() {
		running(0, "jid");
		this.qless.put(0, "queue", "other");
		assertThat(this.qless.complete(1, "jid", "worker", "queue", "next", "next", "delay", 10, "depends",
				"[\"other\"]"))
			.isEqualTo("depends");
		assertThat(Double.parseDouble(this.qless.redis().hget("ql:j:jid", "scheduled"))).isEqualTo(11.0);
		assertThat(this.qless.zscore("ql:q:next-scheduled", "jid")).isNull();
	}

	@Test
	void advanceWithSatisfiedDependenciesIgnoresTheDelay() {
		running(0, "jid");
		assertThat(this.qless.complete(1, "jid", "worker", "queue", "next", "next", "delay", 10, "depends",
				"[\"missing\"]"))
			.isEqualTo("waiting");
		assertThat(this.qless.zscore("ql:q:next-work", "jid")).isNotNull();
		assertThat(this.qless.zscore("ql:q:next-scheduled", "jid")).isNull();
	}

	@Test
	void advanceDoesNotReleaseDependents() {
		running(0, "jid");
		this.qless.put(0, "queue", "child", "depends", "[\"jid\"]");
		this.qless.complete(1, "jid", "worker", "queue", "next", "next");
		assertThat(this.qless.state("child")).isEqualTo("depends");
		assertThat(this.qless.redis().smembers("ql:j:jid-dependents")).containsExactly("child");
	}

	@Test
	void completeResetsRemaining() {
		this.qless.put(0, "queue", "jid", "retries", 3);
		this.qless.popOne(0, "queue", "worker");
		this.qless.call("retry", 1, "jid", "queue", "worker");
		this.qless.popOne(2, "queue", "worker");
		this.qless.complete(3, "jid", "worker", "queue");
		assertThat(this.qless.job("jid").get("remaining").asInt()).isEqualTo(3);
	}

	@Test
	void expiryByCountKeepsTheNewest() {
		this.qless.config("jobs-history-count", 5);
		for (int i = 0; i < 10; i++) {
			running(i, "jid" + i);
			this.qless.complete(i, "jid" + i, "worker", "queue");
		}
		assertThat(this.qless.call("jobs", 10, "complete")).isEqualTo(List.of("jid9", "jid8", "jid7", "jid6", "jid5"));
		for (int i = 0; i < 5; i++) {
			assertThat(this.qless.redis().exists("ql:j:jid" + i, "ql:j:jid" + i + "-history")).isZero();
		}
		assertThat(this.qless.redis().zcard("ql:completed")).isEqualTo(5);
	}

	@Test
	void expiryByAgeMinusOneKeepsNothing() {
		this.qless.config("jobs-history", -1);
		for (int i = 0; i < 3; i++) {
			running(i, "jid" + i);
			assertThat(this.qless.complete(i, "jid" + i, "worker", "queue")).isEqualTo("complete");
		}
		assertThat(this.qless.call("jobs", 10, "complete")).isEqualTo(List.of());
		assertThat(this.qless.job("jid2")).isNull();
		assertThat(this.qless.redis().exists("ql:completed")).isZero();
	}

	@Test
	void expiryByAgeDeletesOldJobsWhenAnotherJobCompletes() {
		this.qless.config("jobs-history", 100);
		running(0, "old");
		this.qless.complete(0, "old", "worker", "queue");
		running(50, "mid");
		this.qless.complete(50, "mid", "worker", "queue");
		running(120, "new");
		this.qless.complete(120, "new", "worker", "queue");
		assertThat(this.qless.job("old")).isNull();
		assertThat(this.qless.job("mid")).isNotNull();
		assertThat(this.qless.call("jobs", 120, "complete")).isEqualTo(List.of("new", "mid"));
	}

	@Test
	void expiryRemovesTagsButKeepsDependencySetsAndTracking() {
		this.qless.config("jobs-history-count", 0);
		this.qless.put(0, "queue", "jid", "tags", "[\"t\"]");
		this.qless.put(0, "queue", "child", "depends", "[\"jid\"]");
		this.qless.call("track", 0, "track", "jid");
		this.qless.redis().sadd("ql:j:jid-dependencies", "ghost");
		this.qless.popOne(0, "queue", "worker");
		this.qless.complete(1, "jid", "worker", "queue");
		assertThat(this.qless.job("jid")).isNull();
		assertThat(this.qless.redis().exists("ql:j:jid-history")).isZero();
		assertThat(this.qless.zscore("ql:t:t", "jid")).isNull();
		assertThat(this.qless.zscore("ql:tags", "t")).isEqualTo(0.0);
		assertThat(this.qless.redis().smembers("ql:j:jid-dependencies")).containsExactly("ghost");
		assertThat(this.qless.zscore("ql:tracked", "jid")).isNotNull();
		assertThat(this.qless.state("child")).isEqualTo("waiting");
	}

	@Test
	void completionReleasesDependents() {
		running(0, "jid");
		this.qless.put(1, "queue", "child", "depends", "[\"jid\"]", "priority", 2);
		this.qless.complete(5, "jid", "worker", "queue");
		assertThat(this.qless.state("child")).isEqualTo("waiting");
		assertThat(this.qless.zscore("ql:q:queue-depends", "child")).isNull();
		assertThat(this.qless.zscore("ql:q:queue-work", "child")).isEqualTo(2 - 5 / 1e10);
		assertThat(this.qless.redis().exists("ql:j:jid-dependents", "ql:j:child-dependencies")).isZero();
	}

	@Test
	void anOptionWithoutAValueReadsAsAbsent() {
		running(0, "jid");
		assertThat(this.qless.complete(1, "jid", "worker", "queue", "next")).isEqualTo("complete");
		assertThat(this.qless.state("jid")).isEqualTo("complete");
	}

	@Test
	void completeWithNextToTheSameQueueStillResetsTheJob() {
		running(0, "jid");
		assertThat(this.qless.complete(1, "jid", "worker", "queue", "next", "queue")).isEqualTo("waiting");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("queue").asString()).isEqualTo("queue");
		assertThat(job.get("expires").asInt()).isZero();
		assertThat(this.qless.redis().hget("ql:j:jid", "expires")).isEqualTo("0");
		assertThat(Double.parseDouble(this.qless.redis().hget("ql:j:jid", "time"))).isEqualTo(1.0);
	}

}
