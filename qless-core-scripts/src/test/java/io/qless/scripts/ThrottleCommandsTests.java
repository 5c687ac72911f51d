package io.qless.scripts;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttle commands in the qless-core style: replies, reply types and errors.
 */
class ThrottleCommandsTests extends ScriptTestSupport {

	@Test
	void setReturnsNilAndGetReturnsIdMaximumAndTtl() {
		assertThat(this.qless.call("throttle.set", 0, "tid", 5)).isNull();
		assertThat(this.qless.hash("ql:th:tid")).containsEntry("id", "tid").containsEntry("maximum", "5");
		Object reply = this.qless.call("throttle.get", 0, "tid");
		assertThat(reply).isInstanceOf(String.class);
		JsonNode throttle = json((String) reply);
		assertThat(throttle.get("id").asString()).isEqualTo("tid");
		assertThat(throttle.get("maximum").asInt()).isEqualTo(5);
		assertThat(throttle.get("ttl").asInt()).isEqualTo(-1);
		assertThat(throttle.size()).isEqualTo(3);
	}

	@Test
	void getOfAThrottleThatWasNeverSetReadsAsUnlimited() {
		JsonNode throttle = this.qless.json("throttle.get", 0, "never");
		assertThat(throttle.get("id").asString()).isEqualTo("never");
		assertThat(throttle.get("maximum").asInt()).isZero();
		assertThat(throttle.get("ttl").asInt()).isEqualTo(-2);
		assertThat(this.qless.call("throttle.ttl", 0, "never")).isEqualTo(-2L);
	}

	@Test
	void setWithAnExpirationGivesTheThrottleATtl() {
		assertThat(this.qless.call("throttle.set", 0, "tid", 5, 1000)).isNull();
		assertThat(this.qless.redis().ttl("ql:th:tid")).isBetween(998L, 1000L);
		assertThat(this.qless.json("throttle.get", 0, "tid").get("ttl").asLong()).isBetween(998L, 1000L);
		Object ttl = this.qless.call("throttle.ttl", 0, "tid");
		assertThat(ttl).isInstanceOf(Long.class);
		assertThat((Long) ttl).isBetween(998L, 1000L);
		this.qless.call("throttle.set", 0, "tid", 5, 0);
		assertThat(this.qless.redis().ttl("ql:th:tid")).as("no expiration keeps the TTL, as in the reference")
			.isBetween(998L, 1000L);
	}

	@Test
	void setChangesTheMaximum() {
		this.qless.call("throttle.set", 0, "tid", 5);
		this.qless.call("throttle.set", 0, "tid", 2);
		assertThat(this.qless.json("throttle.get", 0, "tid").get("maximum").asInt()).isEqualTo(2);
		this.qless.call("throttle.set", 0, "tid", 0);
		assertThat(this.qless.json("throttle.get", 0, "tid").get("maximum").asInt()).isZero();
	}

	@Test
	void deleteReturnsNilAndKeepsLocksAndPending() {
		this.qless.call("throttle.set", 0, "tid", 1);
		this.qless.put(0, "queue", "a", "throttles", "[\"tid\"]");
		this.qless.put(1, "queue", "b", "throttles", "[\"tid\"]");
		this.qless.pop(1, "queue", "worker", 2);
		assertThat(this.qless.call("throttle.delete", 2, "tid")).isNull();
		assertThat(this.qless.redis().exists("ql:th:tid")).isZero();
		assertThat(this.qless.call("throttle.locks", 2, "tid")).isEqualTo(List.of("a"));
		assertThat(this.qless.call("throttle.pending", 2, "tid")).isEqualTo(List.of("b"));
		JsonNode throttle = this.qless.json("throttle.get", 2, "tid");
		assertThat(throttle.get("maximum").asInt()).isZero();
		assertThat(throttle.get("ttl").asInt()).isEqualTo(-2);
	}

	@Test
	void locksAndPendingArePlainArrays() {
		assertThat(this.qless.call("throttle.locks", 0, "tid")).isEqualTo(List.of());
		assertThat(this.qless.call("throttle.pending", 0, "tid")).isEqualTo(List.of());
		this.qless.call("throttle.set", 0, "tid", 2);
		String[] jids = { "c", "a", "d", "b" };
		for (int i = 0; i < jids.length; i++) {
			this.qless.put(i, "queue", jids[i], "throttles", "[\"tid\"]");
		}
		this.qless.pop(10, "queue", "worker", 4);
		Object locks = this.qless.call("throttle.locks", 11, "tid");
		assertThat(locks).isInstanceOf(List.class);
		assertThat(locks).as("constant score 1: lexicographic").isEqualTo(List.of("a", "c"));
		assertThat(this.qless.call("throttle.pending", 11, "tid")).isEqualTo(List.of("b", "d"));
	}

	@Test
	void releaseReturnsNil() {
		this.qless.call("throttle.set", 0, "tid", 1);
		this.qless.put(0, "queue", "a", "throttles", "[\"tid\"]");
		this.qless.popOne(1, "queue", "worker");
		assertThat(this.qless.call("throttle.release", 2, "tid", "a")).isNull();
		assertThat(this.qless.call("throttle.locks", 2, "tid")).isEqualTo(List.of());
		assertThat(this.qless.call("throttle.release", 2, "tid")).isNull();
		assertThat(this.qless.call("throttle.release", 2, "tid", "missing")).isNull();
	}

	@Test
	void queueThrottleIsTheThrottleNamedAfterTheQueue() {
		assertThat(this.qless.call("queue.throttle.set", 0, "emails", 3)).isNull();
		assertThat(this.qless.hash("ql:th:ql:q:emails")).containsEntry("id", "ql:q:emails")
			.containsEntry("maximum", "3");
		JsonNode throttle = this.qless.json("queue.throttle.get", 0, "emails");
		assertThat(throttle.get("id").asString()).isEqualTo("ql:q:emails");
		assertThat(throttle.get("maximum").asInt()).isEqualTo(3);
		assertThat(throttle.get("ttl").asInt()).isEqualTo(-1);
		assertThat(this.qless.json("throttle.get", 0, "ql:q:emails")).isEqualTo(throttle);
		JsonNode unset = this.qless.json("queue.throttle.get", 0, "other");
		assertThat(unset.get("maximum").asInt()).isZero();
		assertThat(unset.get("ttl").asInt()).isEqualTo(-2);
	}

	@Test
	void errors() {
		for (String command : new String[] { "throttle.set", "throttle.get", "throttle.ttl", "throttle.delete",
				"throttle.locks", "throttle.pending", "throttle.release" }) {
			this.qless.assertError("Throttle(): Arg \"tid\" missing", command, 0);
		}
		this.qless.assertError("Throttle.set(): Arg \"maximum\" not a number: nil", "throttle.set", 0, "tid");
		this.qless.assertError("Throttle.set(): Arg \"maximum\" not a number: many", "throttle.set", 0, "tid",
				"many");
		this.qless.assertError("Throttle.set(): Arg \"expiration\" not a number: soon", "throttle.set", 0, "tid", 1,
				"soon");
		this.qless.assertError("Queue(): no queue name provided", "queue.throttle.get", 0);
		this.qless.assertError("Queue(): no queue name provided", "queue.throttle.set", 0);
		this.qless.assertError("Throttle.set(): Arg \"maximum\" not a number: nil", "queue.throttle.set", 0, "q");
		assertThat(this.qless.redis().keys("ql:th:*")).isEmpty();
	}

}
