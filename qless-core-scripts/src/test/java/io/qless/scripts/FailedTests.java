package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code failed}. */
class FailedTests extends ScriptTestSupport {

	private void failed(long now, String jid, String group) {
		this.qless.put(now, "queue", jid);
		this.qless.popOne(now, "queue", "worker");
		this.qless.fail(now, jid, "worker", group, "msg");
	}

	@Test
	void validationRunsEvenWithoutAGroup() {
		this.qless.assertError("Failed(): Arg \"start\" is not a number: x", "failed", 0, "grp", "x");
		this.qless.assertError("Failed(): Arg \"limit\" is not a number: x", "failed", 0, "grp", 0, "x");
	}

	@Test
	void noFailuresIsAnEmptyObject() {
		assertThat(this.qless.call("failed", 0)).isEqualTo("{}");
	}

	@Test
	void countsPerGroup() {
		failed(0, "a", "grp");
		failed(1, "b", "grp");
		failed(2, "c", "other");
		assertThat(this.qless.json("failed", 3)).isEqualTo(json("{\"grp\": 2, \"other\": 1}"));
	}

	@Test
	void groupListsJidsNewestFirst() {
		failed(0, "a", "grp");
		assertThat(this.qless.json("failed", 1, "grp")).isEqualTo(json("{\"total\": 1, \"jobs\": [\"a\"]}"));
		failed(1, "b", "grp");
		assertThat(this.qless.json("failed", 2, "grp")).isEqualTo(json("{\"total\": 2, \"jobs\": [\"b\", \"a\"]}"));
	}

	@Test
	void unknownGroupIsEmpty() {
		assertThat(this.qless.json("failed", 0, "grp")).isEqualTo(json("{\"total\": 0, \"jobs\": {}}"));
	}

	@Test
	void pagination() {
		for (int i = 0; i < 30; i++) {
			failed(i, "jid" + i, "grp");
		}
		assertThat(this.qless.json("failed", 30, "grp").get("jobs").size()).isEqualTo(25);
		assertThat(this.qless.json("failed", 30, "grp", 0, 3)).isEqualTo(json("""
				{"total": 30, "jobs": ["jid29", "jid28", "jid27"]}"""));
		assertThat(this.qless.json("failed", 30, "grp", 28, 10)).isEqualTo(json("""
				{"total": 30, "jobs": ["jid1", "jid0"]}"""));
	}

	@Test
	void reclaimExhaustionLandsInFailedRetriesQueue() {
		this.qless.config("grace-period", 0);
		this.qless.config("heartbeat", -10);
		this.qless.put(0, "queue", "jid", "retries", 0);
		this.qless.pop(0, "queue", "worker", 1);
		assertThat(this.qless.call("pop", 1, "queue", "worker", 1)).isEqualTo("{}");
		assertThat(this.qless.json("failed", 1)).isEqualTo(json("{\"failed-retries-queue\": 1}"));
		assertThat(this.qless.json("failed", 1, "failed-retries-queue"))
			.isEqualTo(json("{\"total\": 1, \"jobs\": [\"jid\"]}"));
	}

}
