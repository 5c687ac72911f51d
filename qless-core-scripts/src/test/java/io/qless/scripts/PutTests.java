package io.qless.scripts;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** {@code put} and moving jobs. */
class PutTests extends ScriptTestSupport {

	@Test
	void returnsTheJidAndTheFullJobObject() {
		assertThat(this.qless.call("put", 0, "worker", "queue", "jid", "klass", "{}", 0)).isEqualTo("jid");
		assertThat(this.qless.job("jid")).isEqualTo(json("""
				{"jid": "jid", "klass": "klass", "state": "waiting", "queue": "queue", "worker": "",
				 "tracked": false, "priority": 0, "expires": 0, "retries": 5, "remaining": 5, "data": "{}",
				 "tags": {}, "history": [{"when": 0, "what": "put", "q": "queue"}], "failure": {},
				 "spawned_from_jid": false, "dependents": {}, "dependencies": {}}"""));
	}

	@Test
	void writesTheKeyLayoutOtherClientsRead() {
		this.qless.call("put", 12, "worker", "queue", "jid", "klass", "{\"a\":1}", 0, "priority", 3);
		assertThat(this.qless.hash("ql:j:jid")).contains(entry("jid", "jid"), entry("klass", "klass"),
				entry("data", "{\"a\":1}"), entry("priority", "3"), entry("tags", "{}"), entry("state", "waiting"),
				entry("worker", ""), entry("expires", "0"), entry("queue", "queue"), entry("retries", "5"),
				entry("remaining", "5"));
		assertThat(Double.parseDouble(this.qless.hash("ql:j:jid").get("time"))).isEqualTo(12.0);
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isEqualTo(3 - 12 / 1e10);
		assertThat(this.qless.zscore("ql:queues", "queue")).isEqualTo(12.0);
		assertThat(json(this.qless.list("ql:j:jid-history").get(0))).isEqualTo(json("[12, \"put\", {\"q\": \"queue\"}]"));
	}

	@Test
	void dataIsStoredVerbatim() {
		this.qless.call("put", 0, "worker", "queue", "jid", "klass", "[]", 0);
		assertThat(this.qless.job("jid").get("data").asString()).isEqualTo("[]");
		this.qless.call("put", 0, "worker", "queue", "other", "klass", "{\"b\": 2.50, \"a\": 1}", 0);
		assertThat(this.qless.job("other").get("data").asString()).isEqualTo("{\"b\": 2.50, \"a\": 1}");
	}

	@Test
	void nullDataIsAccepted() {
		assertThat(this.qless.call("put", 0, "worker", "queue", "jid", "klass", "null", 0)).isEqualTo("jid");
		assertThat(this.qless.job("jid").get("data").asString()).isEqualTo("null");
	}

