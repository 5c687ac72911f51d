package io.qless.scripts.reqless;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One database, both dialects: a job put through one is popped, completed and read
 * through the other, in both orders, and throttles hold whichever dialect pops.
 */
class CrossDialectTests extends ReqlessTestSupport {

	private JsonNode qlessJob(String jid) {
		return this.reqless.qlessJson("get", 0, jid);
	}

	@Test
	void putThroughReqlessPoppedAndCompletedThroughQless() {
		this.reqless.put(0, "q", "jid", "throttles", "[\"tid\"]");
		JsonNode popped = this.reqless.qlessJson("pop", 1, "q", "w", 1);
		assertThat(popped.get(0).get("jid").asString()).isEqualTo("jid");
		assertThat(this.reqless.strings("throttle.locks", 1, "tid")).containsExactly("jid");
		assertThat(this.reqless.qless("complete", 2, "jid", "w", "q", "{}")).isEqualTo("complete");
		// qless complete releases the throttles reqless gave the job: no lock leak
		assertThat(this.reqless.call("throttle.locks", 2, "tid")).isEqualTo("[]");
		assertThat(this.reqless.call("throttle.locks", 2, "ql:q:q")).isEqualTo("[]");
		assertThat(this.reqless.state("jid")).isEqualTo("complete");
		assertThat(qlessJob("jid").get("state").asString()).isEqualTo("complete");
	}

	@Test
	void putThroughQlessPoppedAndCompletedThroughReqless() {
		this.reqless.qless("put", 0, "w", "q", "jid", "klass", "{}", 0);
		JsonNode job = this.reqless.job("jid");
		assertThat(job.get("throttles")).isEqualTo(json("{}"));
		// the qless `put` entry (`q`) reads with reqless's `queue` key
		assertThat(job.get("history").get(0)).isEqualTo(json("{\"when\":0,\"what\":\"put\",\"queue\":\"q\"}"));
		assertThat(this.reqless.popJids(1, "q", "w", 1)).containsExactly("jid");
		assertThat(this.reqless.complete(2, "jid", "w", "q")).isEqualTo("complete");
		assertThat(this.reqless.state("jid")).isEqualTo("complete");
		assertThat(qlessJob("jid").get("history")).hasSize(3);
	}

	@Test
	void failedThroughOneRetriedThroughTheOther() {
		this.reqless.put(0, "q", "a");
		this.reqless.qless("pop", 0, "q", "w", 1);
		assertThat(this.reqless.call("job.retry", 1, "a", "q", "w")).isEqualTo(4L);
		this.reqless.qless("pop", 2, "q", "w", 1);
		this.reqless.qless("fail", 3, "a", "w", "g", "m");
		assertThat(this.reqless.json("failureGroups.counts", 3)).isEqualTo(json("{\"g\":1}"));
		assertThat(this.reqless.call("queue.unfail", 4, "q", "g")).isEqualTo(1L);
		assertThat(this.reqless.qless("unfail", 5, "q", "g")).isEqualTo(0L);
		assertThat(this.reqless.popJids(5, "q", "w", 1)).containsExactly("a");
	}

