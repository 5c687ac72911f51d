package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code length}. */
class LengthTests extends ScriptTestSupport {

	@Test
	void countsLocksWorkAndScheduledButNotDepends() {
		assertThat(this.qless.call("length", 0, "queue")).isEqualTo(0L);
		this.qless.put(0, "queue", "running", "priority", 10);
		this.qless.popOne(0, "queue", "worker");
		this.qless.put(0, "queue", "waiting");
		this.qless.putBy(0, "worker", "queue", "scheduled", 10);
		this.qless.put(0, "queue", "depends", "depends", "[\"waiting\"]");
		assertThat(this.qless.call("length", 1, "queue")).isInstanceOf(Long.class).isEqualTo(3L);
	}

	@Test
	void missingQueue() {
		this.qless.assertError("Queue(): no queue name provided", "length", 0);
	}

}
