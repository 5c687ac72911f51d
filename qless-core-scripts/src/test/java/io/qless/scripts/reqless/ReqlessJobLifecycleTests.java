package io.qless.scripts.reqless;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code job.complete}, {@code job.completeAndRequeue}, {@code job.fail}, {@code job.retry}, {@code job.heartbeat}, {@code job.timeout}. */
class ReqlessJobLifecycleTests extends ReqlessTestSupport {

	private void running(long now, String queue, String jid, Object... options) {
		this.reqless.put(now, queue, jid, options);
		assertThat(this.reqless.popJids(now, queue, "worker", 1)).containsExactly(jid);
	}

	@Test
	void completeShapeAndErrorsWithoutTheJid() {
		running(0, "queue", "jid");
		assertThat(this.reqless.error("job.complete", 1, "jid")).contains("Complete(): Arg \"worker\" missing");
		assertThat(this.reqless.error("job.complete", 1, "jid", "worker"))
			.contains("Complete(): Arg \"queue_name\" missing");
		assertThat(this.reqless.error("job.complete", 1, "jid", "worker", "queue", "false"))
			.contains("Complete(): Arg \"data\" missing or not JSON: false");
		assertThat(this.reqless.error("job.complete", 1, "nope", "worker", "queue", "{}"))
			.contains("Complete(): Job does not exist");
		assertThat(this.reqless.error("job.complete", 1, "jid", "other", "queue", "{}"))
			.contains("Complete(): Job has been handed out to another worker: worker");
		assertThat(this.reqless.error("job.complete", 1, "jid", "worker", "other", "{}"))
			.contains("Complete(): Job running in another queue: queue");
		assertThat(this.reqless.call("job.complete", 1, "jid", "worker", "queue", "{}", "ignored")).isEqualTo("complete");
		assertThat(this.reqless.error("job.complete", 2, "jid", "worker", "queue", "{}"))
			.contains("Complete(): Job is not currently running: complete");
		assertThat(this.reqless.job("jid")).isEqualTo(json("""
				{"jid":"jid","klass":"klass","state":"complete","queue":"","worker":"","tracked":false,
				 "priority":0,"expires":0,"retries":5,"remaining":5,"data":"{}","tags":{},
				 "throttles":["ql:q:queue"],"failure":{},"spawned_from_jid":false,"dependents":{},"dependencies":{},
				 "history":[{"when":0,"what":"put","queue":"queue"},{"when":0,"what":"popped","worker":"worker"},
				            {"when":1,"what":"done"}]}"""));
	}

	@Test
	void completeAndRequeueAdvancesKeepingTheOldQueueThrottle() {
		running(0, "queue", "jid");
		assertThat(this.reqless.call("job.completeAndRequeue", 1, "jid", "worker", "queue", "[]", "next-q"))
			.isEqualTo("waiting");
		JsonNode job = this.reqless.job("jid");
		assertThat(job.get("queue").asString()).isEqualTo("next-q");
		assertThat(job.get("data").asString()).isEqualTo("[]");
		assertThat(ReqlessScript.strings(job.get("throttles"))).containsExactly("ql:q:queue");
		assertThat(job.get("history").get(3)).isEqualTo(json("{\"when\":1,\"what\":\"put\",\"queue\":\"next-q\"}"));
		assertThat(this.reqless.popJids(2, "next-q", "worker", 1)).containsExactly("jid");
		assertThat(this.reqless.strings("throttle.locks", 2, "ql:q:queue")).containsExactly("jid");
	}

