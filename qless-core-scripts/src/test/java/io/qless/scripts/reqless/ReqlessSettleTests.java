package io.qless.scripts.reqless;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.qless.scripts.SettleReply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code worker.settle}, the reqless name of the {@code settle} extension: each settlement
 * behaves as the reqless single command ({@code job.complete}, {@code job.completeAndRequeue},
 * {@code job.retry}, {@code job.fail}) and the pop as {@code queue.pop}.
 */
class ReqlessSettleTests extends ReqlessTestSupport {

	private JsonNode settle(long now, String queue, int count, String[]... settlements) {
		List<String> argv = new ArrayList<>(List.of("worker.settle", Long.toString(now), "worker", queue,
				Integer.toString(count), Integer.toString(settlements.length)));
		for (String[] settlement : settlements) {
			argv.addAll(List.of(settlement));
		}
		return SettleReply.read(this.reqless.callArgv(argv.toArray(new String[0])));
	}

	private static String[] of(String kind, String jid, String queue, String a, String b, String c) {
		return new String[] { kind, jid, queue, a, b, c };
	}

	private void running(long now, String queue, String... jids) {
		for (String jid : jids) {
			this.reqless.put(now, queue, jid, "retries", 1);
		}
		assertThat(this.reqless.popJids(now, queue, "worker", jids.length)).containsExactlyInAnyOrder(jids);
	}

	@Test
	void settlesAndPopsLean() {
		running(0, "queue", "a", "b");
		this.reqless.put(1, "queue", "c", "tags", "[\"t\"]");
		this.reqless.put(2, "queue", "d");
		JsonNode reply = settle(3, "queue", 1, of("complete", "a", "queue", "", "", ""),
				of("complete", "a", "queue", "", "", ""), of("fail", "missing", "queue", "grp", "msg", ""),
				of("retry", "b", "queue", "0", "", ""));
		assertThat(reply.get("outcomes")).isEqualTo(json("""
				["complete", {"error": "Complete(): Job is not currently running: complete"},
				 {"error": "Fail(): Job does not exist"}, 0]"""));
		assertThat(ReqlessScript.jids(reply.get("jobs"))).containsExactly("c");
		JsonNode job = reply.get("jobs").get(0);
		assertThat(job.has("history")).isFalse();
		assertThat(job.get("throttles")).isEqualTo(json("[\"ql:q:queue\"]"));
		assertThat(job.get("tags")).isEqualTo(json("[\"t\"]"));
		assertThat(this.reqless.error("job.complete", 3, "a", "worker", "queue", "{}"))
			.contains("Complete(): Job is not currently running: complete");
	}

	@Test
	void emptyReply() {
		assertThat(this.reqless.call("worker.settle", 0, "worker", "queue", 5, 0)).isEqualTo(List.of("[]"));
		assertThat(this.reqless.error("worker.settle", 0, "worker", "queue", 1, 1000 + 1))
			.contains("Arg \"n\" must be a whole number from 0 to 1000");
	}

	@Test
	void eachSettlementDoesWhatTheSingleCommandDoes() {
		Consumer<Boolean> scenario = (batched) -> {
			running(0, "queue", "a", "b", "c", "d", "e", "f", "g");
			this.reqless.put(0, "queue", "dependent", "depends", "[\"a\"]");
			String[][] settlements = { of("complete", "a", "queue", "", "", ""),
					of("advance", "b", "queue", "next", "0", "[]"), of("advance", "c", "queue", "next", "30", "[]"),
					of("advance", "d", "queue", "next", "0", "[\"dependent\"]"), of("retry", "e", "queue", "0", "", ""),
					of("retry", "f", "queue", "10", "grp", "msg"), of("fail", "g", "queue", "grp", "msg", "") };
			if (batched) {
				settle(5, "queue", 0, settlements);
			}
			else {
				this.reqless.complete(5, "a", "worker", "queue");
				this.reqless.call("job.completeAndRequeue", 5, "b", "worker", "queue", "{}", "next", "delay", "0",
						"depends", "[]");
				this.reqless.call("job.completeAndRequeue", 5, "c", "worker", "queue", "{}", "next", "delay", "30",
						"depends", "[]");
				this.reqless.call("job.completeAndRequeue", 5, "d", "worker", "queue", "{}", "next", "delay", "0",
						"depends", "[\"dependent\"]");
				this.reqless.call("job.retry", 5, "e", "queue", "worker", "0");
				this.reqless.call("job.retry", 5, "f", "queue", "worker", "10", "grp", "msg");
				this.reqless.call("job.fail", 5, "g", "worker", "grp", "msg");
			}
			this.reqless.pop(6, "queue", "worker", 10);
			if (batched) {
				settle(7, "queue", 0, of("retry", "e", "queue", "0", "", ""));
			}
			else {
				this.reqless.call("job.retry", 7, "e", "queue", "worker", "0");
			}
		};
		List<String> singleEvents;
		Map<String, String> single;
		try (ChannelRecorder events = ChannelRecorder.pattern(this.reqless, "ql:*")) {
			scenario.accept(false);
			singleEvents = events.drain();
			single = snapshot();
		}
		this.reqless.redis().flushdb();
		List<String> batchedEvents;
		Map<String, String> batched;
		try (ChannelRecorder events = ChannelRecorder.pattern(this.reqless, "ql:*")) {
			scenario.accept(true);
			batchedEvents = events.drain();
			batched = snapshot();
		}
		assertThat(batched).isEqualTo(single);
		assertThat(batchedEvents).isEqualTo(singleEvents).isNotEmpty();
	}

	private Map<String, String> snapshot() {
		Map<String, String> all = new TreeMap<>();
		for (String key : this.reqless.redis().keys("*")) {
			String type = this.reqless.redis().type(key);
			String value = switch (type) {
				case "hash" -> new TreeMap<>(this.reqless.redis().hgetall(key)).toString();
				case "list" -> this.reqless.redis().lrange(key, 0, -1).toString();
				case "set" -> new TreeSet<>(this.reqless.redis().smembers(key)).toString();
				case "zset" -> this.reqless.redis().zrangeWithScores(key, 0, -1).toString();
				default -> this.reqless.redis().get(key);
			};
			all.put(key, type + " " + value);
		}
		return all;
	}

}
