package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code pause} and {@code unpause}. */
class PauseTests extends ScriptTestSupport {

	@Test
	void pauseAndUnpauseSeveralQueues() {
		assertThat(this.qless.call("pause", 0, "a", "b")).isNull();
		assertThat(this.qless.redis().smembers("ql:paused_queues")).containsExactlyInAnyOrder("a", "b");
		assertThat(this.qless.call("unpause", 0, "a", "b")).isNull();
		assertThat(this.qless.redis().exists("ql:paused_queues")).isZero();
	}

	@Test
	void noNamesIsARedisError() {
		assertThat(this.qless.error("pause", 0)).isNotEmpty();
		assertThat(this.qless.error("unpause", 0)).isNotEmpty();
	}

	@Test
	void pausedQueueStillAcceptsWorkAndRunningJobsAreUnaffected() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		this.qless.call("pause", 0, "queue");
		this.qless.put(1, "queue", "other");
		assertThat(this.qless.call("heartbeat", 2, "jid", "worker")).isEqualTo(62L);
		assertThat(this.qless.complete(3, "jid", "worker", "queue")).isEqualTo("complete");
		assertThat(QlessScript.jids(this.qless.peek(4, "queue", 10))).containsExactly("other");
	}

}
