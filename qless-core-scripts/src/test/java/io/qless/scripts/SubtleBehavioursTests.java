package io.qless.scripts;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.ScriptOutputType;
import io.qless.scripts.EventRecorder.Event;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** One test for each of 25 subtle behaviours of qless-core that a fresh implementation most easily gets wrong. */
class SubtleBehavioursTests extends ScriptTestSupport {

	private void running(long now, String queue, String jid, String worker, Object... options) {
		this.qless.put(now, queue, jid, options);
		assertThat(this.qless.popOne(now, queue, worker).get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void s01_emptyTablesEncodeAsObjects() {
		assertThat(this.qless.call("pop", 0, "queue", "worker", 1)).isEqualTo("{}");
		assertThat(this.qless.call("peek", 0, "queue", 1)).isEqualTo("{}");
		assertThat(this.qless.call("multiget", 0, "missing")).isEqualTo("{}");
		assertThat(this.qless.call("failed", 0)).isEqualTo("{}");
		assertThat(this.qless.call("tag", 0, "top")).isEqualTo("{}");
		assertThat(json((String) this.qless.call("track", 0))).isEqualTo(json("{\"jobs\": {}, \"expired\": {}}"));
		this.qless.redis().del("ql:workers");
		assertThat(this.qless.call("workers", 0)).isEqualTo("{}");
		assertThat(this.qless.call("queues", 0)).isEqualTo("{}");
		this.qless.put(0, "queue", "jid");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("tags")).isEqualTo(json("{}"));
		assertThat(job.get("dependents")).isEqualTo(json("{}"));
		assertThat(job.get("dependencies")).isEqualTo(json("{}"));
		assertThat(job.get("failure")).isEqualTo(json("{}"));
		assertThat(job.get("spawned_from_jid").isBoolean()).isTrue();
		assertThat(job.get("spawned_from_jid").asBoolean()).isFalse();
		assertThat(this.qless.redis().hget("ql:j:jid", "tags")).isEqualTo("{}");
		assertThat(this.qless.call("tag", 0, "remove", "jid", "x")).isEqualTo("{}");
	}

	@Test
	void s02_workScoreIsPriorityMinusTimeOverTenBillion() {
		this.qless.put(100, "queue", "jid", "priority", 2);
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isEqualTo(2 - 100 / 1e10);
		this.qless.put(100, "queue", "b");
		this.qless.put(100, "queue", "c");
		this.qless.put(100, "queue", "a");
		assertThat(QlessScript.jids(this.qless.peek(100, "queue", 10))).containsExactly("jid", "c", "b", "a");
		this.qless.put(101, "queue", "late");
		this.qless.call("priority", 102, "late", 0);
		assertThat(this.qless.zscore("ql:q:queue-work", "late")).isEqualTo(0.0);
		assertThat(QlessScript.jids(this.qless.peek(102, "queue", 10))).containsExactly("jid", "late", "c", "b", "a");
		this.qless.popOne(103, "queue", "worker");
		this.qless.call("timeout", 104, "jid");
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isEqualTo(Double.POSITIVE_INFINITY);
	}

	@Test
	void s03_twoStageLockReclaim() {
		running(0, "queue", "jid", "worker");
		assertThat(this.qless.call("pop", 60, "queue", "other", 1)).isEqualTo("{}");
		JsonNode warned = this.qless.job("jid");
		assertThat(warned.get("state").asString()).isEqualTo("running");
		assertThat(warned.get("history").get(2)).isEqualTo(json("{\"when\": 60, \"what\": \"timed-out\"}"));
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "retries")).isEqualTo("1");
		assertThat(this.qless.zscore("ql:q:queue-locks", "jid")).isEqualTo(70.0);
		// Deliberate change from the reference: a heartbeat renews the lease and clears the
		// flag, so the renewed lease gets a courtesy of its own before it is reclaimed.
		this.qless.call("heartbeat", 65, "jid", "worker");
		assertThat(this.qless.redis().hexists("ql:j:jid", "grace")).isFalse();
		assertThat(this.qless.call("pop", 125, "queue", "other", 1)).isEqualTo("{}");
		JsonNode reclaimed = this.qless.popOne(135, "queue", "other");
		assertThat(reclaimed.get("remaining").asInt()).isEqualTo(4);
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "retries")).isEqualTo("2");

		this.qless.config("grace-period", 0);
		running(200, "q2", "j2", "worker");
		JsonNode both = this.qless.popOne(260, "q2", "other");
		assertThat(both.get("jid").asString()).isEqualTo("j2");
		assertThat(both.get("remaining").asInt()).isEqualTo(4);
		assertThat(this.qless.redis().hget("ql:s:stats:0:q2", "retries")).isEqualTo("1");
	}

	@Test
	void s04_reclaimedJobsComeFirstAndCountTowardsCount() {
		running(0, "queue", "stale", "worker");
		this.qless.put(10, "queue", "a", "priority", 5);
		this.qless.put(10, "queue", "b");
		assertThat(QlessScript.jids(this.qless.pop(60, "queue", "other", 1))).containsExactly("a");
		assertThat(QlessScript.jids(this.qless.pop(70, "queue", "other", 2))).containsExactly("stale", "b");
	}

	@Test
	void s05_peekShowsStalledJobsButSpawnsAndPromotes() {
		running(0, "queue", "stale", "worker");
		this.qless.putBy(0, "worker", "queue", "later", 10);
		this.qless.call("recur", 0, "queue", "r", "klass", "{}", "interval", 1000, 0);
		JsonNode peeked = this.qless.peek(100, "queue", 10);
		assertThat(QlessScript.jids(peeked)).containsExactly("stale", "r-1", "later");
		assertThat(peeked.get(0).get("state").asString()).isEqualTo("running");
		assertThat(this.qless.redis().hexists("ql:j:stale", "grace")).isFalse();
		assertThat(this.qless.state("later")).isEqualTo("waiting");
		this.qless.putBy(100, "worker", "queue", "q1", 5);
		this.qless.json("queues", 105, "queue");
		assertThat(this.qless.state("q1")).isEqualTo("waiting");
		this.qless.putBy(105, "worker", "queue", "j1", 5);
		this.qless.call("jobs", 110, "scheduled", "queue");
		assertThat(this.qless.state("j1")).isEqualTo("waiting");
	}

	@Test
	void s06_pausedPopReturnsBeforeRegisteringTheWorker() {
		this.qless.call("pause", 0, "paused");
		assertThat(this.qless.call("pop", 1, "paused", "idle", 1)).isEqualTo("{}");
		assertThat(this.qless.zscore("ql:workers", "idle")).isNull();
		assertThat(this.qless.call("pop", 2, "empty", "idle", 1)).isEqualTo("{}");
		assertThat(this.qless.zscore("ql:workers", "idle")).isEqualTo(2.0);
	}

	@Test
	void s07_maxConcurrencyCountsOnlyLiveLocks() {
		running(0, "queue", "b", "worker");
		running(50, "queue", "a", "worker");
		this.qless.config("queue-max-concurrency", 1);
		assertThat(this.qless.call("pop", 70, "queue", "other", 5)).isEqualTo("{}");
		assertThat(this.qless.redis().hexists("ql:j:b", "grace")).isFalse();
		assertThat(this.qless.job("b").get("history").size()).isEqualTo(2);
		this.qless.complete(71, "a", "worker", "queue");
		this.qless.config("grace-period", 0);
		assertThat(QlessScript.jids(this.qless.pop(72, "queue", "other", 5))).containsExactly("b");
	}

	@Test
	void s08_delayedAdvanceKeepsStateWaiting() {
		running(0, "queue", "jid", "worker");
		assertThat(this.qless.complete(1, "jid", "worker", "queue", "next", "next", "delay", 10)).isEqualTo("scheduled");
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
		assertThat(this.qless.redis().hget("ql:j:jid", "state")).isEqualTo("waiting");
		assertThat(this.qless.zscore("ql:q:next-scheduled", "jid")).isEqualTo(11.0);
		running(2, "queue", "other", "worker");
		assertThat(this.qless.complete(3, "other", "worker", "queue", "next", "next", "delay", 10, "depends",
				"[\"missing\"]")).isEqualTo("waiting");
		assertThat(this.qless.zscore("ql:q:next-work", "other")).isNotNull();
	}

	@Test
	void s09_onlyARealCompletionReleasesDependents() {
		running(0, "queue", "parent", "worker");
		this.qless.putBy(0, "worker", "queue", "child", 50, "depends", "[\"parent\"]");
		this.qless.complete(1, "parent", "worker", "queue", "next", "queue");
		assertThat(this.qless.state("child")).isEqualTo("depends");
		this.qless.popOne(2, "queue", "worker");
		this.qless.fail(3, "parent", "worker", "grp", "msg");
		assertThat(this.qless.state("child")).isEqualTo("depends");
		this.qless.put(4, "queue", "parent");
		this.qless.popOne(5, "queue", "worker");
		this.qless.complete(6, "parent", "worker", "queue");
		assertThat(this.qless.state("child")).isEqualTo("scheduled");
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "child")).isEqualTo(50.0);

		this.qless.put(10, "queue", "p2");
		this.qless.putBy(10, "worker", "queue", "c2", 100, "depends", "[\"p2\"]");
		this.qless.call("depends", 11, "c2", "off", "p2");
		assertThat(this.qless.state("c2")).isEqualTo("waiting");
		assertThat(this.qless.zscore("ql:q:queue-work", "c2")).isEqualTo(0 - 11 / 1e10);
	}

	@Test
	void s10_putWithEmptyDependsKeepsTheOldEdges() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b");
		this.qless.put(0, "queue", "jid", "depends", "[\"a\"]", "priority", 4, "tags", "[\"t\"]", "retries", 7);
		this.qless.put(1, "queue", "jid", "depends", "[]");
		this.qless.put(2, "queue", "jid");
		assertThat(this.qless.redis().smembers("ql:j:jid-dependencies")).containsExactly("a");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("depends");
		assertThat(job.get("priority").asInt()).isEqualTo(4);
		assertThat(job.get("tags")).isEqualTo(json("[\"t\"]"));
		assertThat(job.get("retries").asInt()).isEqualTo(7);
		this.qless.put(3, "queue", "jid", "depends", "[\"b\"]");
		assertThat(this.qless.redis().smembers("ql:j:jid-dependencies")).containsExactly("b");

		running(4, "queue", "f", "worker", "priority", 100, "retries", 2);
		this.qless.call("retry", 5, "f", "queue", "worker");
		this.qless.popOne(6, "queue", "worker");
		this.qless.fail(7, "f", "worker", "grp", "msg");
		this.qless.put(8, "queue", "f");
		JsonNode f = this.qless.job("f");
		assertThat(f.get("remaining").asInt()).isEqualTo(2);
		assertThat(f.get("failure").get("group").asString()).isEqualTo("grp");
	}

	@Test
	void s11_putByAnotherWorkerSendsLockLost() {
		running(0, "queue", "jid", "worker");
		this.qless.call("track", 0, "track", "jid");
		try (EventRecorder events = new EventRecorder(this.qless)) {
			this.qless.putBy(1, "worker", "queue", "jid", 0);
			assertThat(events.drain()).extracting(Event::channel).containsExactly("ql:log", "ql:put");
			this.qless.popOne(2, "queue", "worker");
			events.drain();
			this.qless.putBy(3, "intruder", "queue", "jid", 0);
			assertThat(events.drain()).extracting(Event::channel)
				.containsExactly("ql:log", "ql:w:worker", "ql:log", "ql:put");
		}
	}

	@Test
	void s12_failedStatIsDecrementedForTheDayOfTheFailure() {
		running(0, "queue", "a", "worker");
		this.qless.fail(10, "a", "worker", "grp", "msg");
		this.qless.put(200000, "dest", "a");
		assertThat(this.qless.redis().hget("ql:s:stats:0:dest", "failed")).isEqualTo("-1");
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "failed")).isEqualTo("1");
		assertThat(this.qless.redis().exists("ql:s:stats:172800:dest")).isZero();
		running(300000, "queue", "b", "worker");
		this.qless.fail(300000, "b", "worker", "grp", "msg");
		this.qless.call("cancel", 400000, "b");
		assertThat(this.qless.redis().hget("ql:s:stats:259200:queue", "failed")).isEqualTo("0");
	}

	@Test
	void s13_retryQuirks() {
		running(0, "queue", "jid", "worker");
		try (EventRecorder events = new EventRecorder(this.qless)) {
			assertThat(this.qless.call("retry", 1, "jid", "elsewhere", "worker")).isEqualTo(4L);
			assertThat(events.drain()).isEmpty();
		}
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("history").size()).isEqualTo(2);
		assertThat(job.get("worker").asString()).isEqualTo("worker");
		assertThat(job.get("expires").asInt()).isEqualTo(60);
		assertThat(job.get("queue").asString()).isEqualTo("queue");
		assertThat(this.qless.zscore("ql:q:elsewhere-work", "jid")).isNotNull();
		running(2, "queue", "x", "worker", "retries", 0);
		try (EventRecorder events = new EventRecorder(this.qless)) {
			assertThat(this.qless.call("retry", 3, "x", "queue", "worker")).isEqualTo(-1L);
			assertThat(events.drain()).isEmpty();
		}
	}

	@Test
	void s14_exhaustionFailureObject() {
		running(0, "queue", "r", "worker", "retries", 0);
		this.qless.callAt("retry", "1.25", "r", "queue", "worker");
		assertThat(this.qless.job("r").get("failure")).isEqualTo(json("""
				{"group": "failed-retries-queue", "message": "Job exhausted retries in queue \\"queue\\"",
				 "when": 1.25, "worker": ""}"""));
		running(2, "queue", "g", "worker", "retries", 0);
		this.qless.callAt("retry", "3.75", "g", "queue", "worker", 0, "grp", "msg");
		assertThat(this.qless.job("g").get("failure")).isEqualTo(json("""
				{"group": "grp", "message": "msg", "when": 3, "worker": "worker"}"""));
		this.qless.config("grace-period", 0);
		this.qless.config("heartbeat", -10);
		running(4, "queue", "l", "worker", "retries", 0);
		try (EventRecorder events = new EventRecorder(this.qless)) {
			this.qless.callAt("pop", "5.5", "queue", "other", 1);
			List<Event> published = events.drain();
			JsonNode failed = QlessScript.parse(published.get(published.size() - 1).message());
			assertThat(failed.get("event").asString()).isEqualTo("failed");
			assertThat(failed.get("worker").asString()).isEqualTo("worker");
		}
		assertThat(this.qless.job("l").get("failure").get("worker").asString()).isEmpty();
		assertThat(this.qless.job("l").get("failure").get("when").asDouble()).isEqualTo(5.5);
	}

	@Test
	void s15_cancelChecksTheWholeSetFirst() {
		this.qless.put(0, "queue", "free");
		this.qless.put(0, "queue", "parent");
		this.qless.put(0, "queue", "child", "depends", "[\"parent\"]");
		this.qless.assertError("Cancel(): parent is a dependency of child but is not mentioned to be canceled",
				"cancel", 1, "free", "parent");
		assertThat(this.qless.job("free")).isNotNull();
		running(2, "queue", "done", "worker", "priority", 100);
		this.qless.complete(2, "done", "worker", "queue");
		this.qless.call("track", 2, "track", "free");
		try (EventRecorder events = new EventRecorder(this.qless)) {
			assertThat(this.qless.call("cancel", 3, "free", "done", "ghost")).isEqualTo(List.of("free", "done", "ghost"));
			assertThat(events.drain()).extracting(Event::channel).containsExactly("ql:log", "ql:canceled", "ql:log");
		}
		assertThat(this.qless.state("done")).isEqualTo("complete");
		assertThat(this.qless.zscore("ql:tracked", "free")).isNotNull();
	}

	@Test
	void s16_timeout() {
		running(0, "queue", "jid", "worker");
		this.qless.call("timeout", 1, "jid");
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("stalled");
		assertThat(job.get("worker").asString()).isEqualTo("worker");
		assertThat(job.get("remaining").asInt()).isEqualTo(5);
		assertThat(this.qless.zscore("ql:q:queue-work", "jid")).isEqualTo(Double.POSITIVE_INFINITY);
		assertThat(this.qless.zscore("ql:w:worker:jobs", "jid")).isEqualTo(60.0);
	}

	@Test
	void s17_historyTrimmingKeepsTheFirstEntry() {
		this.qless.config("max-job-history", 4);
		for (int i = 0; i < 10; i++) {
			this.qless.put(i, "queue", "jid");
		}
		JsonNode history = this.qless.job("jid").get("history");
		assertThat(history.findValues("when")).extracting(JsonNode::asInt).containsExactly(0, 7, 8, 9);
		this.qless.call("config.unset", 0, "max-job-history");
		assertThat(this.qless.json("config.get", 0).has("max-job-history")).isFalse();
	}

	@Test
	void s18_completedJobExpiryOnlyInARealComplete() {
		running(0, "queue", "old", "worker", "tags", "[\"t\"]");
		this.qless.put(0, "queue", "dependent", "depends", "[\"old\"]");
		this.qless.call("track", 0, "track", "old");
		this.qless.complete(1, "old", "worker", "queue");
		this.qless.config("jobs-history", -1);
		running(2, "queue", "adv", "worker", "priority", 100);
		this.qless.complete(3, "adv", "worker", "queue", "next", "other");
		assertThat(this.qless.job("old")).isNotNull();
		running(4, "queue", "last", "worker", "priority", 100);
		this.qless.complete(5, "last", "worker", "queue");
		assertThat(this.qless.job("old")).isNull();
		assertThat(this.qless.job("last")).isNull();
		assertThat(this.qless.zscore("ql:t:t", "old")).isNull();
		assertThat(this.qless.zscore("ql:tracked", "old")).isNotNull();
		assertThat(this.qless.json("track", 5).get("expired")).isEqualTo(json("[\"old\"]"));
	}

	@Test
	void s19_tagCountsDrift() {
		this.qless.put(0, "queue", "jid", "tags", "[\"a\"]");
		this.qless.call("tag", 1, "add", "jid", "a");
		assertThat(this.qless.zscore("ql:tags", "a")).isEqualTo(2.0);
		assertThat(this.qless.json("tag", 1, "top")).isEqualTo(json("[\"a\"]"));
		this.qless.call("tag", 1, "remove", "jid", "b");
		assertThat(this.qless.zscore("ql:tags", "b")).isEqualTo(-1.0);
		this.qless.call("tag", 1, "remove", "jid", "a");
		assertThat(this.qless.call("tag", 1, "top")).isEqualTo("{}");
		this.qless.call("recur", 0, "queue", "r", "klass", "{}", "interval", 60, 0);
		assertThat(json((String) this.qless.call("recur.tag", 0, "r", "n", "n"))).isEqualTo(json("[\"n\",\"n\"]"));
	}

	@Test
	void s20_recurringChildren() {
		this.qless.call("recur", 0, "queue", "r", "klass", "{}", "interval", 60, 0);
		this.qless.call("recur", 0, "queue", "s", "klass", "{}", "interval", 60, 0);
		assertThat(this.qless.peek(125, "queue", 5).size()).isEqualTo(5);
		assertThat(this.qless.redis().hget("ql:r:r", "count")).isEqualTo("3");
		assertThat(this.qless.redis().hget("ql:r:s", "count")).isEqualTo("2");
		assertThat(Double.parseDouble(this.qless.redis().hget("ql:j:r-2", "time"))).isEqualTo(60.0);
		assertThat(this.qless.job("r-2").get("history").get(0).get("when").asInt()).isEqualTo(60);
		assertThat(this.qless.job("r-2").get("retries").asInt()).isZero();
		this.qless.call("unrecur", 200, "s");
		this.qless.call("recur", 200, "queue", "r", "klass", "{}", "interval", 60, 0);
		this.qless.peek(200, "queue", 1);
		assertThat(this.qless.redis().exists("ql:j:r-4")).isEqualTo(1L);
		this.qless.call("unrecur", 201, "r");
		this.qless.call("recur", 201, "queue", "r", "klass", "{}", "interval", 60, 0, "backlog", 1);
		assertThat(this.qless.redis().hget("ql:r:r", "count")).isEqualTo("0");
	}

	@Test
	void s21_replyTypes() {
		assertThat(this.qless.put(0, "queue", "jid")).isEqualTo("jid");
		assertThat(this.qless.call("track", 0, "track", "jid")).isEqualTo("1");
		assertThat(this.qless.call("track", 0, "track", "jid")).isEqualTo("0");
		assertThat(this.qless.call("priority", 0, "jid", "3.9")).isEqualTo(3L);
		this.qless.popOne(0, "queue", "worker");
		assertThat(this.qless.callAt("heartbeat", "0.5", "jid", "worker")).isEqualTo(60L);
		assertThat(this.qless.call("jobs", 1, "running", "queue")).isEqualTo(List.of("jid"));
		assertThat(this.qless.call("length", 1, "queue")).isEqualTo(1L);
		assertThat(this.qless.call("log", 1, "jid", "msg")).isNull();
		assertThat(this.qless.call("timeout", 1, "jid")).isNull();
		assertThat(this.qless.call("pause", 1, "queue")).isNull();
		assertThat(this.qless.call("unpause", 1, "queue")).isNull();
		assertThat(this.qless.call("config.set", 1, "x", "y")).isNull();
		assertThat(this.qless.call("config.unset", 1, "x")).isNull();
		this.qless.put(2, "queue", "a");
		this.qless.put(2, "queue", "b", "depends", "[\"a\"]");
		assertThat(this.qless.call("depends", 2, "b", "off", "all")).isEqualTo(1L);
		this.qless.call("recur", 2, "queue", "r", "klass", "{}", "interval", 60, 0);
		assertThat(this.qless.call("recur.update", 2, "r", "priority", 1)).isEqualTo(1L);
		assertThat(this.qless.call("recur.tag", 2, "r", "t")).isEqualTo("[\"t\"]");
		assertThat(this.qless.call("recur.untag", 2, "r", "t")).isEqualTo("{}");
		assertThat(this.qless.call("unrecur", 2, "r")).isEqualTo(1L);
		assertThat(this.qless.call("cancel", 3, "a", "b")).isEqualTo(List.of("a", "b"));
		assertThat(this.qless.call("jobs", 3, "complete")).isEqualTo(List.of());
	}

	@Test
	void s22_configGetTypes() {
		assertThat(this.qless.call("config.get", 0, "heartbeat")).isEqualTo(60L);
		this.qless.config("heartbeat", 100);
		assertThat(this.qless.call("config.get", 0, "heartbeat")).isEqualTo("100");
		assertThat(this.qless.call("config.get", 0, "max-job-history")).isNull();
		assertThat(this.qless.call("config.get", 0, "max-worker-age")).isNull();
	}

	@Test
	void s23_heartbeatAndFailReEncodeDataPutAndCompleteDoNot() {
		this.qless.call("put", 0, "worker", "queue", "jid", "klass", "[]", 0);
		assertThat(this.qless.job("jid").get("data").asString()).isEqualTo("[]");
		this.qless.popOne(0, "queue", "worker");
		this.qless.call("heartbeat", 1, "jid", "worker", "[]");
		assertThat(this.qless.redis().hget("ql:j:jid", "data")).isEqualTo("{}");
		this.qless.call("complete", 2, "jid", "worker", "queue", "[]", "next", "queue");
		assertThat(this.qless.redis().hget("ql:j:jid", "data")).isEqualTo("[]");
		this.qless.popOne(3, "queue", "worker");
		this.qless.call("fail", 4, "jid", "worker", "grp", "msg", "[]");
		assertThat(this.qless.redis().hget("ql:j:jid", "data")).isEqualTo("{}");
	}

	@Test
	void s24_validationOrderQuirks() {
		this.qless.put(0, "queue", "waiting");
		this.qless.assertError("Depends(): Job waiting not in the depends state: waiting", "depends", 0, "waiting",
				"sideways");
		this.qless.assertError("Track(): Job does not exist", "track", 0, "sideways", "missing");
		this.qless.assertError("Failed(): Arg \"start\" is not a number: x", "failed", 0, "grp", "x");
		String heartbeat = this.qless.error("heartbeat", 0, "missing", "worker", "{oops");
		assertThat(heartbeat).doesNotContain("does not exist");
		this.qless.assertError("Fail(): Job missingdoes not exist", "fail", 0, "missing", "worker", "grp", "msg");
		this.qless.assertError("Fail(): Job waitingnot currently running: waiting", "fail", 0, "waiting", "worker",
				"grp", "msg");
	}

	@Test
	void s25_errorsAreLuaStringErrorsAndWritesAreNotRolledBack() {
		String error = this.qless.error("complete", 0, "jid", "worker", "queue", "{}");
		Matcher ruby = Pattern.compile("user_(?:script|function):\\d+:\\s*(\\w+.+$)", Pattern.MULTILINE).matcher(error);
		assertThat(ruby.find()).as(error).isTrue();
		assertThat(ruby.group(1)).startsWith("Complete(): Job jid does not exist");

		this.qless.call("recur", 0, "queue", "r", "klass", "{}", "interval", 60, 0);
		this.qless.assertError("Recur(): Unrecognized option \"bogus\"", "recur.update", 0, "r", "priority", 9,
				"bogus", 1);
		assertThat(this.qless.redis().hget("ql:r:r", "priority")).isEqualTo("9");
		running(0, "other", "t1", "worker");
		this.qless.assertError("does not exist", "timeout", 1, "t1", "missing");
		assertThat(this.qless.state("t1")).isEqualTo("stalled");

		String globalsBefore = (String) this.qless.redis().eval(
				"local n = {} for k in pairs(_G) do n[#n + 1] = tostring(k) end table.sort(n) return table.concat(n, ',')",
				ScriptOutputType.VALUE);
		this.qless.put(2, "queue", "g");
		this.qless.peek(2, "queue", 1);
		String globalsAfter = (String) this.qless.redis().eval(
				"local n = {} for k in pairs(_G) do n[#n + 1] = tostring(k) end table.sort(n) return table.concat(n, ',')",
				ScriptOutputType.VALUE);
		assertThat(globalsAfter).isEqualTo(globalsBefore);
		assertThat(this.qless.hash("ql:j:g")).contains(entry("state", "waiting"));
	}

}
