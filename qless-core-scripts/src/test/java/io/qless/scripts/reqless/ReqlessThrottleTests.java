package io.qless.scripts.reqless;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code throttle.*}, {@code queue.throttle.*} and the throttle bookkeeping of the reqless dialect. */
class ReqlessThrottleTests extends ReqlessTestSupport {

	@Test
	void setGetDelete() {
		assertThat(this.reqless.call("throttle.set", 0, "tid", 5)).isNull();
		assertThat(this.reqless.redis().hgetall("ql:th:tid")).isEqualTo(Map.of("id", "tid", "maximum", "5"));
		assertThat(this.reqless.redis().ttl("ql:th:tid")).isEqualTo(-1L);
		assertThat(this.reqless.json("throttle.get", 0, "tid")).isEqualTo(json("{\"id\":\"tid\",\"maximum\":5,\"ttl\":-1}"));
		this.reqless.call("throttle.set", 0, "tid", 5, 1000);
		assertThat(this.reqless.json("throttle.get", 0, "tid").get("ttl").asLong()).isBetween(999L, 1000L);
		assertThat(this.reqless.call("throttle.delete", 0, "tid")).isNull();
		assertThat(this.reqless.json("throttle.get", 0, "tid")).isEqualTo(json("{\"id\":\"tid\",\"maximum\":0,\"ttl\":-2}"));
		assertThat(this.reqless.error("throttle.get", 0)).contains("Throttle(): no tid provided");
		assertThat(this.reqless.error("throttle.set", 0, "tid")).contains("Lua redis lib command arguments must be strings or integers");
	}

	@Test
	void nonNumericMaximumIsLeftOutOfGet() {
		this.reqless.call("throttle.set", 0, "tid", "lots");
		assertThat(this.reqless.json("throttle.get", 0, "tid")).isEqualTo(json("{\"id\":\"tid\",\"ttl\":-1}"));
	}

	@Test
	void queueThrottleEchoesTheIdAndKeepsATtl() {
		this.reqless.call("throttle.set", 0, "ql:q:q", 3, 1000);
		this.reqless.call("queue.throttle.set", 0, "q", 4);
		JsonNode got = this.reqless.json("queue.throttle.get", 0, "q");
		assertThat(got.get("id").asString()).isEqualTo("ql:q:q");
		assertThat(got.get("maximum").asInt()).isEqualTo(4);
		assertThat(got.get("ttl").asLong()).isPositive();
		this.reqless.redis().hset("ql:th:ql:q:other", "id", "something-else");
		assertThat(this.reqless.json("queue.throttle.get", 0, "other").get("id").asString()).isEqualTo("ql:q:other");
	}

	@Test
	void popAcquiresEveryThrottleEvenUnlimitedOnes() {
		this.reqless.put(0, "queue", "jid", "throttles", "[\"tid\", \"wid\"]");
		assertThat(ReqlessScript.strings(this.reqless.job("jid").get("throttles"))).containsExactly("tid", "wid", "ql:q:queue");
		assertThat(this.reqless.call("throttle.locks", 0, "tid")).isEqualTo("[]");
		this.reqless.popJids(0, "queue", "w", 1);
		for (String tid : new String[] { "tid", "wid", "ql:q:queue" }) {
			assertThat(this.reqless.strings("throttle.locks", 0, tid)).containsExactly("jid");
		}
	}

	@Test
	void acquisitionIsAllOrNothing() {
		this.reqless.call("throttle.set", 0, "wid", 1);
		this.reqless.put(0, "q", "a", "throttles", "[\"wid\"]");
		this.reqless.put(1, "q", "b", "throttles", "[\"tid\", \"wid\"]");
		assertThat(this.reqless.popJids(2, "q", "w", 2)).containsExactly("a");
		assertThat(this.reqless.call("throttle.locks", 2, "tid")).isEqualTo("[]");
		assertThat(this.reqless.strings("throttle.pending", 2, "wid")).containsExactly("b");
		assertThat(this.reqless.call("throttle.pending", 2, "tid")).isEqualTo("[]");
		JsonNode b = this.reqless.job("b");
		assertThat(b.get("state").asString()).isEqualTo("throttled");
		assertThat(b.get("history").get(1)).isEqualTo(json("{\"when\":2,\"what\":\"throttled\",\"queue\":\"q\"}"));
	}

