package io.qless.scripts.reqless;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code queue.put/pop/peek/counts/...}, {@code queues.*} and the job listings. */
class ReqlessQueueTests extends ReqlessTestSupport {

	@Test
	void putStoresTheQueueThrottleAndAQueueKeyedHistory() {
		assertThat(this.reqless.call("queue.put", 0, "worker", "queue", "jid", "klass", "{\"foo\": \"bar\"}", 0))
			.isEqualTo("jid");
		assertThat(this.reqless.job("jid")).isEqualTo(json("""
				{"jid":"jid","klass":"klass","state":"waiting","queue":"queue","worker":"","tracked":false,
				 "priority":0,"expires":0,"retries":5,"remaining":5,"data":"{\\"foo\\": \\"bar\\"}","tags":{},
				 "throttles":["ql:q:queue"],"history":[{"when":0,"what":"put","queue":"queue"}],"failure":{},
				 "spawned_from_jid":false,"dependents":{},"dependencies":{}}"""));
	}

	@Test
	void putValidation() {
		assertThat(this.reqless.error("queue.put", 0)).contains("Queue(): no queue name provided");
		assertThat(this.reqless.error("queue.put", 0, "w", "q")).contains("Put(): Arg \"jid\" missing");
		assertThat(this.reqless.error("queue.put", 0, "w", "q", "j")).contains("Put(): Arg \"klass\" missing");
		assertThat(this.reqless.error("queue.put", 0, "w", "q", "j", "k", "{", 0)).isNotEmpty();
		assertThat(this.reqless.error("queue.put", 0, "w", "q", "j", "k", "{}", "x"))
			.contains("Put(): Arg \"delay\" not a number: x");
		assertThat(this.reqless.error("queue.put", 0, "w", "q", "j", "k", "{}", 0, "retries"))
			.contains("Odd number of additional args");
		assertThat(this.reqless.error("queue.put", 0, "w", "q", "j", "k", "{}", 0, "throttles", "false"))
			.contains("Put(): Arg \"throttles\" not JSON array: false");
		assertThat(this.reqless.error("queue.put", 0, "w", "q", "j", "k", "{}", 0, "priority", ""))
			.contains("Put(): Arg \"priority\" not a number");
	}

	@Test
	void moveStripsTheOldQueueThrottleAndDoesNotInheritThrottles() {
		this.reqless.put(0, "queue", "jid", "throttles", "[\"tid\"]");
		this.reqless.put(1, "other", "jid", "throttles", "[\"ql:q:queue\"]");
		JsonNode job = this.reqless.job("jid");
		assertThat(ReqlessScript.strings(job.get("throttles"))).containsExactly("ql:q:other");
		assertThat(job.get("history").size()).isEqualTo(2);
		this.reqless.put(2, "other", "jid");
		assertThat(ReqlessScript.strings(this.reqless.job("jid").get("throttles"))).containsExactly("ql:q:other");
	}

	@Test
	void newJobGivenItsQueueThrottleCarriesItTwice() {
		this.reqless.put(0, "q", "jid", "throttles", "[\"ql:q:q\"]");
		assertThat(ReqlessScript.strings(this.reqless.job("jid").get("throttles"))).containsExactly("ql:q:q", "ql:q:q");
	}

	@Test
	void popShapeAndEmptyReplies() {
		assertThat(this.reqless.call("queue.pop", 0, "q", "w", 10)).isEqualTo("[]");
		this.reqless.put(0, "q", "jid");
		JsonNode job = this.reqless.pop(0, "q", "w", 10).get(0);
		assertThat(job.get("expires").asLong()).isEqualTo(60);
		assertThat(job.get("state").asString()).isEqualTo("running");
		assertThat(job.get("worker").asString()).isEqualTo("w");
		assertThat(job.size()).isEqualTo(18);
		assertThat(this.reqless.error("queue.pop", 0, "q")).contains("Pop(): Arg \"worker\" missing");
		assertThat(this.reqless.error("queue.pop", 0, "q", "w", "x"))
			.contains("Pop(): Arg \"limit\" missing or not a number: x");
		assertThat(this.reqless.error("queue.pop", 0, "q", "w", "1.5")).isNotEmpty();
	}

