package io.qless.scripts.reqless;

import java.util.HashMap;
import java.util.Map;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The bounded loops of the shared procedures, through the reqless commands. */
class ReqlessBoundedWorkTests extends ReqlessTestSupport {

	private RedisCommands<String, String> redis() {
		return this.reqless.redis();
	}

	private void running(long now, String queue, String jid) {
		this.reqless.put(now, queue, jid);
		assertThat(this.reqless.popJids(now, queue, "worker", 1)).containsExactly(jid);
	}

	private void job(String jid, String queue, String state) {
		Map<String, String> fields = new HashMap<>();
		fields.put("jid", jid);
		fields.put("klass", "klass");
		fields.put("data", "{}");
		fields.put("state", state);
		fields.put("queue", queue);
		fields.put("priority", "0");
		fields.put("tags", "[\"t\"]");
		redis().hset("ql:j:" + jid, fields);
	}

	@Test
	void expiryDeletesAtMost500JobsPerComplete() {
		for (int i = 0; i < 1200; i++) {
			job("done-" + i, "", "complete");
			redis().zadd("ql:completed", i, "done-" + i);
			redis().zadd("ql:t:t", i, "done-" + i);
		}
		redis().zadd("ql:tags", 1200, "t");
		this.reqless.call("config.set", 0, "jobs-history-count", 100);
		running(2000, "queue", "a");
		this.reqless.complete(2000, "a", "worker", "queue");
		assertThat(redis().zcard("ql:completed")).isEqualTo(701);
		assertThat(redis().exists("ql:j:done-499")).isZero();
		assertThat(redis().zscore("ql:tags", "t")).isEqualTo(700.0);
		running(2001, "queue", "b");
		this.reqless.complete(2001, "b", "worker", "queue");
		running(2002, "queue", "c");
		this.reqless.complete(2002, "c", "worker", "queue");
		assertThat(redis().zcard("ql:completed")).isEqualTo(100);
		// The tag counter goes with its last job (reqless TAG-REMOVE).
		assertThat(redis().zscore("ql:tags", "t")).isEqualTo(97.0);
	}

	@Test
	void dependentsAreReleasedInBatchesByCompletesAndIdlePops() {
		running(0, "parent", "parent");
		for (int i = 0; i < 600; i++) {
			job("kid-" + i, "kids", "depends");
			redis().sadd("ql:j:kid-" + i + "-dependencies", "parent");
			redis().sadd("ql:j:parent-dependents", "kid-" + i);
			redis().zadd("ql:q:kids-depends", 0, "kid-" + i);
		}
		this.reqless.complete(10, "parent", "worker", "parent");
		assertThat(redis().zcard("ql:q:kids-work")).isEqualTo(250);
		assertThat(this.reqless.call("queue.pop", 11, "empty", "idle", 1)).isEqualTo("[]");
		assertThat(redis().zcard("ql:q:kids-work")).isEqualTo(500);
		running(12, "other", "x");
		this.reqless.complete(12, "x", "worker", "other");
		assertThat(redis().zcard("ql:q:kids-work")).isEqualTo(600);
		assertThat(redis().exists("ql:releasing")).isZero();
	}

	@Test
	void countsAndScheduledListingPromoteAtMost500() {
		for (int i = 0; i < 700; i++) {
			this.reqless.putDelayed(0, "q", "s-" + i, 10);
		}
		JsonNode all = this.reqless.json("queues.counts", 20);
		assertThat(all.get(0).get("waiting").asInt()).isEqualTo(500);
		assertThat(all.get(0).get("scheduled").asInt()).isEqualTo(200);
		this.reqless.call("queue.jobsByState", 21, "scheduled", "q");
		assertThat(redis().zcard("ql:q:q-work")).isEqualTo(700);
	}

	@Test
	void aThrottleReleaseMovesAtMost100PendingJobs() {
		this.reqless.call("throttle.set", 0, "th", 1);
		this.reqless.put(0, "q", "holder", "throttles", "[\"th\"]");
		assertThat(this.reqless.popJids(0, "q", "worker", 1)).containsExactly("holder");
		for (int i = 0; i < 150; i++) {
			this.reqless.put(1, "q", "p-" + i, "throttles", "[\"th\"]");
		}
		assertThat(redis().zcard("ql:th:th-pending")).isEqualTo(150);
		this.reqless.call("throttle.set", 2, "th", 10000);
		this.reqless.complete(3, "holder", "worker", "q");
		assertThat(redis().zcard("ql:q:q-work")).isEqualTo(100);
		assertThat(redis().zcard("ql:th:th-pending")).isEqualTo(50);
	}

	@Test
	void workersCountsDeletesAtMost500ExpiredWorkers() {
		for (int i = 0; i < 700; i++) {
			redis().zadd("ql:workers", 0, "old-" + i);
		}
		this.reqless.call("queue.pop", 100000, "queue", "live", 1);
		assertThat(this.reqless.strings("queues.names", 0)).isEmpty();
		JsonNode listed = this.reqless.json("workers.counts", 100000);
		assertThat(listed).hasSize(1);
		assertThat(redis().zcard("ql:workers")).isEqualTo(201);
	}

	@Test
	void aPopParksAtMost500Jobs() {
		for (int i = 0; i < 700; i++) {
			this.reqless.put(0, "q", String.format("j-%03d", i), "throttles", "[\"th\"]");
		}
		this.reqless.call("throttle.set", 0, "th", 1);
		redis().zadd("ql:th:th-locks", 1, "someone");
		this.reqless.call("config.set", 0, "max-pop-retry", 100000);
		assertThat(this.reqless.call("queue.pop", 1, "q", "worker", 1)).isEqualTo("[]");
		assertThat(redis().zcard("ql:q:q-throttled")).isEqualTo(500);
		assertThat(redis().zcard("ql:q:q-work")).isEqualTo(200);
	}

}
