package io.qless.scripts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every script call does a bounded amount of work, whatever Redis holds: loops over stored
 * data take a fixed batch per call (500 completed jobs expired, 250 dependents released,
 * 500 scheduled jobs promoted by {@code queues} and {@code jobs scheduled}, 100 pending jobs
 * moved per throttle release, 500 expired workers deleted, 500 jobs parked per pop) and
 * later calls do the rest. These tests count the work, not the time.
 */
class BoundedWorkTests extends ScriptTestSupport {

	private RedisCommands<String, String> redis() {
		return this.qless.redis();
	}

	/** Completed jobs done-0 .. done-(n-1), completed at 0 .. n-1 and tagged "t", written raw. */
	private void completedJobs(int n) {
		for (int i = 0; i < n; i++) {
			String jid = "done-" + i;
			Map<String, String> fields = new HashMap<>();
			fields.put("jid", jid);
			fields.put("klass", "klass");
			fields.put("data", "{}");
			fields.put("state", "complete");
			fields.put("queue", "");
			fields.put("tags", "[\"t\"]");
			redis().hset("ql:j:" + jid, fields);
			redis().rpush("ql:j:" + jid + "-history", "[" + i + ",\"done\"]");
			redis().zadd("ql:completed", i, jid);
			redis().zadd("ql:t:t", i, jid);
		}
		redis().zadd("ql:tags", n, "t");
	}