	@Test
	void throttleHeldThroughQlessBlocksReqlessAndItsReleaseFreesTheWaiter() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]");
		this.reqless.put(1, "q", "b", "throttles", "[\"tid\"]");
		assertThat(this.reqless.qlessJson("pop", 2, "q", "w1", 1).get(0).get("jid").asString()).isEqualTo("a");
		assertThat(this.reqless.call("queue.pop", 3, "q", "w2", 1)).isEqualTo("[]");
		assertThat(this.reqless.state("b")).isEqualTo("throttled");
		assertThat(this.reqless.strings("throttle.pending", 3, "tid")).containsExactly("b");
		this.reqless.qless("complete", 4, "a", "w1", "q", "{}");
		assertThat(this.reqless.popJids(5, "q", "w2", 1)).containsExactly("b");
		this.reqless.complete(6, "b", "w2", "q");
		assertThat(this.reqless.call("throttle.locks", 6, "tid")).isEqualTo("[]");
	}

	@Test
	void throttleHeldThroughReqlessBlocksQless() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]");
		this.reqless.qless("put", 1, "w", "q", "b", "klass", "{}", 0, "throttles", "[\"tid\"]");
		assertThat(this.reqless.popJids(2, "q", "w1", 1)).containsExactly("a");
		assertThat(this.reqless.qless("pop", 3, "q", "w2", 1)).isEqualTo("{}");
		this.reqless.complete(4, "a", "w1", "q");
		assertThat(this.reqless.qlessJson("pop", 5, "q", "w2", 1).get(0).get("jid").asString()).isEqualTo("b");
	}

	@Test
	void queueThrottleSetThroughReqlessCapsQlessPops() {
		this.reqless.call("queue.throttle.set", 0, "q", 1);
		this.reqless.qless("put", 0, "w", "q", "a", "klass", "{}", 0);
		this.reqless.qless("put", 1, "w", "q", "b", "klass", "{}", 0);
		assertThat(this.reqless.qlessJson("pop", 2, "q", "w", 5)).hasSize(1);
		assertThat(this.reqless.call("queue.pop", 3, "q", "w", 5)).isEqualTo("[]");
	}

	@Test
	void cancelThroughQlessOfAThrottledReqlessJobLeavesNoStaleEntries() {
		this.reqless.call("throttle.set", 0, "tid", 1);
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]");
		this.reqless.put(1, "q", "b", "throttles", "[\"tid\"]");
		this.reqless.popJids(2, "q", "w", 2);
		assertThat(this.reqless.qless("cancel", 3, "b")).isEqualTo(List.of("b"));
		assertThat(this.reqless.call("throttle.pending", 3, "tid")).isEqualTo("[]");
		assertThat(this.reqless.call("queue.jobsByState", 3, "throttled", "q")).isEqualTo("[]");
		this.reqless.complete(4, "a", "w", "q");
		assertThat(this.reqless.call("throttle.locks", 4, "tid")).isEqualTo("[]");
	}

	@Test
	void recurringTemplateMadeByQlessSpawnsThroughReqless() {
		this.reqless.qless("recur", 0, "q", "r", "klass", "{}", "interval", 60, 0);
		JsonNode child = this.reqless.pop(0, "q", "w", 1).get(0);
		assertThat(child.get("jid").asString()).isEqualTo("r-1");
		assertThat(ReqlessScript.strings(child.get("throttles"))).containsExactly("ql:q:q");
		assertThat(this.reqless.json("recurringJob.get", 0, "r").get("throttles")).isEqualTo(json("{}"));
	}

	@Test
	void recurringTemplateMadeByReqlessSpawnsThroughQless() {
		this.reqless.call("queue.recurAtInterval", 0, "q", "r", "klass", "{}", 60, 0);
		JsonNode child = this.reqless.qlessJson("pop", 0, "q", "w", 1).get(0);
		assertThat(child.get("jid").asString()).isEqualTo("r-1");
		this.reqless.qless("complete", 1, "r-1", "w", "q", "{}");
		assertThat(this.reqless.call("throttle.locks", 1, "ql:q:q")).isEqualTo("[]");
	}

	@Test
	void configIsSharedButDefaultsAreEachDialects() {
		assertThat(this.reqless.call("config.get", 0, "heartbeat")).isEqualTo("60");
		assertThat(this.reqless.qless("config.get", 0, "heartbeat")).isEqualTo(60L);
		this.reqless.qless("config.set", 0, "heartbeat", 30);
		assertThat(this.reqless.call("config.get", 0, "heartbeat")).isEqualTo("30");
		assertThat(this.reqless.qless("config.get", 0, "application")).isEqualTo("qless");
		assertThat(this.reqless.call("config.get", 0, "application")).isEqualTo("reqless");
	}

	@Test
	void timeoutThroughEitherDialectLeavesTheJobPoppable() {
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]");
		this.reqless.popJids(0, "q", "w", 1);
		this.reqless.qless("timeout", 1, "a");
		assertThat(this.reqless.call("throttle.locks", 1, "tid")).isEqualTo("[]");
		assertThat(this.reqless.popJids(2, "q", "w2", 1)).containsExactly("a");
		this.reqless.call("job.timeout", 3, "a");
		assertThat(this.reqless.qlessJson("pop", 4, "q", "w3", 1).get(0).get("jid").asString()).isEqualTo("a");
	}

	@Test
	void qlessReadsReqlessHistoryInItsOwnFormat() {
		this.reqless.put(0, "q", "jid", "retries", 0);
		this.reqless.popJids(1, "q", "w", 1);
		this.reqless.call("job.log", 1, "jid", "note", "{\"queue\": \"user data\"}");
		this.reqless.call("job.retry", 2, "jid", "q", "w");
		JsonNode history = qlessJob("jid").get("history");
		assertThat(history.get(0)).isEqualTo(json("{\"when\":0,\"what\":\"put\",\"q\":\"q\"}"));
		assertThat(history.get(2)).isEqualTo(json("{\"when\":1,\"what\":\"note\",\"queue\":\"user data\"}"));
		assertThat(history.get(3)).isEqualTo(json("{\"when\":2,\"what\":\"failed\",\"group\":\"failed-retries-q\"}"));
		// stored entries are not rewritten: reqless still reads its own format
		JsonNode reqlessHistory = this.reqless.job("jid").get("history");
		assertThat(reqlessHistory.get(0)).isEqualTo(json("{\"when\":0,\"what\":\"put\",\"queue\":\"q\"}"));
		assertThat(reqlessHistory.get(3).get("what").asString()).isEqualTo("failed-retries");
	}

	@Test
	void legacyHistoryFieldMigratesWithEitherKey() {
		this.reqless.put(0, "q", "a");
		this.reqless.redis().del("ql:j:a-history");
		this.reqless.redis().hset("ql:j:a", "history", "[{\"q\": \"old\", \"put\": 5}]");
		assertThat(this.reqless.job("a").get("history").get(0))
			.isEqualTo(json("{\"when\":5,\"what\":\"put\",\"queue\":\"old\"}"));
		this.reqless.put(0, "q", "b");
		this.reqless.redis().del("ql:j:b-history");
		this.reqless.redis().hset("ql:j:b", "history", "[{\"queue\": \"old\", \"put\": 5}]");
		assertThat(qlessJob("b").get("history").get(0)).isEqualTo(json("{\"when\":5,\"what\":\"put\",\"q\":\"old\"}"));
	}

	@Test
	void qlessPutJobsPoppedThroughReqlessCountAgainstTheQueueThrottle() {
		this.reqless.call("queue.throttle.set", 0, "q", 1);
		this.reqless.qless("put", 0, "w", "q", "a", "klass", "{}", 0);
		this.reqless.qless("put", 1, "w", "q", "b", "klass", "{}", 0);
		assertThat(this.reqless.popJids(2, "q", "w", 5)).containsExactly("a");
		assertThat(this.reqless.strings("throttle.locks", 2, "ql:q:q")).containsExactly("a");
		assertThat(this.reqless.qless("complete", 3, "a", "w", "q", "{}")).isEqualTo("complete");
		assertThat(this.reqless.call("throttle.locks", 3, "ql:q:q")).isEqualTo("[]");
		assertThat(this.reqless.popJids(4, "q", "w", 5)).containsExactly("b");
	}

	@Test
	void reclaimExhaustionReleasesThrottlesInEitherDialect() {
		this.reqless.call("config.set", 0, "grace-period", 0);
		this.reqless.put(0, "q", "a", "throttles", "[\"tid\"]", "retries", 0);
		this.reqless.popJids(0, "q", "w", 1);
		this.reqless.call("queue.pop", 100, "q", "w2", 1);
		assertThat(this.reqless.state("a")).isEqualTo("failed");
		assertThat(this.reqless.call("throttle.locks", 100, "tid")).isEqualTo("[]");
		this.reqless.put(200, "q", "b", "throttles", "[\"tid\"]", "retries", 0);
		this.reqless.popJids(200, "q", "w", 1);
		this.reqless.qless("pop", 300, "q", "w2", 1);
		assertThat(this.reqless.state("b")).isEqualTo("failed");
		assertThat(this.reqless.call("throttle.locks", 300, "tid")).isEqualTo("[]");
	}

}
