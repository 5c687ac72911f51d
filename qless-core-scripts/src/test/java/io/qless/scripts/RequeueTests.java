package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code requeue}. */
class RequeueTests extends ScriptTestSupport {

	@Test
	void missingJob() {
		this.qless.assertError("Requeue(): Job jid does not exist", "requeue", 0, "worker", "queue", "jid", "klass",
				"{}", 0);
	}

	@Test
	void canceledJobDoesNotExist() {
		this.qless.put(0, "queue", "jid");
		this.qless.call("cancel", 1, "jid");
		this.qless.assertError("does not exist", "requeue", 2, "worker", "queue", "jid", "klass", "{}", 0);
		assertThat(this.qless.job("jid")).isNull();
	}

	@Test
	void movesTheJobLikePut() {
		this.qless.put(0, "queue", "jid", "priority", 3, "tags", "[\"t\"]");
		assertThat(this.qless.call("requeue", 1, "worker", "other", "jid", "Klass", "{\"a\":1}", 0)).isEqualTo("jid");
		assertThat(this.qless.job("jid")).isEqualTo(json("""
				{"jid": "jid", "klass": "Klass", "state": "waiting", "queue": "other", "worker": "",
				 "tracked": false, "priority": 3, "expires": 0, "retries": 5, "remaining": 5, "data": "{\\"a\\":1}",
				 "tags": ["t"], "history": [{"when": 0, "what": "put", "q": "queue"},
				                            {"when": 1, "what": "put", "q": "other"}],
				 "failure": {}, "spawned_from_jid": false, "dependents": {}, "dependencies": {}}"""));
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isNull();
		assertThat(this.qless.zscore("ql:q:other-work", "jid")).isNotNull();
	}

	@Test
	void validatesLikePut() {
		this.qless.put(0, "queue", "jid");
		this.qless.assertError("Put(): Arg \"delay\" not a number: x", "requeue", 1, "worker", "queue", "jid", "klass",
				"{}", "x");
	}

}
