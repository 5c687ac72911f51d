package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code queue.forget}. */
class QueueForgetTests extends ScriptTestSupport {

	@Test
	void forgetsTheNameButKeepsTheData() {
		this.qless.put(0, "queue", "jid");
		this.qless.put(0, "other", "jid2");
		assertThat(this.qless.call("queue.forget", 1, "queue", "unknown")).isNull();
		assertThat(this.qless.zscore("ql:queues", "queue")).isNull();
		assertThat(this.qless.json("queues", 1).findValues("name")).extracting((n) -> n.asString())
			.containsExactly("other");
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isNotNull();
		assertThat(this.qless.job("jid")).isNotNull();
	}

	@Test
	void aLaterPutRegistersTheQueueAgain() {
		this.qless.put(0, "queue", "jid");
		this.qless.call("queue.forget", 1, "queue");
		this.qless.put(5, "queue", "jid2");
		assertThat(this.qless.zscore("ql:queues", "queue")).isEqualTo(5.0);
	}

}
