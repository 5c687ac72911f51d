package io.qless.scripts.reqless;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code config.*} in the reqless dialect. */
class ReqlessConfigTests extends ReqlessTestSupport {

	@Test
	void getAllIsEightStringDefaults() {
		assertThat(this.reqless.json("config.getAll", 0)).isEqualTo(json("""
				{"application":"reqless","grace-period":"10","heartbeat":"60","jobs-history":"604800",
				 "jobs-history-count":"50000","max-job-history":"100","max-pop-retry":"1","max-worker-age":"86400"}"""));
	}

	@Test
	void getReturnsStrings() {
		assertThat(this.reqless.call("config.get", 0, "heartbeat")).isEqualTo("60");
		assertThat(this.reqless.call("config.get", 0, "application")).isEqualTo("reqless");
		assertThat(this.reqless.call("config.get", 0, "max-worker-age")).isEqualTo("86400");
		assertThat(this.reqless.call("config.get", 0, "stats-history")).isNull();
		assertThat(this.reqless.error("config.get", 0)).contains("config.get(): Argument 'key' missing");
	}

	@Test
	void setOverridesAndUnsetRestores() {
		assertThat(this.reqless.call("config.set", 0, "heartbeat", 30)).isNull();
		assertThat(this.reqless.call("config.get", 0, "heartbeat")).isEqualTo("30");
		assertThat(this.reqless.json("config.getAll", 0).get("heartbeat").asString()).isEqualTo("30");
		this.reqless.call("config.set", 0, "foo", "bar");
		assertThat(this.reqless.json("config.getAll", 0).get("foo").asString()).isEqualTo("bar");
		assertThat(this.reqless.call("config.unset", 0, "heartbeat")).isNull();
		assertThat(this.reqless.call("config.get", 0, "heartbeat")).isEqualTo("60");
		this.reqless.call("config.unset", 0, "foo");
		assertThat(this.reqless.call("config.get", 0, "foo")).isNull();
		assertThat(this.reqless.error("config.set", 0)).contains("config.set(): Arg \"option\" missing");
		assertThat(this.reqless.error("config.set", 0, "a")).contains("config.set(): Arg \"value\" missing");
		assertThat(this.reqless.error("config.unset", 0)).contains("config.unset(): Arg \"option\" missing");
	}

	@Test
	void heartbeatOverrideAppliesToPop() {
		this.reqless.call("config.set", 0, "q-heartbeat", 7);
		this.reqless.put(0, "q", "jid");
		assertThat(this.reqless.pop(0, "q", "w", 1).get(0).get("expires").asLong()).isEqualTo(7);
	}

}
