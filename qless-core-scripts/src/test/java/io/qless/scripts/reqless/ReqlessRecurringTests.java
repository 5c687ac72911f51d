package io.qless.scripts.reqless;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code queue.recurAtInterval} and {@code recurringJob.*}. */
class ReqlessRecurringTests extends ReqlessTestSupport {

	private Object recur(long now, String queue, String jid, int interval, int offset, Object... options) {
		Object[] args = new Object[6 + options.length];
		args[0] = queue;
		args[1] = jid;
		args[2] = "klass";
		args[3] = "{}";
		args[4] = interval;
		args[5] = offset;
		System.arraycopy(options, 0, args, 6, options.length);
		return this.reqless.call("queue.recurAtInterval", now, args);
	}

	@Test
	void templateShape() {
		assertThat(recur(0, "queue", "jid", 60, 0)).isEqualTo("jid");
		assertThat(this.reqless.json("recurringJob.get", 0, "jid")).isEqualTo(json("""
				{"jid":"jid","klass":"klass","state":"recur","queue":"queue","priority":0,"interval":60,
				 "retries":0,"count":0,"data":"{}","tags":{},"backlog":0,"throttles":["ql:q:queue"]}"""));
		assertThat(this.reqless.call("recurringJob.get", 0, "nope")).isNull();
	}

	@Test
	void validation() {
		assertThat(this.reqless.error("queue.recurAtInterval", 0, "q", "j", "k", "{}", "x", 0))
			.contains("Recur(): Arg \"interval\" not a number: x");
		assertThat(this.reqless.error("queue.recurAtInterval", 0, "q", "j", "k", "{}", 60, "x"))
			.contains("Recur(): Arg \"offset\" not a number: x");
		assertThat(this.reqless.error("queue.recurAtInterval", 0, "q", "j", "k", "{}", 0, 0))
			.contains("Recur(): Arg \"interval\" must be greater than 0");
		assertThat(this.reqless.error("queue.recurAtInterval", 0, "q", "j", "k", "{}", 60, 0, "priority"))
			.contains("Recur(): Odd number of additional args");
		assertThat(this.reqless.error("queue.recurAtInterval", 0, "q", "j", "k", "{}", 60, 0, "throttles", "false"))
			.contains("Recur(): Arg \"throttles\" not JSON array: false");
		assertThat(this.reqless.error("queue.recurAtInterval", 0, "q", "j", "k", "false", 60, 0))
			.contains("Recur(): Arg \"data\" not JSON: false");
		assertThat(this.reqless.error("queue.recurAtInterval", 0, "q", "j")).contains("Recur(): Arg \"klass\" missing");
	}

	@Test
	void childrenCarryTheTemplateThrottlesAndQueueKeyedHistory() {
		recur(0, "queue", "jid", 60, 0, "throttles", "[\"lala\"]", "tags", "[\"t\"]");
		JsonNode child = this.reqless.pop(0, "queue", "w", 1).get(0);
		assertThat(child.get("jid").asString()).isEqualTo("jid-1");
		assertThat(child.get("spawned_from_jid").asString()).isEqualTo("jid");
		assertThat(ReqlessScript.strings(child.get("throttles"))).containsExactly("lala", "ql:q:queue");
		assertThat(child.get("history").get(0)).isEqualTo(json("{\"when\":0,\"what\":\"put\",\"queue\":\"queue\"}"));
		assertThat(this.reqless.call("queue.pop", 59, "queue", "w", 1)).isEqualTo("[]");
		assertThat(this.reqless.popJids(61, "queue", "w", 1)).containsExactly("jid-2");
	}

	@Test
	void peekWithAnOffsetSpawnsTheWholeWindow() {
		recur(0, "queue", "jid", 10, 0);
		assertThat(ReqlessScript.jids(this.reqless.json("queue.peek", 100, "queue", 5, 1))).hasSize(1);
		assertThat(this.reqless.json("recurringJob.get", 100, "jid").get("count").asInt()).isEqualTo(6);
	}

