package io.qless.scripts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pop} writes its job objects as text rather than encoding a table: each must read
 * exactly as {@code get} shows the same job right after the pop, whatever the job holds.
 */
class PopTextTests extends ScriptTestSupport {

	private void assertPopReadsAsGet(long now, String queue, String jid) {
		JsonNode popped = this.qless.pop(now, queue, "worker", 1);
		assertThat(popped).hasSize(1);
		assertThat(popped.get(0)).isEqualTo(this.qless.job(jid));
	}

	@Test
	void aPlainJob() {
		this.qless.put(0, "queue", "jid");
		assertPopReadsAsGet(10, "queue", "jid");
	}

	@Test
	void tagsPriorityRetriesAndEscapedData() {
		this.qless.put(0, "queue", "jid", "tags", "[\"a\",\"b/c\",\"é \\\"q\\\"\"]", "priority", "-12.5",
				"retries", "12");
		this.qless.redis().hset("ql:j:jid", "data", "{\"text\":\"line\\nbreak \\u00e9 </script>\"}");
		assertPopReadsAsGet(10, "queue", "jid");
	}

	@Test
	void aFractionalLeaseAndTime() {
		this.qless.callAt("put", "1700000000.123", "worker", "queue", "jid", "klass", "{}", 0);
		JsonNode popped = QlessScript
			.parseReply(this.qless.callAt("pop", "1700000001.987", "queue", "worker", "1"));
		assertThat(popped.get(0)).isEqualTo(this.qless.job("jid"));
		assertThat(popped.get(0).get("expires").asDouble()).isEqualTo(1700000061.987);
	}

	@Test
	void aHistoryOfEveryKind() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(1, "queue", "worker");
		this.qless.fail(2, "jid", "worker", "group", "it \"broke\"");
		this.qless.call("log", 3, "jid", "note", "{\"when\": 99, \"what\": \"x\", \"extra\": 1}");
		this.qless.call("log", 4, "jid", "plain");
		this.qless.redis().rpush("ql:j:jid-history", "[5,\"put\",{\"queue\":\"other\"}]",
				"[6,\"failed-retries\",{\"group\":\"g\"}]", "[7,\"popped\",{\"worker\":\"w\\\"x\"}]",
				"[8,\"put\",{\"q\":\"a\",\"queue\":\"b\"}]", "[9,\"done\"]", "[10.5,\"odd\"]",
				"[11,\"when\",{\"when\":\"x\"}]");
		this.qless.put(12, "queue", "jid");
		assertPopReadsAsGet(13, "queue", "jid");
	}

	@Test
	void aWorkerNameThatJsonEscapesTimesOfFifteenDigitsAndMore() {
		this.qless.put(0, "queue", "jid");
		this.qless.redis().rpush("ql:j:jid-history", "[123456789012345,\"done\"]", "[12345678901234,\"done\"]");
		JsonNode popped = this.qless.pop(10, "queue", "w/1 \"x\"", 1);
		assertThat(popped.get(0)).isEqualTo(this.qless.job("jid"));
		assertThat(popped.get(0).get("history").get(3).get("worker").asString()).isEqualTo("w/1 \"x\"");
		this.qless.put(0, "queue", "late");
		popped = this.qless.pop(100_000_000_000_000L, "queue", "worker", 1);
		assertThat(popped.get(0)).isEqualTo(this.qless.job("late"));
		assertThat(popped.get(0).get("history").get(1).get("when").asLong()).isEqualTo(100_000_000_000_000L);
	}

	@Test
	void aLegacyHistoryField() {
		this.qless.put(0, "queue", "jid");
		this.qless.redis().del("ql:j:jid-history");
		this.qless.redis().hset("ql:j:jid", "history", "[{\"put\":0,\"q\":\"queue\"},{\"popped\":1,\"worker\":\"w\"}]");
		JsonNode popped = this.qless.pop(13, "queue", "worker", 1);
		assertThat(popped.get(0)).isEqualTo(this.qless.job("jid"));
		assertThat(popped.get(0).get("history")).hasSizeGreaterThan(1);
	}

	@Test
	void dependentsTrackingAndAFailure() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b", "depends", "[\"a\"]");
		this.qless.call("track", 0, "track", "a");
		this.qless.redis().hset("ql:j:a", "failure", "{\"group\":\"g\",\"message\":\"m\",\"when\":1,\"worker\":\"w\"}");
		JsonNode popped = this.qless.pop(10, "queue", "worker", 1);
		assertThat(popped.get(0).get("dependents")).hasSize(1);
		assertThat(popped.get(0).get("tracked").asBoolean()).isTrue();
		assertThat(popped.get(0)).isEqualTo(this.qless.job("a"));
	}

	@Test
	void throttlesAndARecurringChild() {
		this.qless.call("throttle.set", 0, "t", 5);
		this.qless.put(0, "queue", "jid", "throttles", "[\"t\"]");
		assertPopReadsAsGet(10, "queue", "jid");
		this.qless.call("recur", 20, "spawned", "rjid", "klass", "{}", "interval", 60, 0);
		JsonNode popped = this.qless.pop(21, "spawned", "worker", 1);
		String child = popped.get(0).get("jid").asString();
		assertThat(popped.get(0).get("spawned_from_jid").asString()).isEqualTo("rjid");
		assertThat(popped.get(0)).isEqualTo(this.qless.job(child));
	}

	@Test
	void severalJobsInOneReplyAndNoneAsAnEmptyObject() {
		for (int i = 0; i < 3; i++) {
			this.qless.put(i, "queue", "jid-" + i, "priority", i);
		}
		JsonNode popped = this.qless.pop(10, "queue", "worker", 5);
		assertThat(popped).hasSize(3);
		for (JsonNode job : popped) {
			assertThat(job).isEqualTo(this.qless.job(job.get("jid").asString()));
		}
		assertThat(this.qless.call("pop", 11, "queue", "worker", 5)).isEqualTo("{}");
	}

}