	private void running(long now, String queue, String jid) {
		this.qless.put(now, queue, jid);
		assertThat(this.qless.popOne(now, queue, "worker").get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void expiryByCountDeletesAtMost500JobsPerComplete() {
		completedJobs(1200);
		this.qless.config("jobs-history-count", 100);
		running(2000, "queue", "a");
		this.qless.complete(2000, "a", "worker", "queue");
		// 1201 completed: the 500 oldest went, the next complete takes the next 500.
		assertThat(redis().zcard("ql:completed")).isEqualTo(701);
		assertThat(redis().exists("ql:j:done-499", "ql:j:done-499-history")).isZero();
		assertThat(redis().exists("ql:j:done-500")).isOne();
		assertThat(redis().zscore("ql:t:t", "done-499")).isNull();
		assertThat(redis().zscore("ql:tags", "t")).isEqualTo(700.0);
		running(2001, "queue", "b");
		this.qless.complete(2001, "b", "worker", "queue");
		assertThat(redis().zcard("ql:completed")).isEqualTo(202);
		running(2002, "queue", "c");
		this.qless.complete(2002, "c", "worker", "queue");
		assertThat(redis().zrange("ql:completed", 0, -1)).hasSize(100).endsWith("a", "b", "c");
		assertThat(redis().exists("ql:j:done-1099")).isZero();
	}

	@Test
	void expiryByAgeDeletesAtMost500JobsPerComplete() {
		completedJobs(1200);
		this.qless.config("jobs-history", 600);
		running(2000, "queue", "a");
		this.qless.complete(2000, "a", "worker", "queue");
		// done-0 .. done-1199 are older than 2000 - 600 = 1400, but only the oldest 500 go.
		assertThat(redis().zcard("ql:completed")).isEqualTo(701);
		assertThat(redis().exists("ql:j:done-499")).isZero();
		assertThat(redis().exists("ql:j:done-500")).isOne();
		running(2001, "queue", "b");
		this.qless.complete(2001, "b", "worker", "queue");
		assertThat(redis().zcard("ql:completed")).isEqualTo(202);
		running(2002, "queue", "c");
		this.qless.complete(2002, "c", "worker", "queue");
		assertThat(redis().zrange("ql:completed", 0, -1)).containsExactly("a", "b", "c");
	}

	@Test
	void aSmallSurplusStillGoesAtOnce() {
		completedJobs(10);
		this.qless.config("jobs-history-count", 5);
		running(100, "queue", "a");
		this.qless.complete(100, "a", "worker", "queue");
		assertThat(redis().zrange("ql:completed", 0, -1)).containsExactly("done-6", "done-7", "done-8", "done-9",
				"a");
	}

	/** parent (running in "parent") and n jobs kid-i in "kids" that depend on it, written raw. */
	private void parentWithDependents(int n) {
		running(0, "parent", "parent");
		for (int i = 0; i < n; i++) {
			String jid = "kid-" + i;
			Map<String, String> fields = new HashMap<>();
			fields.put("jid", jid);
			fields.put("klass", "klass");
			fields.put("data", "{}");
			fields.put("state", "depends");
			fields.put("queue", "kids");
			fields.put("priority", "0");
			fields.put("tags", "{}");
			redis().hset("ql:j:" + jid, fields);
			redis().sadd("ql:j:" + jid + "-dependencies", "parent");
			redis().sadd("ql:j:parent-dependents", jid);
			redis().zadd("ql:q:kids-depends", 0, jid);
		}
	}

	@Test
	void completeReleasesAtMost250DependentsAndLaterCallsReleaseTheRest() {
		parentWithDependents(600);
		this.qless.complete(10, "parent", "worker", "parent");
		assertThat(redis().zcard("ql:q:kids-work")).isEqualTo(250);
		assertThat(redis().zcard("ql:q:kids-depends")).isEqualTo(350);
		// The completed job shows no dependents; the rest wait in a release set of their own.
		assertThat(this.qless.job("parent").get("dependents")).isEqualTo(json("{}"));
		assertThat(redis().zrange("ql:releasing", 0, -1)).containsExactly("1:parent");
		assertThat(redis().scard("ql:releasing:1")).isEqualTo(350);

		// An idle poll (a pop that hands out nothing) continues the release.
		assertThat(this.qless.call("pop", 11, "empty", "idle", 1)).isEqualTo("{}");
		assertThat(redis().zcard("ql:q:kids-work")).isEqualTo(500);

		// So does any complete, with what its own release leaves of the batch.
		running(12, "other", "x");
		this.qless.complete(12, "x", "worker", "other");
		assertThat(redis().zcard("ql:q:kids-work")).isEqualTo(600);
		assertThat(redis().zcard("ql:q:kids-depends")).isZero();
		assertThat(redis().exists("ql:releasing", "ql:releasing:1")).isZero();
		assertThat(this.qless.state("kid-599")).isEqualTo("waiting");
		assertThat(redis().scard("ql:j:kid-0-dependencies")).isZero();
	}

	@Test
	void jobsThatDependOnARePutJobAreNotReleasedByItsEarlierCompletion() {
		parentWithDependents(300);
		this.qless.complete(10, "parent", "worker", "parent");
		this.qless.put(11, "parent", "parent");
		this.qless.put(11, "kids", "late", "depends", "[\"parent\"]");
		assertThat(this.qless.state("late")).isEqualTo("depends");
		assertThat(this.qless.call("pop", 12, "empty", "idle", 1)).isEqualTo("{}");
		assertThat(redis().zcard("ql:q:kids-depends")).isOne();
		assertThat(this.qless.state("late")).isEqualTo("depends");
		assertThat(this.qless.state("kid-299")).isEqualTo("waiting");
	}

	@Test
	void aDependentPutElsewhereWhileItsReleaseWaitsIsNotQueuedAgain() {
		parentWithDependents(300);
		this.qless.complete(10, "parent", "worker", "parent");
		String waiting = redis().srandmember("ql:releasing:1");
		// Re-put with other dependencies (satisfied): it is waiting, then running.
		this.qless.put(11, "kids", waiting, "depends", "[\"gone\"]");
		assertThat(this.qless.state(waiting)).isEqualTo("waiting");
		redis().zrem("ql:q:kids-work", waiting);
		redis().zadd("ql:q:kids-work", 100, waiting);
		assertThat(this.qless.popOne(12, "kids", "worker").get("jid").asString()).isEqualTo(waiting);
		assertThat(this.qless.call("pop", 13, "empty", "idle", 1)).isEqualTo("{}");
		assertThat(redis().exists("ql:releasing:1")).isZero();
		assertThat(this.qless.state(waiting)).isEqualTo("running");
		assertThat(redis().zscore("ql:q:kids-work", waiting)).isNull();
	}

	/** n jobs in "queue" put with a delay of 10 at 0: due from 10 on. */
	private void dueScheduledJobs(String queue, int n) {
		for (int i = 0; i < n; i++) {
			this.qless.putBy(0, "worker", queue, queue + "-" + i, 10);
		}
	}

	@Test
	void queuesPromotesAtMost500ScheduledJobsAcrossAllQueues() {
		dueScheduledJobs("a", 400);
		dueScheduledJobs("b", 400);
		JsonNode all = this.qless.json("queues", 20);
		assertThat(all.get(0).get("waiting").asInt()).isEqualTo(400);
		assertThat(all.get(0).get("scheduled").asInt()).isZero();
		assertThat(all.get(1).get("waiting").asInt()).isEqualTo(100);
		assertThat(all.get(1).get("scheduled").asInt()).isEqualTo(300);
		JsonNode b = this.qless.json("queues", 21, "b");
		assertThat(b.get("waiting").asInt()).isEqualTo(400);
		assertThat(b.get("scheduled").asInt()).isZero();
	}

	@Test
	void jobsScheduledPromotesAtMost500() {
		dueScheduledJobs("q", 700);
		this.qless.call("jobs", 20, "scheduled", "q");
		assertThat(redis().zcard("ql:q:q-work")).isEqualTo(500);
		assertThat(redis().zcard("ql:q:q-scheduled")).isEqualTo(200);
		assertThat(this.qless.call("jobs", 21, "scheduled", "q")).isEqualTo(List.of());
		assertThat(redis().zcard("ql:q:q-work")).isEqualTo(700);
	}

	@Test
	void aThrottleReleaseMovesAtMost100PendingJobs() {
		this.qless.call("throttle.set", 0, "th", 1);
		running(0, "q", "holder");
		redis().hset("ql:j:holder", "throttles", "[\"th\"]");
		redis().zadd("ql:th:th-locks", 1, "holder");
		for (int i = 0; i < 150; i++) {
			this.qless.put(1, "q", "p-" + i, "throttles", "[\"th\"]");
		}
		assertThat(redis().zcard("ql:th:th-pending")).isEqualTo(150);
		this.qless.call("throttle.set", 2, "th", 10000);
		this.qless.complete(3, "holder", "worker", "q");
		assertThat(redis().zcard("ql:q:q-work")).isEqualTo(100);
		assertThat(redis().zcard("ql:th:th-pending")).isEqualTo(50);
		// The oldest pending jobs go first; the next release moves the others.
		assertThat(redis().zscore("ql:q:q-work", "p-0")).isNotNull();
		JsonNode next = this.qless.popOne(4, "q", "worker");
		this.qless.complete(5, next.get("jid").asString(), "worker", "q");
		assertThat(redis().zcard("ql:th:th-pending")).isZero();
	}

	@Test
	void workersDeletesAtMost500ExpiredWorkersButListsNoneOfThem() {
		for (int i = 0; i < 1200; i++) {
			redis().zadd("ql:workers", 0, "old-" + i);
			redis().zadd("ql:w:old-" + i + ":jobs", 0, "jid-" + i);
		}
		// Expired too, but after all the others in the order of deletion.
		redis().zadd("ql:workers", 10000, "late");
		redis().zadd("ql:w:late:jobs", 200000, "running-jid");
		this.qless.call("pop", 100000, "queue", "live", 1);
		JsonNode listed = this.qless.json("workers", 100000);
		assertThat(listed).hasSize(1);
		assertThat(listed.get(0).get("name").asString()).isEqualTo("live");
		assertThat(redis().zcard("ql:workers")).isEqualTo(702);
		// An expired worker asked for by name is gone, whether or not its batch came up.
		assertThat(this.qless.json("workers", 100000, "late")).isEqualTo(json("{\"jobs\": {}, \"stalled\": {}}"));
		assertThat(redis().zscore("ql:workers", "late")).isNull();
		assertThat(redis().exists("ql:w:late:jobs")).isZero();
		assertThat(redis().zcard("ql:workers")).isEqualTo(201);
		this.qless.call("workers", 100001);
		assertThat(redis().zcard("ql:workers")).isOne();
	}

	@Test
	void aPopParksAtMost500JobsWhateverMaxPopRetrySays() {
		for (int i = 0; i < 700; i++) {
			this.qless.put(0, "q", String.format("j-%03d", i), "throttles", "[\"th\"]");
		}
		this.qless.call("throttle.set", 0, "th", 1);
		redis().zadd("ql:th:th-locks", 1, "someone");
		this.qless.config("max-pop-retry", 100000);
		assertThat(this.qless.call("pop", 1, "q", "worker", 1)).isEqualTo("{}");
		assertThat(redis().zcard("ql:q:q-throttled")).isEqualTo(500);
		assertThat(redis().zcard("ql:q:q-work")).isEqualTo(200);
	}

	@Test
	void cancelOfAJobWithManyDependentsNamesOneThatIsNotCanceled() {
		parentWithDependents(1000);
		assertThat(this.qless.error("cancel", 1, "parent", "kid-1")).contains("is a dependency of kid-")
			.contains("but is not mentioned to be canceled");
		assertThat(redis().scard("ql:j:parent-dependents")).isEqualTo(1000);
	}

}