	@Test
	void reRecurStripsTheBareOldQueueName() {
		recur(0, "q", "jid", 60, 0);
		recur(0, "other", "jid", 60, 0, "throttles", "[\"ql:q:q\", \"q\"]");
		assertThat(ReqlessScript.strings(this.reqless.json("recurringJob.get", 0, "jid").get("throttles")))
			.containsExactly("ql:q:q", "ql:q:other");
	}

	@Test
	void updateThrottlesIsVerbatimAndQueueSwapsTheQueueThrottle() {
		recur(0, "queue", "jid", 60, 0);
		assertThat(this.reqless.call("recurringJob.update", 0, "jid", "throttles", "[\"throttle\"]")).isEqualTo(1L);
		assertThat(ReqlessScript.strings(this.reqless.json("recurringJob.get", 0, "jid").get("throttles")))
			.containsExactly("throttle");
		this.reqless.call("recurringJob.update", 0, "jid", "throttles", "[\"ql:q:queue\"]", "queue", "other");
		JsonNode template = this.reqless.json("recurringJob.get", 0, "jid");
		assertThat(template.get("queue").asString()).isEqualTo("other");
		assertThat(ReqlessScript.strings(template.get("throttles"))).containsExactly("ql:q:other");
		assertThat(ReqlessScript.strings(this.reqless.pop(0, "other", "w", 1).get(0).get("throttles")))
			.containsExactly("ql:q:other");
		this.reqless.call("recurringJob.update", 0, "jid", "throttles", "[]");
		assertThat(this.reqless.json("recurringJob.get", 0, "jid").get("throttles")).isEqualTo(json("{}"));
	}

	@Test
	void updateValidation() {
		recur(0, "queue", "jid", 60, 0);
		assertThat(this.reqless.error("recurringJob.update", 0, "nope", "priority", 1))
			.contains("Recur(): No recurring job nope");
		assertThat(this.reqless.error("recurringJob.update", 0, "jid", "count", 1))
			.contains("Recur(): Unrecognized option \"count\"");
		assertThat(this.reqless.error("recurringJob.update", 0, "jid", "tags", "[]"))
			.contains("Recur(): Unrecognized option \"tags\"");
		assertThat(this.reqless.error("recurringJob.update", 0, "jid", "throttles", "false"))
			.contains("Recur(): Arg \"throttles\" is not JSON-encoded: false");
		assertThat(this.reqless.error("recurringJob.update", 0, "jid", "priority", 5, "interval", "x"))
			.contains("Recur(): Arg \"interval\" must be a number: x");
		assertThat(this.reqless.json("recurringJob.get", 0, "jid").get("priority").asInt()).isEqualTo(5);
	}

	@Test
	void tagCommandsAreAsymmetric() {
		recur(0, "queue", "jid", 60, 0);
		assertThat(this.reqless.strings("recurringJob.addTag", 0, "jid", "x", "x")).containsExactly("x", "x");
		assertThat(this.reqless.call("recurringJob.removeTag", 0, "jid", "x")).isEqualTo("{}");
		assertThat(this.reqless.call("recurringJob.addTag", 0, "jid")).isEqualTo("[]");
		assertThat(this.reqless.error("recurringJob.addTag", 0, "nope", "x")).contains("Tag(): Job nope does not exist");
		assertThat(this.reqless.error("recurringJob.removeTag", 0, "nope", "x")).contains("Untag(): Job nope does not exist");
	}

	@Test
	void cancelRepliesOne() {
		recur(0, "queue", "jid", 60, 0);
		assertThat(this.reqless.call("recurringJob.cancel", 0, "jid")).isEqualTo(1L);
		assertThat(this.reqless.call("recurringJob.cancel", 0, "jid")).isEqualTo(1L);
		assertThat(this.reqless.call("recurringJob.get", 0, "jid")).isNull();
	}

}
