package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code config.get}, {@code config.set}, {@code config.unset}. */
class ConfigTests extends ScriptTestSupport {

	@Test
	void getAllReturnsExactlyTheSevenDefaultsAsNumbers() {
		assertThat(this.qless.json("config.get", 0)).isEqualTo(json("""
				{"application": "qless", "heartbeat": 60, "grace-period": 10, "stats-history": 30,
				 "histogram-history": 7, "jobs-history-count": 50000, "jobs-history": 604800}"""));
	}

	@Test
	void eachDefaultCanBeFetchedOnItsOwn() {
		assertThat(this.qless.call("config.get", 0, "application")).isEqualTo("qless");
		assertThat(this.qless.call("config.get", 0, "heartbeat")).isEqualTo(60L);
		assertThat(this.qless.call("config.get", 0, "grace-period")).isEqualTo(10L);
		assertThat(this.qless.call("config.get", 0, "stats-history")).isEqualTo(30L);
		assertThat(this.qless.call("config.get", 0, "histogram-history")).isEqualTo(7L);
		assertThat(this.qless.call("config.get", 0, "jobs-history-count")).isEqualTo(50000L);
		assertThat(this.qless.call("config.get", 0, "jobs-history")).isEqualTo(604800L);
	}

	@Test
	void useSiteDefaultsAndUnknownKeysAreNil() {
		assertThat(this.qless.call("config.get", 0, "max-worker-age")).isNull();
		assertThat(this.qless.call("config.get", 0, "max-job-history")).isNull();
		assertThat(this.qless.call("config.get", 0, "queue-heartbeat")).isNull();
		assertThat(this.qless.call("config.get", 0, "foo")).isNull();
	}

	@Test
	void setThenGetReturnsTheStoredString() {
		assertThat(this.qless.call("config.set", 0, "heartbeat", 100)).isNull();
		assertThat(this.qless.call("config.get", 0, "heartbeat")).isEqualTo("100");
		assertThat(this.qless.redis().hget("ql:config", "heartbeat")).isEqualTo("100");
		this.qless.config("foo", "bar");
		assertThat(this.qless.call("config.get", 0, "foo")).isEqualTo("bar");
	}

	@Test
	void getAllOverlaysStoredValuesAsStrings() {
		this.qless.config("heartbeat", 100);
		this.qless.config("foo", "bar");
		assertThat(this.qless.json("config.get", 0)).isEqualTo(json("""
				{"application": "qless", "heartbeat": "100", "grace-period": 10, "stats-history": 30,
				 "histogram-history": 7, "jobs-history-count": 50000, "jobs-history": 604800, "foo": "bar"}"""));
	}

	@Test
	void unsetRestoresTheDefault() {
		this.qless.config("heartbeat", 100);
		assertThat(this.qless.call("config.unset", 0, "heartbeat")).isNull();
		assertThat(this.qless.call("config.get", 0, "heartbeat")).isEqualTo(60L);
		assertThat(this.qless.redis().hexists("ql:config", "heartbeat")).isFalse();
	}

	@Test
	void unsetOfACustomKeyLeavesNothing() {
		this.qless.config("foo", "bar");
		this.qless.call("config.unset", 0, "foo");
		assertThat(this.qless.call("config.get", 0, "foo")).isNull();
	}

	@Test
	void setValidation() {
		this.qless.assertError("config.set(): Arg \"option\" missing", "config.set", 0);
		this.qless.assertError("config.set(): Arg \"value\" missing", "config.set", 0, "foo");
	}

	@Test
	void unsetValidation() {
		this.qless.assertError("config.unset(): Arg \"option\" missing", "config.unset", 0);
	}

	@Test
	void nonNumericHeartbeatMakesPopFail() {
		this.qless.put(0, "queue", "jid");
		this.qless.config("heartbeat", "abc");
		assertThat(this.qless.error("pop", 1, "queue", "worker", 1)).isNotEmpty();
	}

}