	@Test
	void completeAndRequeueOptions() {
		running(0, "queue", "jid");
		assertThat(this.reqless.error("job.completeAndRequeue", 1, "jid", "worker", "queue", "{}", "b", "delay", "x"))
			.contains("assertion failed!");
		assertThat(this.reqless.error("job.completeAndRequeue", 1, "jid", "worker", "queue", "{}", "b", "depends", "false"))
			.contains("Complete(): Arg \"depends\" not JSON: false");
		assertThat(this.reqless.call("job.completeAndRequeue", 1, "jid", "worker", "queue", "{}", "b", "delay", 10))
			.isEqualTo("scheduled");
		assertThat(this.reqless.state("jid")).isEqualTo("waiting");
		assertThat(this.reqless.strings("queue.jobsByState", 1, "scheduled", "b")).containsExactly("jid");
		// no next queue: a plain complete
		running(2, "queue", "other");
		assertThat(this.reqless.call("job.completeAndRequeue", 3, "other", "worker", "queue", "{}")).isEqualTo("complete");
	}

	@Test
	void aLaterNextPairOverridesThePositionalQueue() {
		running(0, "queue", "jid");
		this.reqless.call("job.completeAndRequeue", 1, "jid", "worker", "queue", "{}", "a", "next", "b");
		assertThat(this.reqless.job("jid").get("queue").asString()).isEqualTo("b");
	}

	@Test
	void strayNextTokenOfPythonAndRubyClientsIsTolerated() {
		running(0, "queue", "jid");
		this.reqless.put(0, "other", "dep");
		assertThat(this.reqless.call("job.completeAndRequeue", 1, "jid", "worker", "queue", "{}", "next", "target",
				"delay", 0, "depends", "[\"dep\"]"))
			.isEqualTo("depends");
		assertThat(this.reqless.job("jid").get("queue").asString()).isEqualTo("target");
		assertThat(this.reqless.strings("queues.names", 1)).doesNotContain("next");
		// odd count after the data: a queue literally named "next" (the reference reading)
		running(2, "queue", "jid2");
		this.reqless.call("job.completeAndRequeue", 3, "jid2", "worker", "queue", "{}", "next", "delay", 0);
		assertThat(this.reqless.job("jid2").get("queue").asString()).isEqualTo("next");
	}

	@Test
	void failShapeAndErrors() {
		running(0, "queue", "jid");
		assertThat(this.reqless.error("job.fail", 1, "jid", "worker", "group")).contains("Fail(): Arg \"message\" missing");
		assertThat(this.reqless.error("job.fail", 1, "nope", "worker", "group", "m")).contains("Fail(): Job does not exist");
		assertThat(this.reqless.error("job.fail", 1, "jid", "other", "group", "m"))
			.contains("Fail(): Job running with another worker: worker");
		assertThat(this.reqless.call("job.fail", 1, "jid", "worker", "group", "message", "{\"a\": 1}")).isEqualTo("jid");
		assertThat(this.reqless.error("job.fail", 1, "jid", "worker", "group", "m"))
			.contains("Fail(): Job not currently running: failed");
		JsonNode job = this.reqless.job("jid");
		assertThat(job.get("failure")).isEqualTo(json("{\"group\":\"group\",\"message\":\"message\",\"when\":1,\"worker\":\"worker\"}"));
		assertThat(job.get("history").get(2)).isEqualTo(json("{\"when\":1,\"what\":\"failed\",\"worker\":\"worker\",\"group\":\"group\"}"));
		assertThat(job.get("data").asString()).isEqualTo("{\"a\":1}");
	}