	@Test
	void delayMakesTheJobScheduledUntilItIsDue() {
		this.qless.putBy(0, "worker", "queue", "jid", 10);
		assertThat(this.qless.state("jid")).isEqualTo("scheduled");
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "jid")).isEqualTo(10.0);
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isNull();
		assertThat(QlessScript.jids(this.qless.pop(5, "queue", "worker", 10))).isEmpty();
		assertThat(QlessScript.jids(this.qless.pop(10, "queue", "worker", 10))).containsExactly("jid");
	}

	@Test
	void optionsAreReflected() {
		this.qless.put(0, "queue", "jid", "priority", 7, "tags", "[\"a\",\"b\"]", "retries", 2);
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("priority").asInt()).isEqualTo(7);
		assertThat(job.get("tags")).isEqualTo(json("[\"a\",\"b\"]"));
		assertThat(job.get("retries").asInt()).isEqualTo(2);
		assertThat(job.get("remaining").asInt()).isEqualTo(2);
		assertThat(this.qless.redis().hget("ql:j:jid", "tags")).isEqualTo("[\"a\",\"b\"]");
		assertThat(this.qless.zscore("ql:t:a", "jid")).isEqualTo(0.0);
		assertThat(this.qless.zscore("ql:tags", "a")).isEqualTo(1.0);
	}

	@Test
	void dependsMakesTheJobDependAndRecordsBothEdges() {
		this.qless.put(0, "queue", "a");
		this.qless.put(1, "queue", "b", "depends", "[\"a\"]");
		assertThat(this.qless.state("b")).isEqualTo("depends");
		assertThat(this.qless.zscore("ql:q:queue-depends", "b")).isEqualTo(1.0);
		assertThat(this.qless.zscore("ql:q:queue-work", "b")).isNull();
		assertThat(this.qless.redis().smembers("ql:j:a-dependents")).containsExactly("b");
		assertThat(this.qless.redis().smembers("ql:j:b-dependencies")).containsExactly("a");
		assertThat(this.qless.job("a").get("dependents")).isEqualTo(json("[\"b\"]"));
		assertThat(this.qless.job("b").get("dependencies")).isEqualTo(json("[\"a\"]"));
	}

	@Test
	void dependsWithADelayStaysInDependsAndRemembersTheTime() {
		this.qless.put(0, "queue", "a");
		this.qless.putBy(1, "worker", "queue", "b", 10, "depends", "[\"a\"]");
		assertThat(this.qless.state("b")).isEqualTo("depends");
		assertThat(this.qless.zscore("ql:q:queue-depends", "b")).isEqualTo(1.0);
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "b")).isNull();
		assertThat(this.qless.redis().hget("ql:j:b", "scheduled")).satisfies((v) -> assertThat(Double.parseDouble(v)).isEqualTo(11.0));
	}

	@Test
	void queueIsRegisteredWhenFirstSeen() {
		this.qless.put(5, "queue", "a");
		this.qless.put(9, "queue", "b");
		assertThat(this.qless.zscore("ql:queues", "queue")).isEqualTo(5.0);
	}

	@Test
	void unknownOptionsAreIgnoredAndTheLastValueWins() {
		this.qless.put(0, "queue", "jid", "foo", "bar", "priority", 1, "priority", 4);
		assertThat(this.qless.job("jid").get("priority").asInt()).isEqualTo(4);
	}

	@Test
	void duplicateTagsCountSeveralTimes() {
		this.qless.put(0, "queue", "jid", "tags", "[\"a\",\"a\"]");
		assertThat(this.qless.zscore("ql:tags", "a")).isEqualTo(2.0);
	}

	// ---- validation of arguments the upstream tests do not cover ----

	@Test
	void validationOfPositionalArguments() {
		this.qless.assertError("Queue(): no queue name provided", "put", 0, "worker");
		this.qless.assertError("Put(): Arg \"jid\" missing", "put", 0, "worker", "queue");
		this.qless.assertError("Put(): Arg \"klass\" missing", "put", 0, "worker", "queue", "jid");
		this.qless.assertError("Put(): Arg \"data\" missing or not JSON: false", "put", 0, "worker", "queue", "jid",
				"klass", "false");
		this.qless.assertError("Put(): Arg \"delay\" not a number: x", "put", 0, "worker", "queue", "jid", "klass",
				"{}", "x");
		this.qless.assertError("Put(): Arg \"delay\" not a number: nil", "put", 0, "worker", "queue", "jid", "klass",
				"{}");
		assertThat(this.qless.redis().exists("ql:j:jid")).isZero();
	}

	@Test
	void malformedDataIsAnError() {
		assertThat(this.qless.error("put", 0, "worker", "queue", "jid", "klass", "{not json", 0)).isNotEmpty();
		assertThat(this.qless.redis().exists("ql:j:jid")).isZero();
	}

	@Test
	void validationOfOptions() {
		this.qless.assertError("Odd number of additional args: table:", "put", 0, "worker", "queue", "jid", "klass",
				"{}", 0, "priority");
		this.qless.assertError("Put(): Arg \"retries\" not a number: x", "put", 0, "worker", "queue", "jid", "klass",
				"{}", 0, "retries", "x");
		this.qless.assertError("Put(): Arg \"tags\" not JSONfalse", "put", 0, "worker", "queue", "jid", "klass", "{}",
				0, "tags", "false");
		this.qless.assertError("Put(): Arg \"priority\" not a numberx", "put", 0, "worker", "queue", "jid", "klass",
				"{}", 0, "priority", "x");
		this.qless.assertError("Put(): Arg \"depends\" not JSON: false", "put", 0, "worker", "queue", "jid", "klass",
				"{}", 0, "depends", "false");
		assertThat(this.qless.error("put", 0, "worker", "queue", "jid", "klass", "{}", 0, "tags", "[oops")).isNotEmpty();
		assertThat(this.qless.redis().exists("ql:j:jid")).isZero();
	}

	@Test
	void rePutOfATaggedJobUnindexesTagsBeforeValidatingOptions() {
		this.qless.put(0, "queue", "jid", "tags", "[\"a\"]");
		this.qless.assertError("Put(): Arg \"retries\" not a number: x", "put", 1, "worker", "queue", "jid", "klass",
				"{}", 0, "retries", "x");
		assertThat(this.qless.redis().hget("ql:j:jid", "tags")).isEqualTo("{}");
		assertThat(this.qless.zscore("ql:t:a", "jid")).isNull();
		assertThat(this.qless.zscore("ql:tags", "a")).isEqualTo(0.0);
	}

	// ---- moves ----

	@Test
	void moveKeepsHistoryAndChangesTheQueue() {
		this.qless.put(0, "queue", "jid");
		this.qless.put(1, "other", "jid");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("queue").asString()).isEqualTo("other");
		assertThat(job.get("history")).isEqualTo(json("""
				[{"when": 0, "what": "put", "q": "queue"}, {"when": 1, "what": "put", "q": "other"}]"""));
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isNull();
		assertThat(this.qless.zscore("ql:q:other-work", "jid")).isNotNull();
		assertThat(QlessScript.jids(this.qless.peek(2, "queue", 10))).isEmpty();
		assertThat(QlessScript.jids(this.qless.peek(2, "other", 10))).containsExactly("jid");
	}

	@Test
	void moveKeepsPriorityTagsAndRetriesUnlessGivenAgain() {
		this.qless.put(0, "queue", "jid", "priority", 3, "tags", "[\"a\"]", "retries", 2);
		this.qless.put(1, "other", "jid");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("priority").asInt()).isEqualTo(3);
		assertThat(job.get("tags")).isEqualTo(json("[\"a\"]"));
		assertThat(job.get("retries").asInt()).isEqualTo(2);
		assertThat(this.qless.zscore("ql:t:a", "jid")).isEqualTo(1.0);
		assertThat(this.qless.zscore("ql:tags", "a")).isEqualTo(1.0);
		this.qless.put(2, "queue", "jid", "priority", 1, "tags", "[\"b\"]", "retries", 4);
		job = this.qless.job("jid");
		assertThat(job.get("priority").asInt()).isEqualTo(1);
		assertThat(job.get("tags")).isEqualTo(json("[\"b\"]"));
		assertThat(job.get("retries").asInt()).isEqualTo(4);
		assertThat(job.get("remaining").asInt()).isEqualTo(4);
		assertThat(this.qless.zscore("ql:t:a", "jid")).isNull();
		assertThat(this.qless.zscore("ql:tags", "a")).isEqualTo(0.0);
	}

	@Test
	void emptyDependsKeepsTheOldEdgesAndANonEmptyListReplacesThem() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b");
		this.qless.put(0, "queue", "c", "depends", "[\"a\"]");
		this.qless.put(1, "other", "c", "depends", "[]");
		assertThat(this.qless.state("c")).isEqualTo("depends");
		assertThat(this.qless.redis().smembers("ql:j:c-dependencies")).containsExactly("a");
		assertThat(this.qless.zscore("ql:q:other-depends", "c")).isEqualTo(1.0);
		assertThat(this.qless.zscore("ql:q:queue-depends", "c")).isNull();
		this.qless.put(2, "other", "c");
		assertThat(this.qless.redis().smembers("ql:j:c-dependencies")).containsExactly("a");
		this.qless.put(3, "other", "c", "depends", "[\"b\"]");
		assertThat(this.qless.redis().smembers("ql:j:c-dependencies")).containsExactly("b");
		assertThat(this.qless.redis().smembers("ql:j:a-dependents")).isEmpty();
		assertThat(this.qless.redis().smembers("ql:j:b-dependents")).containsExactly("c");
	}

	@Test
	void moveOfARunningJobClearsTheWorkerAndTheLock() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(1, "queue", "worker");
		this.qless.put(2, "other", "jid");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("waiting");
		assertThat(job.get("worker").asString()).isEmpty();
		assertThat(job.get("expires").asInt()).isZero();
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isNull();
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isNull();
		this.qless.assertError("Heartbeat(): Job jid not currently running: waiting", "heartbeat", 3, "jid", "worker");
	}

	@Test
	void moveKeepsTheFailureAndTheTrackedFlagAndResetsRemaining() {
		this.qless.put(0, "queue", "jid", "retries", 3);
		this.qless.call("track", 0, "track", "jid");
		this.qless.popOne(1, "queue", "worker");
		assertThat(this.qless.call("retry", 2, "jid", "queue", "worker", 0, "grp", "msg")).isEqualTo(2L);
		this.qless.popOne(3, "queue", "worker");
		this.qless.fail(4, "jid", "worker", "grp", "boom");
		this.qless.put(5, "other", "jid");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("failure")).isEqualTo(json("""
				{"group": "grp", "message": "boom", "when": 4, "worker": "worker"}"""));
		assertThat(job.get("tracked").asBoolean()).isTrue();
		assertThat(job.get("remaining").asInt()).isEqualTo(3);
		assertThat(job.get("state").asString()).isEqualTo("waiting");
	}

	@Test
	void moveOfAFailedJobRemovesTheFailedBookkeeping() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		this.qless.fail(0, "jid", "worker", "grp", "boom");
		assertThat(this.qless.list("ql:f:grp")).containsExactly("jid");
		this.qless.put(1, "other", "jid");
		assertThat(this.qless.redis().exists("ql:f:grp")).isZero();
		assertThat(this.qless.redis().sismember("ql:failures", "grp")).isFalse();
		assertThat(this.qless.json("failed", 1)).isEqualTo(json("{}"));
	}

	@Test
	void moveOfACompletedJobTakesItOutOfTheCompletedSet() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		this.qless.complete(0, "jid", "worker", "queue");
		assertThat(this.qless.zscore("ql:completed", "jid")).isEqualTo(0.0);
		this.qless.put(1, "queue", "jid");
		assertThat(this.qless.zscore("ql:completed", "jid")).isNull();
		assertThat(this.qless.call("jobs", 1, "complete")).isEqualTo(List.of());
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
	}

	@Test
	void delayedRePutWithOldDependenciesDependsAndRemembersTheTime() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "c", "depends", "[\"a\"]");
		this.qless.putBy(5, "worker", "queue", "c", 10);
		assertThat(this.qless.state("c")).isEqualTo("depends");
		assertThat(this.qless.zscore("ql:q:queue-depends", "c")).isEqualTo(5.0);
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "c")).isNull();
		assertThat(Double.parseDouble(this.qless.redis().hget("ql:j:c", "scheduled"))).isEqualTo(15.0);
	}

	@Test
	void remainingIsFlooredInTheJobObject() {
		this.qless.put(0, "queue", "jid", "retries", "2.5");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("retries").asDouble()).isEqualTo(2.5);
		assertThat(job.get("remaining")).isEqualTo(json("2"));
	}

	@Test
	void rePutOfAJobRunningInTheSameQueueByTheSameWorker() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		this.qless.putBy(1, "worker", "queue", "jid", 0);
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isNull();
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isNull();
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isEqualTo(0 - 1 / 1e10);
	}

}
