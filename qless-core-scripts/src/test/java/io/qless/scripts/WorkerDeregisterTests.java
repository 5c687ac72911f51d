package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code worker.deregister}. */
class WorkerDeregisterTests extends ScriptTestSupport {

	@Test
	void removesTheNamesAndLeavesTheJobSet() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "a");
		this.qless.call("pop", 0, "queue", "b", 1);
		this.qless.call("pop", 0, "queue", "c", 1);
		assertThat(this.qless.call("worker.deregister", 1, "a", "b")).isNull();
		assertThat(this.qless.redis().zrange("ql:workers", 0, -1)).containsExactly("c");
		assertThat(this.qless.zscore("ql:w:a:jobs", "jid")).isEqualTo(60.0);
	}

	@Test
	void noNamesIsARedisError() {
		assertThat(this.qless.error("worker.deregister", 0)).isNotEmpty();
	}

}
