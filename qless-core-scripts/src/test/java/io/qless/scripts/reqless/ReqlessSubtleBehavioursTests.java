package io.qless.scripts.reqless;

import java.util.List;

import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One test for each of 20 subtle behaviours of the reqless dialect that are most easily got wrong. */
class ReqlessSubtleBehavioursTests extends ReqlessTestSupport {

	private void running(long now, String queue, String jid, String worker, Object... options) {
		this.reqless.put(now, queue, jid, options);
		assertThat(this.reqless.popJids(now, queue, worker, 1)).containsExactly(jid);
	}

	@Test
	void r01_emptyTopLevelListsAreBracketsNestedOnesBraces() {
		assertThat(this.reqless.call("worker.jobs", 0)).isEqualTo("{}");
		assertThat(this.reqless.call("workers.counts", 0)).isEqualTo("[]");
		assertThat(this.reqless.call("queue.pop", 0, "q", "w", 1)).isEqualTo("[]");
		assertThat(this.reqless.call("queue.peek", 0, "q", 0, 1)).isEqualTo("[]");
		assertThat(this.reqless.call("job.getMulti", 0, "x")).isEqualTo("[]");
		assertThat(this.reqless.call("tags.top", 0)).isEqualTo("[]");
		assertThat(this.reqless.call("queues.counts", 0)).isEqualTo("[]");
		assertThat(this.reqless.call("queue.counts", 0)).isEqualTo("{}");
		assertThat(this.reqless.call("failureGroups.counts", 0)).isEqualTo("{}");
		assertThat(this.reqless.json("jobs.tracked", 0)).isEqualTo(json("{\"jobs\":{},\"expired\":{}}"));
		this.reqless.put(0, "q", "jid");
		JsonNode job = this.reqless.job("jid");
		assertThat(job.get("tags")).isEqualTo(json("{}"));
		assertThat(job.get("dependents")).isEqualTo(json("{}"));
		this.reqless.call("queue.recurAtInterval", 0, "q", "r", "k", "{}", 60, 0);
		assertThat(this.reqless.call("recurringJob.removeTag", 0, "r", "x")).isEqualTo("{}");
		assertThat(this.reqless.call("recurringJob.addTag", 0, "r")).isEqualTo("[]");
	}

	@Test
	void r02_jobListingsAreJsonText() {
		this.reqless.put(0, "q", "jid");
		running(0, "q", "jid", "w");
		this.reqless.complete(1, "jid", "w", "q");
		assertThat(this.reqless.call("jobs.completed", 1)).isEqualTo("[\"jid\"]");
		assertThat(this.reqless.call("queue.jobsByState", 1, "complete")).isEqualTo("[\"jid\"]");
	}

	@Test
	void r03_eightStringDefaults() {
		JsonNode all = this.reqless.json("config.getAll", 0);
		assertThat(all.size()).isEqualTo(8);
		all.forEach((value) -> assertThat(value.isString()).isTrue());
		assertThat(all.has("stats-history")).isFalse();
		assertThat(this.reqless.error("config.get", 0)).contains("Argument 'key' missing");
	}

	@Test
	void r04_historyKeys() {
		this.reqless.call("throttle.set", 0, "t", 1);
		running(0, "q", "a", "w", "throttles", "[\"t\"]", "retries", 0);
		this.reqless.put(1, "q", "b", "throttles", "[\"t\"]");
		this.reqless.call("job.retry", 2, "a", "q", "w");
		JsonNode a = this.reqless.job("a").get("history");
		assertThat(a.get(0)).isEqualTo(json("{\"when\":0,\"what\":\"put\",\"queue\":\"q\"}"));
		assertThat(a.get(2)).isEqualTo(json("{\"when\":2,\"what\":\"failed-retries\",\"group\":\"failed-retries-q\"}"));
		assertThat(this.reqless.job("b").get("history").get(1))
			.isEqualTo(json("{\"when\":1,\"what\":\"throttled\",\"queue\":\"q\"}"));
		// reclaim exhaustion stays `failed`
		this.reqless.call("config.set", 0, "grace-period", 0);
		running(10, "q2", "c", "w", "retries", 0);
		this.reqless.call("queue.pop", 100, "q2", "w2", 1);
		JsonNode c = this.reqless.job("c").get("history");
		assertThat(c.get(c.size() - 1)).isEqualTo(json("{\"when\":100,\"what\":\"failed\",\"group\":\"failed-retries-q2\"}"));
	}

