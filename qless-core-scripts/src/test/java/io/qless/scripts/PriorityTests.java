package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code priority}. */
class PriorityTests extends ScriptTestSupport {

	@Test
	void validation() {
		this.qless.assertError("Priority(): Arg \"priority\" missing or not a number: nil", "priority", 0, "jid");
		this.qless.assertError("Priority(): Arg \"priority\" missing or not a number: x", "priority", 0, "jid", "x");
		this.qless.assertError("Priority(): Job jid does not exist", "priority", 0, "jid", 5);
	}

	@Test
	void returnsTheNewPriorityAsATruncatedInteger() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.call("priority", 1, "jid", 5)).isInstanceOf(Long.class).isEqualTo(5L);
		assertThat(this.qless.call("priority", 1, "jid", "2.7")).isEqualTo(2L);
		assertThat(this.qless.call("priority", 1, "jid", "-1.5")).isEqualTo(-1L);
		assertThat(this.qless.redis().hget("ql:j:jid", "priority")).satisfies(
				(p) -> assertThat(Double.parseDouble(p)).isEqualTo(-1.5));
	}

	@Test
	void waitingJobIsReinsertedWithATimeComponentOfZero() {
		this.qless.put(5, "queue", "a", "priority", 1);
		this.qless.put(10, "queue", "b");
		this.qless.call("priority", 20, "b", 1);
		assertThat(this.qless.zscore("ql:q:queue-work", "b")).isEqualTo(1.0);
		assertThat(QlessScript.jids(this.qless.peek(20, "queue", 10))).containsExactly("b", "a");
		assertThat(this.qless.job("b").get("priority").asInt()).isEqualTo(1);
	}

	@Test
	void fieldIsWrittenForJobsOutsideTheWorkSet() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		this.qless.call("priority", 1, "jid", 7);
		assertThat(this.qless.job("jid").get("priority").asInt()).isEqualTo(7);
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isNull();
		this.qless.complete(2, "jid", "worker", "queue");
		this.qless.call("priority", 3, "jid", 9);
		assertThat(this.qless.job("jid").get("priority").asInt()).isEqualTo(9);
		assertThat(this.qless.redis().exists("ql:q:-work")).isZero();
	}

	@Test
	void scheduledAndDependentJobsAreNotMovedIntoWork() {
		this.qless.putBy(0, "worker", "queue", "scheduled", 10);
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "depends", "depends", "[\"a\"]");
		this.qless.call("priority", 1, "scheduled", 5);
		this.qless.call("priority", 1, "depends", 5);
		assertThat(this.qless.zscore("ql:q:queue-work", "scheduled")).isNull();
		assertThat(this.qless.zscore("ql:q:queue-work", "depends")).isNull();
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "scheduled")).isEqualTo(10.0);
		assertThat(this.qless.job("scheduled").get("priority").asInt()).isEqualTo(5);
	}

}
