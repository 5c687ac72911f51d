package io.qless.scripts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** {@code fail}. */
class FailTests extends ScriptTestSupport {

	private void running(long now, String jid) {
		this.qless.put(now, "queue", jid);
		assertThat(this.qless.popOne(now, "queue", "worker").get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void validation() {
		running(0, "jid");
		this.qless.assertError("Fail(): Arg \"worker\" missing", "fail", 1, "jid");
		this.qless.assertError("Fail(): Arg \"group\" missing", "fail", 1, "jid", "worker");
		this.qless.assertError("Fail(): Arg \"message\" missing", "fail", 1, "jid", "worker", "grp");
		assertThat(this.qless.error("fail", 1, "jid", "worker", "grp", "msg", "{oops")).isNotEmpty();
		this.qless.assertError("Job(): no jid provided", "fail", 1);
		assertThat(this.qless.state("jid")).isEqualTo("running");
	}

	@Test
	void returnsTheJidAndGivesTheFullFailedJob() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(1, "queue", "worker");
		assertThat(this.qless.fail(2, "jid", "worker", "grp", "msg")).isEqualTo("jid");
		assertThat(this.qless.job("jid")).isEqualTo(json("""
				{"jid": "jid", "klass": "klass", "state": "failed", "queue": "queue", "worker": "",
				 "tracked": false, "priority": 0, "expires": 0, "retries": 5, "remaining": 5, "data": "{}",
				 "tags": {}, "history": [{"when": 0, "what": "put", "q": "queue"},
				                         {"when": 1, "what": "popped", "worker": "worker"},
				                         {"when": 2, "what": "failed", "worker": "worker", "group": "grp"}],
				 "failure": {"group": "grp", "message": "msg", "when": 2, "worker": "worker"},
				 "spawned_from_jid": false, "dependents": {}, "dependencies": {}}"""));
	}

	@Test
	void writesTheFailureKeys() {
		running(0, "jid");
		this.qless.fail(1, "jid", "worker", "grp", "msg");
		assertThat(this.qless.redis().smembers("ql:failures")).containsExactly("grp");
		assertThat(this.qless.list("ql:f:grp")).containsExactly("jid");
		assertThat(this.qless.hash("ql:s:stats:0:queue")).contains(entry("failures", "1"), entry("failed", "1"));
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isNull();
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isNull();
		assertThat(this.qless.hash("ql:j:jid")).contains(entry("state", "failed"), entry("worker", ""),
				entry("expires", ""), entry("queue", "queue"));
	}

	@Test
	void failureWhenIsFloored() {
		running(0, "jid");
		this.qless.callAt("fail", "12.75", "jid", "worker", "grp", "msg");
		assertThat(this.qless.job("jid").get("failure").get("when")).isEqualTo(json("12"));
	}

	@Test
	void dataIsReEncoded() {
		running(0, "jid");
		this.qless.call("fail", 1, "jid", "worker", "grp", "msg", "[]");
		assertThat(this.qless.job("jid").get("data").asString()).isEqualTo("{}");
		running(2, "other");
		this.qless.call("fail", 3, "other", "worker", "grp", "msg", "{\"a\": 1.50}");
		assertThat(this.qless.job("other").get("data").asString()).isEqualTo("{\"a\":1.5}");
	}

	@Test
	void failedJobCanBePutAgain() {
		running(0, "jid");
		this.qless.fail(1, "jid", "worker", "grp", "msg");
		this.qless.put(2, "queue", "jid");
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
		assertThat(QlessScript.jids(this.qless.pop(3, "queue", "worker", 1))).containsExactly("jid");
	}

	@Test
	void onlyRunningJobsCanBeFailed() {
		running(0, "complete");
		this.qless.complete(0, "complete", "worker", "queue");
		this.qless.put(0, "queue", "waiting");
		this.qless.putBy(0, "worker", "queue", "scheduled", 10);
		this.qless.put(0, "queue", "depends", "depends", "[\"waiting\"]");
		for (String state : new String[] { "waiting", "scheduled", "depends", "complete" }) {
			this.qless.assertError("Fail(): Job " + state + "not currently running: " + state, "fail", 1, state,
					"worker", "grp", "msg");
		}
		this.qless.assertError("Fail(): Job missingdoes not exist", "fail", 1, "missing", "worker", "grp", "msg");
	}

	@Test
	void anotherWorkerAfterRePutAndPop() {
		running(0, "jid");
		this.qless.put(1, "queue", "jid");
		this.qless.popOne(2, "queue", "other");
		this.qless.assertError("Fail(): Job jid running with another worker: other", "fail", 3, "jid", "worker",
				"grp", "msg");
	}

	@Test
	void failKeepsTagsAndDependencies() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "jid", "tags", "[\"t\"]");
		this.qless.put(0, "queue", "child", "depends", "[\"jid\"]");
		JsonNode popped = this.qless.pop(0, "queue", "worker", 2);
		assertThat(QlessScript.jids(popped)).contains("jid");
		this.qless.fail(1, "jid", "worker", "grp", "msg");
		assertThat(this.qless.zscore("ql:t:t", "jid")).isEqualTo(0.0);
		assertThat(this.qless.state("child")).isEqualTo("depends");
		assertThat(this.qless.job("jid").get("dependents")).isEqualTo(json("[\"child\"]"));
	}

}
