package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code multiget} and {@code get}. */
class MultigetTests extends ScriptTestSupport {

	@Test
	void returnsJobsInArgumentOrderSkippingMissingOnes() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b");
		assertThat(QlessScript.jids(this.qless.json("multiget", 0, "b", "missing", "a"))).containsExactly("b", "a");
		assertThat(this.qless.json("multiget", 0, "a").get(0)).isEqualTo(this.qless.job("a"));
	}

	@Test
	void noJobsIsAnEmptyObject() {
		assertThat(this.qless.call("multiget", 0, "missing")).isEqualTo("{}");
		assertThat(this.qless.call("multiget", 0)).isEqualTo("{}");
	}

	@Test
	void getOfAMissingJobIsNil() {
		assertThat(this.qless.call("get", 0, "missing")).isNull();
	}

	@Test
	void getNeedsTheJidField() {
		this.qless.redis().hset("ql:j:jid", "state", "waiting");
		assertThat(this.qless.call("get", 0, "jid")).isNull();
	}

}