	@Test
	void retryAndItsExhaustion() {
		running(0, "queue", "jid", "retries", 1);
		assertThat(this.reqless.error("job.retry", 1, "jid")).contains("Retry(): Arg \"queue_name\" missing");
		assertThat(this.reqless.error("job.retry", 1, "jid", "queue", "worker", "x"))
			.contains("Retry(): Arg \"delay\" not a number: x");
		assertThat(this.reqless.error("job.retry", 1, "nope", "queue", "worker")).contains("Retry(): Job does not exist");
		assertThat(this.reqless.error("job.retry", 1, "jid", "queue", "other"))
			.contains("Retry(): Job has been given to another worker: worker");
		assertThat(this.reqless.call("job.retry", 1, "jid", "queue", "worker")).isEqualTo(0L);
		assertThat(this.reqless.error("job.retry", 1, "jid", "queue", "worker"))
			.contains("Retry(): Job is not currently running: waiting");
		this.reqless.popJids(2, "queue", "worker", 1);
		assertThat(this.reqless.call("job.retry", 3, "jid", "queue", "worker")).isEqualTo(-1L);
		JsonNode job = this.reqless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("failed");
		JsonNode last = job.get("history").get(job.get("history").size() - 1);
		assertThat(last).isEqualTo(json("{\"when\":3,\"what\":\"failed-retries\",\"group\":\"failed-retries-queue\"}"));
		assertThat(job.get("failure")).isEqualTo(json("""
				{"group":"failed-retries-queue","message":"Job exhausted retries in queue \\"queue\\"","when":3,"worker":""}"""));
	}

	@Test
	void heartbeatDoesNotRefreshTheWorkerRegistry() {
		running(0, "queue", "jid");
		assertThat(this.reqless.call("job.heartbeat", 10, "jid", "worker")).isEqualTo(70L);
		assertThat(this.reqless.redis().zscore("ql:workers", "worker")).isEqualTo(0.0);
		assertThat(this.reqless.call("job.heartbeat", 10, "jid", "worker", "[]")).isEqualTo(70L);
		assertThat(this.reqless.job("jid").get("data").asString()).isEqualTo("{}");
		assertThat(this.reqless.error("job.heartbeat", 10, "jid")).contains("Heatbeat(): Arg \"worker\" missing");
		assertThat(this.reqless.error("job.heartbeat", 10, "nope", "w")).contains("Heartbeat(): Job does not exist");
		assertThat(this.reqless.error("job.heartbeat", 10, "jid", "w"))
			.contains("Heartbeat(): Job given out to another worker: worker");
	}

	@Test
	void leaseScoresAreTheLeaseRoundedUpToAWholeSecond() {
		this.reqless.call("config.set", 0, "grace-period", 0);
		this.reqless.put(0, "queue", "jid");
		assertThat(this.reqless.call("queue.pop", "10.25", "queue", "worker", 1)).asString()
			.contains("\"expires\":70.25");
		assertThat(this.reqless.redis().hget("ql:j:jid", "expires")).isEqualTo("70.25");
		assertThat(this.reqless.redis().zscore("ql:q:queue-locks", "jid")).isEqualTo(71.0);
		assertThat(this.reqless.redis().zscore("ql:w:worker:jobs", "jid")).isEqualTo(71.0);
		assertThat(this.reqless.call("job.heartbeat", "70.5", "jid", "worker")).isEqualTo(130L);
		assertThat(this.reqless.redis().hget("ql:j:jid", "expires")).isEqualTo("130.5");
		assertThat(this.reqless.redis().zscore("ql:q:queue-locks", "jid")).isEqualTo(131.0);
		assertThat(this.reqless.popJids("130.75", "queue", "other", 1)).isEmpty();
		assertThat(this.reqless.popJids(131, "queue", "other", 1)).containsExactly("jid");
	}

	@Test
	void timeoutClearsTheWorker() {
		running(0, "queue", "jid");
		assertThat(this.reqless.call("job.timeout", 1, "jid")).isNull();
		JsonNode job = this.reqless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("stalled");
		assertThat(job.get("worker").asString()).isEmpty();
		assertThat(this.reqless.redis().zscore("ql:w:worker:jobs", "jid")).isNotNull();
		assertThat(this.reqless.error("job.timeout", 1, "jid")).contains("Timeout(): Job jid not running");
		assertThat(this.reqless.error("job.timeout", 1, "nope")).contains("Timeout(): Job nope not running");
		assertThat(this.reqless.popJids(2, "queue", "other", 1)).containsExactly("jid");
	}

}