	@Test
	void r05_errorTextsWithoutTheJid() {
		assertThat(this.reqless.error("job.complete", 0, "jid", "w", "q", "{}")).contains("Complete(): Job does not exist");
		assertThat(this.reqless.error("job.fail", 0, "jid", "w", "g", "m")).contains("Fail(): Job does not exist");
		assertThat(this.reqless.error("job.retry", 0, "jid", "q", "w")).contains("Retry(): Job does not exist");
		assertThat(this.reqless.error("job.heartbeat", 0, "jid", "w")).contains("Heartbeat(): Job does not exist");
	}

	@Test
	void r06_throttlesEndInTheQueueThrottleAndAreNotInherited() {
		this.reqless.put(0, "queue", "jid", "throttles", "[\"ql:q:queue\"]");
		assertThat(ReqlessScript.strings(this.reqless.job("jid").get("throttles"))).containsExactly("ql:q:queue", "ql:q:queue");
		this.reqless.put(1, "other", "jid", "throttles", "[\"ql:q:queue\"]");
		assertThat(ReqlessScript.strings(this.reqless.job("jid").get("throttles"))).containsExactly("ql:q:other");
		this.reqless.put(2, "other", "jid");
		assertThat(ReqlessScript.strings(this.reqless.job("jid").get("throttles"))).containsExactly("ql:q:other");
	}

	@Test
	void r07_locksRecordedOnUnlimitedThrottles() {
		running(0, "q", "a", "w");
		running(0, "q", "b", "w");
		assertThat(this.reqless.strings("throttle.locks", 0, "ql:q:q")).containsExactly("a", "b");
	}

	@Test
	void r08_fullQueueThrottleSkipsSpawnAndPromotion() {
		this.reqless.call("queue.throttle.set", 0, "q", 1);
		running(0, "q", "a", "w");
		this.reqless.putDelayed(0, "q", "s", 5);
		this.reqless.call("queue.recurAtInterval", 0, "q", "r", "k", "{}", 60, 0);
		assertThat(this.reqless.call("queue.pop", 10, "q", "w", 5)).isEqualTo("[]");
		assertThat(this.reqless.redis().zscore("ql:q:q-scheduled", "s")).isNotNull();
		assertThat(this.reqless.json("recurringJob.get", 10, "r").get("count").asInt()).isZero();
	}

	@Test
	void r09_parkedOnTheFirstFullThrottleOnly() {
		this.reqless.call("throttle.set", 0, "t1", 1);
		this.reqless.call("throttle.set", 0, "t2", 1);
		running(0, "q", "a", "w", "throttles", "[\"t1\", \"t2\"]");
		this.reqless.put(1, "q", "b", "throttles", "[\"t1\", \"t2\"]");
		assertThat(this.reqless.strings("throttle.pending", 1, "t1")).containsExactly("b");
		assertThat(this.reqless.call("throttle.pending", 1, "t2")).isEqualTo("[]");
		assertThat(this.reqless.strings("queue.jobsByState", 1, "throttled", "q")).containsExactly("b");
	}

	@Test
	void r10_releasedJobsKeepTheirThrottledStateButCountAsWaiting() {
		this.reqless.call("throttle.set", 0, "t", 1);
		running(0, "q", "a", "w", "throttles", "[\"t\"]");
		this.reqless.put(1, "q", "b", "throttles", "[\"t\"]");
		this.reqless.complete(2, "a", "w", "q");
		assertThat(this.reqless.state("b")).isEqualTo("throttled");
		assertThat(this.reqless.json("queue.counts", 2, "q").get("waiting").asInt()).isEqualTo(1);
		assertThat(this.reqless.json("queue.peek", 2, "q", 0, 1).get(0).get("state").asString()).isEqualTo("throttled");
	}

	@Test
	void r11_releaseRunsBeforeReinsertion() {
		this.reqless.call("throttle.set", 0, "t", 1);
		running(0, "q", "jid1", "w", "throttles", "[\"t\"]");
		this.reqless.put(1, "q", "jid2", "throttles", "[\"t\"]");
		this.reqless.call("job.retry", 2, "jid1", "q", "w");
		assertThat(this.reqless.popJids(3, "q", "w", 1)).containsExactly("jid2");
	}

	@Test
	void r12_releaseOrderMatters() {
		this.reqless.call("throttle.set", 0, "t", 1);
		running(0, "q", "j1", "w", "throttles", "[\"t\"]");
		this.reqless.put(1, "q", "j2", "throttles", "[\"t\"]");
		this.reqless.call("throttle.release", 2, "t", "j2", "j1");
		assertThat(this.reqless.strings("queue.jobsByState", 2, "throttled", "q")).containsExactly("j2");
	}

