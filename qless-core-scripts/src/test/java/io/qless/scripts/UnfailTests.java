package io.qless.scripts;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code unfail}. */
class UnfailTests extends ScriptTestSupport {

	private void failed(long now, String jid) {
		this.qless.put(now, "queue", jid, "retries", 3);
		this.qless.popOne(now, "queue", "worker");
		this.qless.fail(now, jid, "worker", "grp", "msg");
	}

	@Test
	void validation() {
		this.qless.assertError("Unfail(): Arg \"group\" missing", "unfail", 0, "queue");
		this.qless.assertError("Unfail(): Arg \"count\" not a number: x", "unfail", 0, "queue", "grp", "x");
		this.qless.assertError("Queue(): no queue name provided", "unfail", 0);
	}

	@Test
	void movesFailedJobsBackToWaiting() {
		for (int i = 0; i < 10; i++) {
			failed(i, "jid" + i);
		}
		assertThat(this.qless.call("unfail", 20, "queue", "grp", 100)).isEqualTo(10L);
		for (int i = 0; i < 10; i++) {
			JsonNode job = this.qless.job("jid" + i);
			assertThat(job.get("state").asString()).isEqualTo("waiting");
			assertThat(job.get("queue").asString()).isEqualTo("queue");
			assertThat(job.get("worker").asString()).isEmpty();
			assertThat(job.get("remaining").asInt()).isEqualTo(3);
			JsonNode history = job.get("history");
			assertThat(history.get(history.size() - 1)).isEqualTo(json("{\"when\": 20, \"what\": \"put\", \"q\": \"queue\"}"));
			assertThat(this.qless.zscore("ql:q:queue-work", "jid" + i)).isEqualTo(0 - 20 / 1e10);
		}
		assertThat(this.qless.redis().exists("ql:f:grp")).isZero();
		assertThat(this.qless.redis().sismember("ql:failures", "grp")).isFalse();
		assertThat(this.qless.pop(21, "queue", "worker", 20).size()).isEqualTo(10);
	}

	@Test
	void movesTheOldestFailuresFirst() {
		for (int i = 0; i < 5; i++) {
			failed(i, "jid" + i);
		}
		assertThat(this.qless.call("unfail", 10, "queue", "grp", 2)).isEqualTo(2L);
		assertThat(this.qless.state("jid0")).isEqualTo("waiting");
		assertThat(this.qless.state("jid1")).isEqualTo("waiting");
		assertThat(this.qless.state("jid2")).isEqualTo("failed");
		assertThat(this.qless.list("ql:f:grp")).containsExactly("jid4", "jid3", "jid2");
		assertThat(this.qless.redis().sismember("ql:failures", "grp")).isTrue();
	}

	@Test
	void defaultCountIs25() {
		for (int i = 0; i < 30; i++) {
			failed(i, "jid" + i);
		}
		assertThat(this.qless.call("unfail", 40, "queue", "grp")).isEqualTo(25L);
		assertThat(this.qless.list("ql:f:grp")).containsExactly("jid29", "jid28", "jid27", "jid26", "jid25");
	}

	@Test
	void canMoveIntoAnotherQueueWithoutRegisteringItOrClearingTheFailure() {
		failed(0, "jid");
		this.qless.call("unfail", 5, "elsewhere", "grp", 10);
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("queue").asString()).isEqualTo("elsewhere");
		assertThat(job.get("failure").get("group").asString()).isEqualTo("grp");
		assertThat(this.qless.zscore("ql:q:elsewhere-work", "jid")).isNotNull();
		assertThat(this.qless.zscore("ql:queues", "elsewhere")).isNull();
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "failed")).isEqualTo("1");
	}

	@Test
	void unknownGroupMovesNothing() {
		assertThat(this.qless.call("unfail", 0, "queue", "grp", 10)).isEqualTo(0L);
	}

	@Test
	void countZeroIsARedisError() {
		failed(0, "jid");
		assertThat(this.qless.error("unfail", 1, "queue", "grp", 0)).contains("value is not an integer or out of range");
		assertThat(this.qless.state("jid")).isEqualTo("failed");
	}

	@Test
	void negativeCountKeepsTheNewestFailures() {
		for (int i = 0; i < 5; i++) {
			failed(i, "jid" + i);
		}
		assertThat(this.qless.call("unfail", 10, "queue", "grp", -2)).isEqualTo(3L);
		assertThat(this.qless.list("ql:f:grp")).isEqualTo(List.of("jid4", "jid3"));
		assertThat(this.qless.state("jid0")).isEqualTo("waiting");
		assertThat(this.qless.state("jid2")).isEqualTo("waiting");
		assertThat(this.qless.state("jid3")).isEqualTo("failed");
	}

	@Test
	void aMissingJobIsAnError() {
		failed(0, "jid");
		this.qless.redis().del("ql:j:jid", "ql:j:jid-history");
		assertThat(this.qless.error("unfail", 1, "queue", "grp", 10)).isNotEmpty();
		// A job exists while its hash exists; the failed unfail must not bring back a partial one
		assertThat(this.qless.redis().exists("ql:j:jid")).isZero();
		assertThat(this.qless.job("jid")).isNull();
	}

	@Test
	void remainingDefaultsToFiveWhenRetriesIsMissing() {
		failed(0, "jid");
		this.qless.redis().hdel("ql:j:jid", "retries");
		this.qless.call("unfail", 1, "queue", "grp");
		assertThat(this.qless.redis().hget("ql:j:jid", "remaining")).isEqualTo("5");
	}

}