	/** As in qless: a pop that leaves 16 leases or more in a lease set makes it a skip list. */
	@Test
	void aBatchPopLeavesTheLeaseSetsSkipListsHoldingOnlyTheLeases() {
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			jids.add("jid-" + i);
			this.reqless.put(0, "q", "jid-" + i);
		}
		assertThat(this.reqless.popJids(0, "q", "w", 16)).containsExactlyInAnyOrderElementsOf(jids);
		assertThat(this.reqless.redis().objectEncoding("ql:q:q-locks")).isEqualTo("skiplist");
		assertThat(this.reqless.redis().objectEncoding("ql:w:w:jobs")).isEqualTo("skiplist");
		assertThat(this.reqless.redis().zrange("ql:q:q-locks", 0, -1)).containsExactlyInAnyOrderElementsOf(jids);
		assertThat(this.reqless.redis().zrange("ql:w:w:jobs", 0, -1)).containsExactlyInAnyOrderElementsOf(jids);
		for (String jid : jids) {
			assertThat(this.reqless.complete(1, jid, "w", "q")).isEqualTo("complete");
		}
		assertThat(this.reqless.redis().exists("ql:q:q-locks", "ql:w:w:jobs")).isZero();
	}

	/** As in qless: from the 16th worker on, {@code ql:workers} is a skip list. */
	@Test
	void sixteenWorkersMakeTheWorkerSetASkipList() {
		for (int i = 0; i < 16; i++) {
			assertThat(this.reqless.call("queue.pop", i, "q", "w" + i, 1)).isEqualTo("[]");
			assertThat(this.reqless.redis().objectEncoding("ql:workers")).isEqualTo((i < 15) ? "listpack" : "skiplist");
		}
		assertThat(this.reqless.redis().zrange("ql:workers", 0, -1)).hasSize(16)
			.allSatisfy((name) -> assertThat(name).matches("w\\d+"));
	}

	@Test
	void popOrderByPriorityThenTime() {
		this.reqless.put(0, "q", "a");
		this.reqless.put(1, "q", "b", "priority", 10);
		this.reqless.put(2, "q", "c");
		assertThat(this.reqless.popJids(3, "q", "w", 10)).containsExactly("b", "a", "c");
	}

	@Test
	void pausedQueuePopsNothingAndDoesNotRegisterTheWorker() {
		this.reqless.put(0, "q", "jid");
		assertThat(this.reqless.call("queue.pause", 0, "q")).isNull();
		assertThat(this.reqless.call("queue.pop", 0, "q", "w", 1)).isEqualTo("[]");
		assertThat(this.reqless.call("workers.counts", 0)).isEqualTo("[]");
		assertThat(this.reqless.json("queue.counts", 0, "q").get("paused").asBoolean()).isTrue();
		this.reqless.call("queue.unpause", 0, "q");
		assertThat(this.reqless.popJids(0, "q", "w", 1)).containsExactly("jid");
	}

	@Test
	void peekValidationAndEmpty() {
		assertThat(this.reqless.error("queue.peek", 0, "q", 1))
			.contains("Peek(): Arg \"limit\" missing or not a number: nil");
		assertThat(this.reqless.error("queue.peek", 0, "q", "x", 1))
			.contains("Peek(): Arg \"offset\" missing or not a number: x");
		assertThat(this.reqless.call("queue.peek", 0, "q", 0, 5)).isEqualTo("[]");
		this.reqless.put(0, "q", "jid");
		assertThat(this.reqless.call("queue.peek", 0, "q", 0, 0)).isEqualTo("[]");
	}

	@Test
	void peekWindowsLineUpAcrossStalledAndWaitingJobs() {
		this.reqless.call("config.set", 0, "heartbeat", 10);
		for (int i = 0; i < 10; i++) {
			this.reqless.put(i, "q", "stalled-" + i);
		}
		List<String> stalled = this.reqless.popJids(10, "q", "w", 10);
		for (int i = 0; i < 10; i++) {
			this.reqless.put(20 + i, "q", "waiting-" + i);
		}
		// at t=100 every lock has expired: stalled jobs first (by expiry), then the work queue
		List<String> all = ReqlessScript.jids(this.reqless.json("queue.peek", 100, "q", 0, 20));
		assertThat(all).hasSize(20);
		assertThat(all.subList(0, 10)).containsExactlyInAnyOrderElementsOf(stalled);
		List<String> oneByOne = new ArrayList<>();
		for (int offset = 0; offset < 20; offset++) {
			oneByOne.addAll(ReqlessScript.jids(this.reqless.json("queue.peek", 100, "q", offset, 1)));
		}
		assertThat(oneByOne).isEqualTo(all);
		assertThat(ReqlessScript.jids(this.reqless.json("queue.peek", 100, "q", 5, 10)))
			.isEqualTo(all.subList(5, 15));
		assertThat(ReqlessScript.jids(this.reqless.json("queue.peek", 100, "q", 15, 10)))
			.isEqualTo(all.subList(15, 20));
	}

	@Test
	void countsIncludeThrottledAndListingsHaveBothForms() {
		assertThat(this.reqless.call("queues.counts", 0)).isEqualTo("[]");
		assertThat(this.reqless.call("queue.counts", 0)).isEqualTo("{}");
		assertThat(this.reqless.call("queues.names", 0)).isEqualTo("[]");
		this.reqless.call("queue.throttle.set", 0, "q", 1);
		this.reqless.put(0, "q", "a");
		this.reqless.put(0, "q", "b");
		this.reqless.popJids(0, "q", "w", 2);
		assertThat(this.reqless.json("queue.counts", 0, "q")).isEqualTo(json("""
				{"name":"q","paused":false,"waiting":0,"stalled":0,"running":1,"throttled":1,
				 "scheduled":0,"depends":0,"recurring":0}"""));
		assertThat(this.reqless.json("queues.counts", 0)).isEqualTo(json("[" + this.reqless.call("queue.counts", 0, "q") + "]"));
		assertThat(this.reqless.json("queue.counts", 0)).isEqualTo(this.reqless.json("queues.counts", 0));
	}

	@Test
	void queueNamesInFirstSeenOrderTiesByName() {
		for (String q : new String[] { "j", "c", "a", "h" }) {
			this.reqless.put(0, q, "jid");
		}
		this.reqless.put(1, "b", "jid");
		assertThat(this.reqless.strings("queues.names", 2)).containsExactly("a", "c", "h", "j", "b");
	}

	@Test
	void jobsByStateAndCompletedAreJsonText() {
		assertThat(this.reqless.call("jobs.completed", 0)).isEqualTo("[]");
		assertThat(this.reqless.call("queue.jobsByState", 0, "running", "q")).isEqualTo("[]");
		this.reqless.put(0, "q", "a");
		this.reqless.put(0, "q", "b");
		this.reqless.putDelayed(0, "q", "s", 10);
		this.reqless.popJids(0, "q", "w", 2);
		assertThat(this.reqless.strings("queue.jobsByState", 1, "running", "q")).containsExactlyInAnyOrder("a", "b");
		assertThat(this.reqless.strings("queue.jobsByState", 1, "scheduled", "q")).containsExactly("s");
		this.reqless.complete(2, "a", "w", "q");
		this.reqless.complete(3, "b", "w", "q");
		assertThat(this.reqless.strings("jobs.completed", 4)).containsExactly("b", "a");
		assertThat(this.reqless.strings("queue.jobsByState", 4, "complete")).containsExactly("b", "a");
		assertThat(this.reqless.strings("jobs.completed", 4, 0, 0)).containsExactly("b", "a");
		assertThat(this.reqless.call("jobs.completed", 4, 1, 0)).isEqualTo("[]");
		assertThat(this.reqless.strings("jobs.completed", 4, 0, -1)).containsExactly("b");
	}

	@Test
	void jobsByStateValidation() {
		assertThat(this.reqless.error("queue.jobsByState", 0)).contains("Jobs(): Arg \"state\" missing");
		assertThat(this.reqless.error("queue.jobsByState", 0, "running")).contains("Jobs(): Arg \"queue\" missing");
		assertThat(this.reqless.error("queue.jobsByState", 0, "running", "q", "x"))
			.contains("Jobs(): Arg \"offset\" not a number: x");
		assertThat(this.reqless.error("queue.jobsByState", 0, "running", "q", 0, "x"))
			.contains("Jobs(): Arg \"limit\" not a number: x");
		assertThat(this.reqless.error("queue.jobsByState", 0, "foo", "q", 0, "x"))
			.contains("Jobs(): Arg \"limit\" not a number: x");
		assertThat(this.reqless.error("queue.jobsByState", 0, "foo", "q")).contains("Jobs(): Unknown type \"foo\"");
		assertThat(this.reqless.error("jobs.completed", 0, "x")).contains("Jobs(): Arg \"offset\" not a number: x");
	}

	@Test
	void lengthExcludesDependsAndThrottled() {
		this.reqless.call("queue.throttle.set", 0, "q", 1);
		this.reqless.put(0, "q", "a");
		this.reqless.popJids(0, "q", "w", 1);
		this.reqless.put(0, "q", "b");
		this.reqless.putDelayed(0, "q", "s", 10);
		this.reqless.put(0, "q", "d", "depends", "[\"s\"]");
		assertThat(this.reqless.state("b")).isEqualTo("throttled");
		assertThat(this.reqless.call("queue.length", 0, "q")).isEqualTo(2L);
		assertThat(this.reqless.strings("queue.jobsByState", 0, "throttled", "q")).containsExactly("b");
	}

	@Test
	void unfailMovesFailedJobsWithQueueKeyedHistory() {
		for (String jid : new String[] { "a", "b", "c" }) {
			this.reqless.put(0, "q", jid);
		}
		this.reqless.popJids(0, "q", "w", 3);
		for (String jid : new String[] { "a", "b", "c" }) {
			this.reqless.call("job.fail", 1, jid, "w", "group", "message");
		}
		assertThat(this.reqless.error("queue.unfail", 2)).contains("queue.unfail(): Arg \"queue\" missing");
		assertThat(this.reqless.error("queue.unfail", 2, "q")).contains("Unfail(): Arg \"group\" missing");
		assertThat(this.reqless.error("queue.unfail", 2, "q", "group", "x"))
			.contains("Unfail(): Arg \"count\" not a number: x");
		assertThat(this.reqless.error("queue.unfail", 2, "q", "group", 0))
			.contains("Unfail(): Arg \"count\" must be greater than zero");
		assertThat(this.reqless.call("queue.unfail", 2, "other", "group", 2)).isEqualTo(2L);
		assertThat(this.reqless.json("failureGroups.counts", 2)).isEqualTo(json("{\"group\": 1}"));
		JsonNode moved = this.reqless.job("a");
		assertThat(moved.get("queue").asString()).isEqualTo("other");
		assertThat(moved.get("state").asString()).isEqualTo("waiting");
		JsonNode last = moved.get("history").get(moved.get("history").size() - 1);
		assertThat(last).isEqualTo(json("{\"when\": 2, \"what\": \"put\", \"queue\": \"other\"}"));
	}

	@Test
	void failedListingsAndTags() {
		assertThat(this.reqless.call("failureGroups.counts", 0)).isEqualTo("{}");
		this.reqless.put(0, "q", "a", "tags", "[\"t\"]");
		this.reqless.put(0, "q", "b", "tags", "[\"t\"]");
		this.reqless.popJids(0, "q", "w", 2);
		this.reqless.call("job.fail", 1, "a", "w", "g", "m");
		this.reqless.call("job.fail", 2, "b", "w", "g", "m");
		assertThat(this.reqless.json("jobs.failedByGroup", 3, "g")).isEqualTo(json("{\"total\": 2, \"jobs\": [\"b\", \"a\"]}"));
		assertThat(this.reqless.json("jobs.failedByGroup", 3)).isEqualTo(json("{\"g\": 2}"));
		assertThat(this.reqless.error("jobs.failedByGroup", 3, "g", "x"))
			.contains("Failed(): Arg \"start\" is not a number: x");
		assertThat(this.reqless.json("jobs.tagged", 3, "t")).isEqualTo(json("{\"total\": 2, \"jobs\": [\"a\", \"b\"]}"));
		assertThat(this.reqless.json("jobs.tagged", 3, "none")).isEqualTo(json("{\"total\": 0, \"jobs\": {}}"));
		assertThat(this.reqless.strings("tags.top", 3)).containsExactly("t");
		assertThat(this.reqless.call("tags.top", 3, 0, 0)).isEqualTo("[]");
		assertThat(this.reqless.error("jobs.tagged", 3, "t", 0, "x")).contains("Tag(): Arg \"limit\" not a number: x");
	}

	@Test
	void statsAreQlessStats() {
		this.reqless.put(0, "q", "a");
		this.reqless.popJids(10, "q", "w", 1);
		JsonNode stats = this.reqless.json("queue.stats", 10, "q", 10);
		assertThat(stats.get("wait").get("count").asInt()).isEqualTo(1);
		assertThat(stats.get("wait").get("mean").asInt()).isEqualTo(10);
		assertThat(this.reqless.error("queue.stats", 0, "q", "x"))
			.contains("Stats(): Arg \"date\" missing or not a number: x");
	}

	@Test
	void forgetRemovesTheQueueName() {
		this.reqless.put(0, "q", "a");
		assertThat(this.reqless.call("queue.forget", 0, "q")).isNull();
		assertThat(this.reqless.call("queues.names", 0)).isEqualTo("[]");
		assertThat(this.reqless.error("queue.forget", 0)).contains("Wrong number of args");
	}

}
