package io.qless.scripts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code peek}. */
class PeekTests extends ScriptTestSupport {

	@Test
	void validation() {
		this.qless.assertError("Peek(): Arg \"count\" missing or not a number: nil", "peek", 0, "queue");
		this.qless.assertError("Peek(): Arg \"count\" missing or not a number: x", "peek", 0, "queue", "x");
		this.qless.assertError("Queue(): no queue name provided", "peek", 0);
	}

	@Test
	void emptyQueueGivesAnEmptyObject() {
		assertThat(this.qless.call("peek", 0, "queue", 10)).isEqualTo("{}");
	}

	@Test
	void returnsTheJobObjectWithoutChangingIt() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.peek(1, "queue", 1)).isEqualTo(json("""
				[{"jid": "jid", "klass": "klass", "state": "waiting", "queue": "queue", "worker": "",
				  "tracked": false, "priority": 0, "expires": 0, "retries": 5, "remaining": 5, "data": "{}",
				  "tags": {}, "history": [{"when": 0, "what": "put", "q": "queue"}], "failure": {},
				  "spawned_from_jid": false, "dependents": {}, "dependencies": {}}]"""));
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isNotNull();
		assertThat(this.qless.redis().exists("ql:workers")).isZero();
	}

	@Test
	void ordersByPriorityThenByPutTime() {
		for (int i = 0; i < 10; i++) {
			this.qless.put(i, "queue", "jid" + i, "priority", i % 3);
		}
		assertThat(QlessScript.jids(this.qless.peek(10, "queue", 10))).containsExactly("jid2", "jid5", "jid8", "jid1",
				"jid4", "jid7", "jid0", "jid3", "jid6", "jid9");
	}

	@Test
	void exactScoreTiesComeOutInReverseJidOrder() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "c");
		this.qless.put(0, "queue", "b");
		assertThat(QlessScript.jids(this.qless.peek(0, "queue", 10))).containsExactly("c", "b", "a");
	}

	@Test
	void countLimitsTheResultAndZeroGivesNothing() {
		for (int i = 0; i < 5; i++) {
			this.qless.put(i, "queue", "jid" + i);
		}
		assertThat(QlessScript.jids(this.qless.peek(5, "queue", 2))).containsExactly("jid0", "jid1");
		assertThat(this.qless.call("peek", 5, "queue", 0)).isEqualTo("{}");
	}

	@Test
	void movedJobIsOnlyVisibleInTheNewQueue() {
		this.qless.put(0, "queue", "jid");
		this.qless.put(1, "other", "jid");
		assertThat(QlessScript.jids(this.qless.peek(2, "queue", 10))).isEmpty();
		assertThat(QlessScript.jids(this.qless.peek(2, "other", 10))).containsExactly("jid");
	}

	@Test
	void spawnsRecurringJobs() {
		this.qless.call("recur", 0, "queue", "r", "klass", "{}", "interval", 10, 0);
		JsonNode peeked = this.qless.peek(99, "queue", 10);
		assertThat(QlessScript.jids(peeked)).containsExactly("r-1", "r-2", "r-3", "r-4", "r-5", "r-6", "r-7", "r-8",
				"r-9", "r-10");
		assertThat(this.qless.redis().exists("ql:j:r-10")).isEqualTo(1L);
	}

	@Test
	void priorityUpdateReorders() {
		this.qless.put(0, "queue", "a");
		this.qless.put(1, "queue", "b");
		assertThat(QlessScript.jids(this.qless.peek(2, "queue", 10))).containsExactly("a", "b");
		this.qless.call("priority", 2, "b", 1);
		assertThat(QlessScript.jids(this.qless.peek(2, "queue", 10))).containsExactly("b", "a");
	}

	@Test
	void promotesDueScheduledJobs() {
		this.qless.putBy(0, "worker", "queue", "jid", 10);
		assertThat(QlessScript.jids(this.qless.peek(9, "queue", 10))).isEmpty();
		assertThat(this.qless.state("jid")).isEqualTo("scheduled");
		JsonNode peeked = this.qless.peek(10, "queue", 10);
		assertThat(QlessScript.jids(peeked)).containsExactly("jid");
		assertThat(peeked.get(0).get("state").asString()).isEqualTo("waiting");
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "jid")).isNull();
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isEqualTo(0 - 10 / 1e10);
	}

	@Test
	void returnsStalledJobsFirstWithoutReclaimingThem() {
		this.qless.put(0, "queue", "a");
		this.qless.put(1, "queue", "b");
		this.qless.popOne(2, "queue", "worker");
		JsonNode peeked = this.qless.peek(100, "queue", 10);
		assertThat(QlessScript.jids(peeked)).containsExactly("a", "b");
		assertThat(peeked.get(0).get("state").asString()).isEqualTo("running");
		assertThat(peeked.get(0).get("worker").asString()).isEqualTo("worker");
		assertThat(this.qless.zscore("ql:q:queue-locks", "a")).isEqualTo(62.0);
		assertThat(this.qless.redis().hexists("ql:j:a", "grace")).isFalse();
		assertThat(QlessScript.jids(this.qless.peek(100, "queue", 1))).containsExactly("a");
	}

}