	@Test
	void releaseOnCompleteMovesTheOldestPendingJobIntoWorkStillThrottled() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		for (int i = 1; i <= 4; i++) {
			this.reqless.put(i, "q", "j" + i, "throttles", "[\"tid\"]");
		}
		assertThat(this.reqless.popJids(5, "q", "w", 4)).containsExactly("j1");
		assertThat(this.reqless.strings("throttle.pending", 5, "tid")).containsExactly("j2", "j3", "j4");
		this.reqless.complete(6, "j1", "w", "q");
		assertThat(this.reqless.strings("throttle.pending", 6, "tid")).containsExactly("j3", "j4");
		assertThat(this.reqless.state("j2")).isEqualTo("throttled");
		JsonNode counts = this.reqless.json("queue.counts", 6, "q");
		assertThat(counts.get("waiting").asInt()).isEqualTo(1);
		assertThat(counts.get("throttled").asInt()).isEqualTo(2);
		assertThat(this.reqless.popJids(7, "q", "w", 1)).containsExactly("j2");
		assertThat(this.reqless.strings("throttle.locks", 7, "tid")).containsExactly("j2");
	}

	@Test
	void failRetryTimeoutAndCancelReleaseLocks() {
		for (String jid : new String[] { "a", "b", "c", "d" }) {
			this.reqless.put(0, "q", jid, "throttles", "[\"tid\"]");
		}
		this.reqless.popJids(0, "q", "w", 4);
		assertThat(this.reqless.strings("throttle.locks", 0, "tid")).containsExactly("a", "b", "c", "d");
		this.reqless.call("job.fail", 1, "a", "w", "g", "m");
		this.reqless.call("job.retry", 1, "b", "q", "w");
		this.reqless.call("job.timeout", 1, "c");
		this.reqless.call("job.cancel", 1, "d");
		assertThat(this.reqless.call("throttle.locks", 1, "tid")).isEqualTo("[]");
		assertThat(this.reqless.call("throttle.locks", 1, "ql:q:q")).isEqualTo("[]");
	}

	@Test
	void releaseHolderFirstVersusWaiterFirst() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "j1", "throttles", "[\"tid\"]");
		this.reqless.put(1, "q", "j2", "throttles", "[\"tid\"]");
		this.reqless.popJids(2, "q", "w", 2);
		this.reqless.call("throttle.release", 3, "tid", "j1", "j2");
		assertThat(this.reqless.call("throttle.pending", 3, "tid")).isEqualTo("[]");
		assertThat(this.reqless.strings("queue.jobsByState", 3, "throttled", "q")).isEmpty();
		assertThat(this.reqless.popJids(4, "q", "w", 1)).containsExactly("j2");

		this.reqless.redis().flushdb();
		this.reqless.redis().set("qless:test-support:claimed", "1");
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "j1", "throttles", "[\"tid\"]");
		this.reqless.put(1, "q", "j2", "throttles", "[\"tid\"]");
		this.reqless.popJids(2, "q", "w", 2);
		this.reqless.call("throttle.release", 3, "tid", "j2", "j1");
		// the waiter is stranded: no longer pending, still in the throttled set
		assertThat(this.reqless.call("throttle.pending", 3, "tid")).isEqualTo("[]");
		assertThat(this.reqless.strings("queue.jobsByState", 3, "throttled", "q")).containsExactly("j2");
		assertThat(this.reqless.call("queue.pop", 4, "q", "w", 1)).isEqualTo("[]");
	}

	@Test
	void raisingTheMaximumActivatesPendingJobsOnTheNextRelease() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		for (int i = 1; i <= 3; i++) {
			this.reqless.put(i, "q", "j" + i, "throttles", "[\"tid\"]");
		}
		this.reqless.popJids(4, "q", "w", 3);
		this.reqless.call("throttle.set", 4, "tid", 3);
		this.reqless.complete(5, "j1", "w", "q");
		// both went back to work at the same time: equal scores pop in reverse jid order
		assertThat(this.reqless.popJids(6, "q", "w", 3)).containsExactly("j3", "j2");
	}

	@Test
	void queueThrottleCapsPops() {
		this.reqless.call("queue.throttle.set", 0, "q", 2);
		for (int i = 0; i < 5; i++) {
			this.reqless.put(i, "q", "j" + i);
		}
		assertThat(this.reqless.popJids(5, "q", "w", 5)).containsExactly("j0", "j1");
		// the queue throttle is full: pop returns at once
		assertThat(this.reqless.call("queue.pop", 6, "q", "w", 5)).isEqualTo("[]");
		this.reqless.complete(7, "j0", "w", "q");
		assertThat(this.reqless.popJids(8, "q", "w", 5)).containsExactly("j2");
	}

	@Test
	void maxPopRetryLooksFurther() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]");
		this.reqless.put(1, "q", "b", "throttles", "[\"tid\"]");
		this.reqless.put(2, "q", "c");
		this.reqless.put(3, "q", "d");
		assertThat(this.reqless.popJids(4, "q", "w", 2)).containsExactly("a");
		assertThat(this.reqless.popJids(4, "q", "w", 1)).containsExactly("c");
		this.reqless.call("config.set", 0, "q-max-pop-retry", 0);
		assertThat(this.reqless.call("queue.pop", 5, "q", "w", 1)).isEqualTo("[]");
		this.reqless.call("config.set", 0, "q-max-pop-retry", 2);
		assertThat(this.reqless.popJids(5, "q", "w", 1)).containsExactly("d");
	}

	@Test
	void putTimeThrottlingWritesAFreshEntryEachPut() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]");
		this.reqless.popJids(0, "q", "w", 1);
		this.reqless.put(1, "q", "b", "throttles", "[\"tid\"]");
		this.reqless.put(2, "q", "b", "throttles", "[\"tid\"]");
		JsonNode history = this.reqless.job("b").get("history");
		assertThat(history).extracting((entry) -> entry.get("what").asString())
			.containsExactly("put", "throttled", "put", "throttled");
		assertThat(this.reqless.redis().zscore("ql:th:tid-pending", "b")).isEqualTo(2.0);
		assertThat(this.reqless.redis().zscore("ql:q:q-throttled", "b")).isEqualTo(2.0);
	}

	@Test
	void delayedAndDependentJobsAreCheckedOnlyAtPop() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]");
		this.reqless.popJids(0, "q", "w", 1);
		this.reqless.putDelayed(0, "q", "s", 5, "throttles", "[\"tid\"]");
		assertThat(this.reqless.state("s")).isEqualTo("scheduled");
		assertThat(this.reqless.call("queue.pop", 10, "q", "w", 1)).isEqualTo("[]");
		assertThat(this.reqless.state("s")).isEqualTo("throttled");
	}

	@Test
	void retryReleasesBeforeRequeueingSoThePendingJobWins() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "jid1", "throttles", "[\"tid\"]");
		this.reqless.put(1, "q", "jid2", "throttles", "[\"tid\"]");
		assertThat(this.reqless.popJids(1, "q", "w", 2)).containsExactly("jid1");
		// jid2 is released into work at t=2 before jid1 is re-added at t=2: equal scores
		this.reqless.call("job.retry", 2, "jid1", "q", "w");
		assertThat(this.reqless.popJids(3, "q", "w", 1)).containsExactly("jid2");
	}

	@Test
	void cancelOfAPendingJobLeavesThePendingSetAndDeletesIt() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]");
		this.reqless.put(1, "q", "b", "throttles", "[\"tid\"]");
		this.reqless.popJids(2, "q", "w", 2);
		this.reqless.call("job.cancel", 3, "b");
		assertThat(this.reqless.call("throttle.pending", 3, "tid")).isEqualTo("[]");
		assertThat(this.reqless.json("queue.counts", 3, "q").get("throttled").asInt()).isZero();
	}

	@Test
	void rePuttingAThrottledJobLeavesNoStalePendingEntry() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]");
		this.reqless.popJids(0, "q", "w1", 1);
		this.reqless.put(1, "q", "b", "throttles", "[\"tid\"]");
		assertThat(this.reqless.state("b")).isEqualTo("throttled");
		this.reqless.call("throttle.set", 2, "tid", 2);
		this.reqless.put(3, "q", "b", "throttles", "[\"tid\"]");
		assertThat(this.reqless.popJids(4, "q", "w2", 1)).containsExactly("b");
		this.reqless.complete(5, "a", "w1", "q");
		// the reference would hand b out a second time here (a stale pending place)
		assertThat(this.reqless.call("queue.pop", 6, "q", "w3", 1)).isEqualTo("[]");
	}

	@Test
	void rePuttingARunningJobThatHoldsTheOnlySlotDoesNotWaitForItself() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]");
		this.reqless.popJids(0, "q", "w", 1);
		this.reqless.put(1, "q", "a", "throttles", "[\"tid\"]");
		assertThat(this.reqless.state("a")).isEqualTo("waiting");
		assertThat(this.reqless.popJids(2, "q", "w", 1)).containsExactly("a");
	}

}