	@Test
	void r13_onlyImmediateDependencyFreePutsAreThrottledAtPut() {
		this.reqless.call("throttle.set", 0, "t", 1);
		running(0, "q", "a", "w", "throttles", "[\"t\"]");
		this.reqless.putDelayed(0, "q", "s", 5, "throttles", "[\"t\"]");
		this.reqless.put(0, "q", "d", "throttles", "[\"t\"]", "depends", "[\"a\"]");
		assertThat(this.reqless.state("s")).isEqualTo("scheduled");
		assertThat(this.reqless.state("d")).isEqualTo("depends");
	}

	@Test
	void r14_retryExhaustionPublishesNothing() throws Exception {
		running(0, "q", "jid", "w", "retries", 0);
		this.reqless.call("job.track", 0, "jid");
		BlockingQueue<String> messages = new LinkedBlockingQueue<>();
		StatefulRedisPubSubConnection<String, String> pubsub = this.reqless.client().connectPubSub();
		try {
			pubsub.addListener(new RedisPubSubAdapter<>() {

				@Override
				public void message(String pattern, String channel, String message) {
					messages.add(channel + " " + message);
				}

			});
			pubsub.sync().psubscribe("*");
			assertThat(this.reqless.call("job.retry", 1, "jid", "q", "w")).isEqualTo(-1L);
			this.reqless.redis().publish("marker", "end");
			assertThat(messages.poll(10, TimeUnit.SECONDS)).isEqualTo("marker end");
		}
		finally {
			pubsub.close();
		}
	}

	@Test
	void r15_timeoutClearsWorkerAndMissingJobsReadAsNotRunning() {
		running(0, "q", "jid", "w");
		this.reqless.call("job.timeout", 1, "jid");
		assertThat(this.reqless.job("jid").get("worker").asString()).isEmpty();
		assertThat(this.reqless.error("job.timeout", 1, "nope")).contains("Timeout(): Job nope not running");
		assertThat(this.reqless.error("job.setPriority", 1, "nope", 1)).contains("Queue(): no queue name provided");
	}

	@Test
	void r16_heartbeatDoesNotRegisterTheWorker() {
		running(0, "q", "jid", "w");
		this.reqless.call("job.heartbeat", 50, "jid", "w");
		assertThat(this.reqless.redis().zscore("ql:workers", "w")).isZero();
	}

	@Test
	void r17_tagCounterGoesWithItsLastJob() {
		this.reqless.put(0, "q", "a", "tags", "[\"t\"]");
		this.reqless.put(0, "q", "b", "tags", "[\"t\"]");
		this.reqless.call("job.cancel", 0, "a");
		assertThat(this.reqless.redis().zscore("ql:tags", "t")).isEqualTo(1.0);
		this.reqless.call("job.cancel", 0, "b");
		assertThat(this.reqless.redis().zrange("ql:tags", 0, -1)).isEmpty();
	}

	@Test
	void r18_peekOffsetAndRequiredNumbers() {
		for (int i = 0; i < 3; i++) {
			this.reqless.put(i, "q", "j" + i);
		}
		assertThat(ReqlessScript.jids(this.reqless.json("queue.peek", 5, "q", 1, 1))).containsExactly("j1");
		assertThat(this.reqless.error("queue.peek", 5, "q", 1)).contains("Peek(): Arg \"limit\"");
		assertThat(this.reqless.error("queue.pop", 5, "q", "w")).contains("Pop(): Arg \"limit\"");
	}

	@Test
	void r19_positionalArguments() {
		this.reqless.call("queue.recurAtInterval", 0, "q", "r", "k", "{}", 60, 30);
		assertThat(this.reqless.redis().zscore("ql:q:q-recur", "r")).isEqualTo(30.0);
		running(0, "q", "jid", "w");
		assertThat(this.reqless.call("job.completeAndRequeue", 1, "jid", "w", "q", "{}", "b")).isEqualTo("waiting");
		assertThat(this.reqless.job("jid").get("queue").asString()).isEqualTo("b");
	}

	@Test
	void r20_queuePatternValuesAreJsonTexts() {
		this.reqless.call("queueIdentifierPatterns.setAll", 0, "x", "[\"a\"]");
		JsonNode identifiers = this.reqless.json("queueIdentifierPatterns.getAll", 0);
		assertThat(identifiers.get("x").isString()).isTrue();
		List<String> priorities = this.reqless.strings("queuePriorityPatterns.getAll", 0);
		assertThat(priorities).containsExactly("{\"fairly\": false, \"pattern\": [\"default\"]}");
	}

}
