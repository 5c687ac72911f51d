package io.qless.scripts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code workers} and worker job sets. */
class WorkersTests extends ScriptTestSupport {

	@BeforeEach
	void noGrace() {
		this.qless.config("grace-period", 0);
	}

	private void running(long now, String jid, String worker) {
		this.qless.put(now, "queue", jid);
		assertThat(this.qless.popOne(now, "queue", worker).get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void noWorkersIsAnEmptyObject() {
		assertThat(this.qless.call("workers", 0)).isEqualTo("{}");
	}

	@Test
	void workerDetailAndList() {
		running(0, "jid", "worker");
		assertThat(this.qless.json("workers", 1, "worker")).isEqualTo(json("{\"jobs\": [\"jid\"], \"stalled\": {}}"));
		assertThat(this.qless.json("workers", 1)).isEqualTo(json("[{\"name\": \"worker\", \"jobs\": 1, \"stalled\": 0}]"));
	}

	/**
	 * From the 16th worker on, {@code ql:workers} is a skip list (see SkipLists): each
	 * worker keeps its name and its last-seen time, and nothing else is in the set.
	 */
	@Test
	void sixteenWorkersMakeTheWorkerSetASkipList() {
		for (int i = 0; i < 15; i++) {
			this.qless.callAt("pop", String.format("100.%02d", i + 1), "queue", "w" + i, 1);
		}
		assertThat(this.qless.redis().objectEncoding("ql:workers")).isEqualTo("listpack");
		this.qless.callAt("pop", "100.5", "queue", "w15", 1);
		assertThat(this.qless.redis().objectEncoding("ql:workers")).isEqualTo("skiplist");
		assertThat(this.qless.redis().zcard("ql:workers")).isEqualTo(16);
		assertThat(this.qless.zscore("ql:workers", "w15")).isEqualTo(100.5);
		assertThat(this.qless.zscore("ql:workers", "w0")).isEqualTo(100.01);
		// a known worker seen again: its time moves, the set stays as it is
		this.qless.put(101, "queue", "jid");
		assertThat(this.qless.popOne(102, "queue", "w0").get("jid").asString()).isEqualTo("jid");
		assertThat(this.qless.call("heartbeat", 103, "jid", "w0")).isEqualTo(163L);
		assertThat(this.qless.zscore("ql:workers", "w0")).isEqualTo(103.0);
		assertThat(this.qless.json("workers", 104).findValues("name")).extracting((n) -> n.asString())
			.hasSize(16)
			.startsWith("w0", "w15")
			.allSatisfy((name) -> assertThat(name).matches("w\\d+"));
	}

	@Test
	void listIsMostRecentlySeenFirst() {
		this.qless.call("pop", 1, "queue", "b", 1);
		this.qless.call("pop", 2, "queue", "a", 1);
		this.qless.call("pop", 3, "queue", "c", 1);
		assertThat(this.qless.json("workers", 4).findValues("name")).extracting((n) -> n.asString())
			.containsExactly("c", "a", "b");
	}

	@Test
	void detailListsLatestExpiryFirst() {
		this.qless.put(0, "queue", "a");
		this.qless.popOne(0, "queue", "worker");
		this.qless.put(5, "queue", "b");
		this.qless.popOne(5, "queue", "worker");
		assertThat(this.qless.json("workers", 6, "worker")).isEqualTo(json("{\"jobs\": [\"b\", \"a\"], \"stalled\": {}}"));
	}

	@Test
	void expiryByMaxWorkerAge() {
		this.qless.config("max-worker-age", 3600);
		assertThat(this.qless.call("pop", 0, "queue", "worker", 1)).isEqualTo("{}");
		assertThat(this.qless.json("workers", 1)).isEqualTo(json("[{\"name\": \"worker\", \"jobs\": 0, \"stalled\": 0}]"));
		assertThat(this.qless.call("workers", 3600)).isEqualTo("{}");
		assertThat(this.qless.redis().exists("ql:workers")).isZero();
	}

	@Test
	void expiryDeletesTheJobSet() {
		running(0, "jid", "worker");
		this.qless.json("workers", 86400);
		assertThat(this.qless.redis().exists("ql:w:worker:jobs")).isZero();
		assertThat(this.qless.zscore("ql:workers", "worker")).isNull();
	}

	@Test
	void heartbeatRefreshesRegistration() {
		this.qless.config("max-worker-age", 3600);
		running(0, "jid", "worker");
		this.qless.call("heartbeat", 3590, "jid", "worker");
		assertThat(this.qless.json("workers", 3600)).isEqualTo(json("[{\"name\": \"worker\", \"jobs\": 1, \"stalled\": 0}]"));
	}

	@Test
	void stalledJobsAfterAPeek() {
		running(0, "jid", "worker");
		this.qless.peek(100, "queue", 10);
		assertThat(this.qless.json("workers", 100, "worker")).isEqualTo(json("{\"jobs\": {}, \"stalled\": [\"jid\"]}"));
		assertThat(this.qless.json("workers", 100)).isEqualTo(json("[{\"name\": \"worker\", \"jobs\": 0, \"stalled\": 1}]"));
	}

	@Test
	void scoreEqualToNowCountsInBoth() {
		running(0, "jid", "worker");
		assertThat(this.qless.json("workers", 60)).isEqualTo(json("[{\"name\": \"worker\", \"jobs\": 1, \"stalled\": 1}]"));
	}

	@Test
	void reclaimByAnotherWorkerEmptiesTheOldWorker() {
		running(0, "jid", "worker");
		this.qless.popOne(100, "queue", "other");
		assertThat(this.qless.json("workers", 100, "worker")).isEqualTo(json("{\"jobs\": {}, \"stalled\": {}}"));
		assertThat(this.qless.json("workers", 100, "other")).isEqualTo(json("{\"jobs\": [\"jid\"], \"stalled\": {}}"));
	}

	@Test
	void cancelFailCompletePutAndRetryRemoveTheJobFromTheWorker() {
		running(0, "a", "worker");
		running(0, "b", "worker");
		running(0, "c", "worker");
		running(0, "d", "worker");
		running(0, "e", "worker");
		this.qless.call("cancel", 1, "a");
		this.qless.fail(1, "b", "worker", "grp", "msg");
		this.qless.complete(1, "c", "worker", "queue");
		this.qless.put(1, "queue", "d");
		this.qless.call("retry", 1, "e", "queue", "worker");
		assertThat(this.qless.json("workers", 2, "worker")).isEqualTo(json("{\"jobs\": {}, \"stalled\": {}}"));
		assertThat(this.qless.redis().zcard("ql:w:worker:jobs")).isZero();
	}

	@Test
	void completeFailAndRetryDoNotRefreshTheWorker() {
		running(0, "a", "worker");
		this.qless.complete(10, "a", "worker", "queue");
		assertThat(this.qless.zscore("ql:workers", "worker")).isEqualTo(0.0);
	}

	@Test
	void unknownWorkerHasEmptyLists() {
		assertThat(this.qless.json("workers", 0, "nobody")).isEqualTo(json("{\"jobs\": {}, \"stalled\": {}}"));
	}

	@Test
	void deregisterRemovesOnlyTheName() {
		running(0, "jid", "worker");
		this.qless.call("pop", 0, "queue", "other", 1);
		assertThat(this.qless.call("worker.deregister", 1, "worker")).isNull();
		assertThat(this.qless.json("workers", 1)).isEqualTo(json("[{\"name\": \"other\", \"jobs\": 0, \"stalled\": 0}]"));
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isEqualTo(60.0);
	}

	@Test
	void jobsCountOnlyLocksWithinOneHundredDays() {
		this.qless.config("heartbeat", 9000000);
		running(0, "jid", "worker");
		assertThat(this.qless.json("workers", 1)).isEqualTo(json("[{\"name\": \"worker\", \"jobs\": 0, \"stalled\": 0}]"));
		assertThat(this.qless.json("workers", 1, "worker")).isEqualTo(json("{\"jobs\": {}, \"stalled\": {}}"));
	}

	@Test
	void stalledListsLatestExpiryFirst() {
		running(0, "a", "worker");
		running(10, "b", "worker");
		assertThat(this.qless.json("workers", 100, "worker")).isEqualTo(json("{\"jobs\": {}, \"stalled\": [\"b\", \"a\"]}"));
	}

}
