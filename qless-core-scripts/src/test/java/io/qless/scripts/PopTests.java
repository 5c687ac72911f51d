package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** {@code pop}, pausing and max-concurrency. */
class PopTests extends ScriptTestSupport {

	@Test
	void validation() {
		this.qless.assertError("Pop(): Arg \"worker\" missing", "pop", 0, "queue");
		this.qless.assertError("Pop(): Arg \"count\" missing or not a number: nil", "pop", 0, "queue", "worker");
		this.qless.assertError("Pop(): Arg \"count\" missing or not a number: x", "pop", 0, "queue", "worker", "x");
		this.qless.assertError("Queue(): no queue name provided", "pop", 0);
	}

	@Test
	void returnsTheRunningJob() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.pop(10, "queue", "worker", 1)).isEqualTo(json("""
				[{"jid": "jid", "klass": "klass", "state": "running", "queue": "queue", "worker": "worker",
				  "tracked": false, "priority": 0, "expires": 70, "retries": 5, "remaining": 5, "data": "{}",
				  "tags": {}, "history": [{"when": 0, "what": "put", "q": "queue"},
				                          {"when": 10, "what": "popped", "worker": "worker"}],
				  "failure": {}, "spawned_from_jid": false, "dependents": {}, "dependencies": {}}]"""));
	}

	@Test
	void writesTheLockKeys() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(10, "queue", "worker");
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isNull();
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(70.0);
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isEqualTo(70.0);
		assertThat(this.qless.zscore("ql:workers", "worker")).isEqualTo(10.0);
		assertThat(this.qless.hash("ql:j:jid")).contains(entry("state", "running"), entry("worker", "worker"),
				entry("expires", "70"));
		assertThat(Double.parseDouble(this.qless.hash("ql:j:jid").get("time"))).isEqualTo(10.0);
	}

	/**
	 * A pop that leaves 16 leases or more in a lease set makes it a skip list (see
	 * SkipLists.add_leases): the sets hold the leased jobs and nothing else, scored as
	 * before.
	 */
	@Test
	void aBatchPopLeavesTheLeaseSetsSkipListsHoldingOnlyTheLeases() {
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			jids.add("jid-" + i);
			this.qless.put(0, "queue", "jid-" + i);
		}
		// one job at a time, as other clients pop, leaves the sets as Redis made them
		this.qless.popOne(10, "queue", "worker");
		assertThat(this.qless.redis().objectEncoding("ql:q:queue-locks")).isEqualTo("listpack");
		assertThat(this.qless.redis().objectEncoding("ql:w:worker:jobs")).isEqualTo("listpack");
		assertThat(QlessScript.jids(this.qless.pop(10, "queue", "worker", 14))).hasSize(14);
		assertThat(this.qless.redis().objectEncoding("ql:q:queue-locks")).isEqualTo("listpack");
		// 15 leases and 2 more: 17
		assertThat(QlessScript.jids(this.qless.pop(10, "queue", "other", 2))).hasSize(2);
		assertThat(this.qless.redis().objectEncoding("ql:q:queue-locks")).isEqualTo("skiplist");
		assertThat(this.qless.redis().objectEncoding("ql:w:other:jobs")).isEqualTo("listpack");
		assertThat(this.qless.redis().zrange("ql:q:queue-locks", 0, -1)).hasSize(17)
			.allSatisfy((jid) -> assertThat(jid).startsWith("jid-"));
		assertThat(this.qless.redis().zrangeWithScores("ql:q:queue-locks", 0, -1))
			.allSatisfy((lease) -> assertThat(lease.getScore()).isEqualTo(70.0));
		assertThat(QlessScript.jids(this.qless.pop(11, "queue", "worker", 3))).hasSize(3);
		assertThat(this.qless.redis().objectEncoding("ql:w:worker:jobs")).isEqualTo("skiplist");
		assertThat(this.qless.redis().zrange("ql:w:worker:jobs", 0, -1)).hasSize(18)
			.allSatisfy((jid) -> assertThat(jid).startsWith("jid-"));
		assertThat(this.qless.redis().zrange("ql:q:queue-locks", 0, -1)).containsExactlyInAnyOrderElementsOf(jids);
		for (String jid : jids) {
			String worker = this.qless.hash("ql:j:" + jid).get("worker");
			assertThat(this.qless.complete(12, jid, worker, "queue")).isEqualTo("complete");
		}
		assertThat(this.qless.redis().exists("ql:q:queue-locks", "ql:w:worker:jobs", "ql:w:other:jobs"))
			.isZero();
	}

	@Test
	void emptyQueueGivesAnEmptyObjectAndRegistersTheWorker() {
		assertThat(this.qless.call("pop", 3, "queue", "worker", 10)).isEqualTo("{}");
		assertThat(this.qless.zscore("ql:workers", "worker")).isEqualTo(3.0);
	}

	@Test
	void pausedQueueGivesNothingAndDoesNotRegisterTheWorker() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.call("pause", 0, "queue")).isNull();
		assertThat(this.qless.redis().sismember("ql:paused_queues", "queue")).isTrue();
		assertThat(this.qless.call("pop", 1, "queue", "worker", 10)).isEqualTo("{}");
		assertThat(this.qless.zscore("ql:workers", "worker")).isNull();
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
		assertThat(QlessScript.jids(this.qless.peek(1, "queue", 10))).containsExactly("jid");
		assertThat(this.qless.call("unpause", 2, "queue")).isNull();
		assertThat(QlessScript.jids(this.qless.pop(2, "queue", "worker", 10))).containsExactly("jid");
	}

	@Test
	void popsInBatches() {
		for (int i = 0; i < 20; i++) {
			this.qless.put(i, "queue", "jid" + i);
		}
		assertThat(this.qless.pop(20, "queue", "worker", 10).size()).isEqualTo(10);
		assertThat(this.qless.pop(20, "queue", "worker", 5).size()).isEqualTo(5);
		assertThat(this.qless.pop(20, "queue", "worker", 10).size()).isEqualTo(5);
		assertThat(this.qless.call("pop", 20, "queue", "worker", 10)).isEqualTo("{}");
	}

	@Test
	void popsByPriorityThenByTime() {
		for (int i = 0; i < 10; i++) {
			this.qless.put(i, "queue", "jid" + i, "priority", i % 2);
		}
		List<String> popped = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			popped.add(this.qless.popOne(20, "queue", "worker").get("jid").asString());
		}
		assertThat(popped).containsExactly("jid1", "jid3", "jid5", "jid7", "jid9", "jid0", "jid2", "jid4", "jid6",
				"jid8");
	}

	@Test
	void movedJobIsPoppedFromTheNewQueueOnly() {
		this.qless.put(0, "queue", "jid");
		this.qless.put(1, "other", "jid");
		assertThat(this.qless.call("pop", 2, "queue", "worker", 10)).isEqualTo("{}");
		assertThat(QlessScript.jids(this.qless.pop(2, "other", "worker", 10))).containsExactly("jid");
	}

	@Test
	void lockLengthComesFromTheQueueHeartbeatThenTheGlobalOne() {
		this.qless.config("heartbeat", 30);
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "other", "b");
		this.qless.config("other-heartbeat", 7);
		assertThat(this.qless.popOne(10, "queue", "worker").get("expires").asInt()).isEqualTo(40);
		assertThat(this.qless.popOne(10, "other", "worker").get("expires").asInt()).isEqualTo(17);
	}

	@Test
	void maxConcurrencyLimitsRunningJobs() {
		this.qless.config("queue-max-concurrency", 5);
		for (int i = 0; i < 10; i++) {
			this.qless.put(i, "queue", "jid" + i);
		}
		JsonNode popped = this.qless.pop(10, "queue", "worker", 10);
		assertThat(popped.size()).isEqualTo(5);
		assertThat(this.qless.call("pop", 10, "queue", "worker", 10)).isEqualTo("{}");
		for (int i = 0; i < 5; i++) {
			this.qless.complete(11, QlessScript.jids(popped).get(i), "worker", "queue");
			assertThat(this.qless.pop(11, "queue", "worker", 10).size()).isEqualTo(1);
		}
	}

	@Test
	void loweringMaxConcurrencyBlocksPopsUntilJobsFinish() {
		this.qless.config("queue-max-concurrency", 5);
		for (int i = 0; i < 10; i++) {
			this.qless.put(i, "queue", "jid" + i);
		}
		List<String> running = QlessScript.jids(this.qless.pop(10, "queue", "worker", 10));
		this.qless.config("queue-max-concurrency", 2);
		for (int i = 0; i < 3; i++) {
			this.qless.complete(11, running.get(i), "worker", "queue");
			assertThat(this.qless.call("pop", 11, "queue", "worker", 10)).isEqualTo("{}");
		}
		this.qless.complete(11, running.get(3), "worker", "queue");
		assertThat(this.qless.pop(11, "queue", "worker", 10).size()).isEqualTo(1);
	}

	@Test
	void stalledJobCanBeReclaimedUnderConcurrencyOne() {
		this.qless.config("queue-max-concurrency", 1);
		this.qless.config("grace-period", 0);
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		JsonNode job = this.qless.popOne(61, "queue", "other");
		assertThat(job.get("jid").asString()).isEqualTo("jid");
		assertThat(job.get("remaining").asInt()).isEqualTo(4);
		assertThat(job.get("worker").asString()).isEqualTo("other");
	}

	@Test
	void failFreesAConcurrencySlot() {
		this.qless.config("queue-max-concurrency", 1);
		this.qless.put(0, "queue", "a");
		this.qless.put(1, "queue", "b");
		this.qless.popOne(2, "queue", "worker");
		assertThat(this.qless.call("pop", 2, "queue", "worker", 10)).isEqualTo("{}");
		this.qless.fail(3, "a", "worker", "grp", "msg");
		assertThat(QlessScript.jids(this.qless.pop(3, "queue", "worker", 10))).containsExactly("b");
	}

	@Test
	void popRecordsTheWaitTimeAndResetsTime() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(7, "queue", "worker");
		assertThat(this.qless.hash("ql:s:wait:0:queue")).contains(entry("total", "1"), entry("s7", "1"));
	}

	@Test
	void popDoesNotClearAFailure() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		this.qless.fail(1, "jid", "worker", "grp", "msg");
		this.qless.put(2, "queue", "jid");
		JsonNode job = this.qless.popOne(3, "queue", "worker");
		assertThat(job.get("failure")).isEqualTo(json("""
				{"group": "grp", "message": "msg", "when": 1, "worker": "worker"}"""));
	}

	@Test
	void fractionalNowIsEncodedWithFourteenSignificantDigits() {
		this.qless.put(0, "queue", "jid");
		Object reply = this.qless.callAt("pop", "1700000000.123456", "queue", "worker", 1);
		assertThat((String) reply).contains("\"expires\":1700000060.1235");
		JsonNode job = QlessScript.parseReply(reply).get(0);
		assertThat(job.get("history").get(1).get("when")).isEqualTo(json("1700000000"));
		assertThat(this.qless.hash("ql:j:jid").get("expires")).isEqualTo("1700000060.123456");
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(1700000061.0);
	}

	@Test
	void peekAndPopDoNotReturnMoreStalledJobsThanAskedFor() {
		this.qless.config("grace-period", 0);
		for (int i = 0; i < 3; i++) {
			this.qless.put(i, "queue", "jid" + i);
			this.qless.popOne(i, "queue", "worker");
		}
		this.qless.put(3, "queue", "fresh");
		assertThat(QlessScript.jids(this.qless.peek(100, "queue", 2))).containsExactly("jid0", "jid1");
		assertThat(QlessScript.jids(this.qless.pop(100, "queue", "other", 2))).containsExactly("jid0", "jid1");
		assertThat(this.qless.state("jid2")).isEqualTo("running");
		assertThat(this.qless.job("jid2").get("worker").asString()).isEqualTo("worker");
	}

	@Test
	void popWithCountZeroReturnsNothingButRegistersTheWorker() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.call("pop", 1, "queue", "worker", 0)).isEqualTo("{}");
		assertThat(this.qless.zscore("ql:workers", "worker")).isEqualTo(1.0);
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
	}

	@Test
	void popBlockedByMaxConcurrencyStillRegistersTheWorker() {
		this.qless.config("queue-max-concurrency", 1);
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b");
		this.qless.popOne(0, "queue", "worker");
		assertThat(this.qless.call("pop", 5, "queue", "other", 1)).isEqualTo("{}");
		assertThat(this.qless.zscore("ql:workers", "other")).isEqualTo(5.0);
	}

}
