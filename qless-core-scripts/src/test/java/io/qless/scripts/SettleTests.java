package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code settle} (an extension): a worker's batch of completes, retries and fails, then a
 * pop, in one call. Each settlement must leave exactly what the single command leaves, and
 * publish what it publishes.
 */
class SettleTests extends ScriptTestSupport {

	/** {@code settle <now> worker queue <count> <n> <groups...>}. */
	private JsonNode settle(long now, String queue, int count, String[]... settlements) {
		return SettleReply.read(this.qless.callArgv(argv(now, queue, count, settlements)));
	}

	private static String[] argv(long now, String queue, int count, String[]... settlements) {
		List<String> argv = new ArrayList<>(List.of("settle", Long.toString(now), "worker", queue,
				Integer.toString(count), Integer.toString(settlements.length)));
		for (String[] settlement : settlements) {
			assertThat(settlement).hasSize(6);
			argv.addAll(List.of(settlement));
		}
		return argv.toArray(new String[0]);
	}

	private static String[] of(String kind, String jid, String queue, String a, String b, String c) {
		return new String[] { kind, jid, queue, a, b, c };
	}

	private void running(long now, String queue, String... jids) {
		for (String jid : jids) {
			this.qless.put(now, queue, jid, "retries", 1);
		}
		assertThat(QlessScript.jids(this.qless.pop(now, queue, "worker", jids.length)))
			.containsExactlyInAnyOrder(jids);
	}

	@Test
	void popsAJobWhoseHashLacksNumberFieldsLeavingThemOut() {
		this.qless.put(1, "queue", "a");
		this.qless.put(1, "queue", "b");
		// as another tool may leave a hash: without priority and retries
		this.qless.redis().hdel("ql:j:a", "priority", "retries");
		JsonNode reply = settle(2, "queue", 5);
		assertThat(QlessScript.jids(reply.get("jobs"))).containsExactlyInAnyOrder("a", "b");
		for (JsonNode job : reply.get("jobs")) {
			boolean bare = job.get("jid").asString().equals("a");
			assertThat(job.has("priority")).isNotEqualTo(bare);
			assertThat(job.has("retries")).isNotEqualTo(bare);
			assertThat(job.get("remaining").asInt()).isEqualTo(5);
		}
	}

	@Test
	void completesKeepingTheStoredDataAndPops() {
		this.qless.call("put", 0, "worker", "queue", "a", "klass", "{\"x\":1}", 0);
		this.qless.put(1, "queue", "b");
		this.qless.pop(1, "queue", "worker", 1);
		JsonNode reply = settle(2, "queue", 5, of("complete", "a", "queue", "", "", ""));
		assertThat(reply.get("outcomes")).isEqualTo(json("[\"complete\"]"));
		assertThat(QlessScript.jids(reply.get("jobs"))).containsExactly("b");
		JsonNode job = reply.get("jobs").get(0);
		assertThat(job.get("state").asString()).isEqualTo("running");
		assertThat(job.get("worker").asString()).isEqualTo("worker");
		assertThat(job.has("history")).isFalse();
		assertThat(job.get("data").asString()).isEqualTo("{}");
		assertThat(this.qless.job("a").get("data").asString()).isEqualTo("{\"x\":1}");
		assertThat(this.qless.state("a")).isEqualTo("complete");
		assertThat(this.qless.state("b")).isEqualTo("running");
	}

	@Test
	void emptyReplyIsTheOutcomesAlone() {
		assertThat(this.qless.callArgv("settle", "0", "worker", "queue", "0", "0")).isEqualTo(List.of("[]"));
		assertThat(this.qless.callArgv("settle", "0", "worker", "queue", "3", "0")).isEqualTo(List.of("[]"));
	}

	@Test
	void refusedSettlementsAnswerTheSingleCommandsErrorAndDoNotStopTheOthers() {
		running(0, "queue", "a", "b", "c", "d", "e");
		this.qless.put(0, "other", "elsewhere");
		this.qless.pop(0, "other", "someone", 1);
		JsonNode reply = settle(1, "queue", 0, of("complete", "missing", "queue", "", "", ""),
				of("complete", "a", "queue", "", "", ""), of("complete", "a", "queue", "", "", ""),
				of("retry", "elsewhere", "other", "0", "", ""), of("fail", "b", "queue", "grp", "msg", ""),
				of("complete", "c", "wrong", "", "", ""), of("advance", "c", "queue", "next", "0", "not json"),
				of("frobnicate", "d", "queue", "", "", ""), of("retry", "d", "queue", "0", "", ""),
				of("retry", "e", "queue", "5", "grp", "why"));
		JsonNode outcomes = reply.get("outcomes");
		assertThat(outcomes).hasSize(10);
		assertThat(error(outcomes.get(0))).isEqualTo("Complete(): Job missing does not exist");
		assertThat(outcomes.get(1).asString()).isEqualTo("complete");
		assertThat(error(outcomes.get(2))).isEqualTo("Complete(): Job a is not currently running: complete");
		assertThat(error(outcomes.get(3)))
			.isEqualTo("Retry(): Job elsewhere has been given to another worker: someone");
		assertThat(outcomes.get(4).asString()).isEqualTo("b");
		assertThat(error(outcomes.get(5))).isEqualTo("Complete(): Job c running in another queue: queue");
		assertThat(error(outcomes.get(6))).contains("Expected value but found invalid token");
		assertThat(error(outcomes.get(7))).isEqualTo("Settle(): Unknown settlement \"frobnicate\"");
		assertThat(outcomes.get(8).asLong()).isEqualTo(0);
		assertThat(outcomes.get(9).asLong()).isEqualTo(0);
		// each error is the text the single command replies with
		assertThat(this.qless.error("complete", 1, "missing", "worker", "queue", "{}"))
			.contains(error(outcomes.get(0)));
		assertThat(this.qless.error("complete", 1, "a", "worker", "queue", "{}")).contains(error(outcomes.get(2)));
		assertThat(this.qless.error("retry", 1, "elsewhere", "other", "worker", "0"))
			.contains(error(outcomes.get(3)));
		assertThat(this.qless.error("complete", 1, "c", "worker", "wrong", "{}")).contains(error(outcomes.get(5)));
		assertThat(this.qless.state("c")).isEqualTo("running");
		assertThat(this.qless.state("d")).isEqualTo("waiting");
		assertThat(this.qless.state("e")).isEqualTo("scheduled");
		assertThat(this.qless.job("e").get("failure").get("message").asString()).isEqualTo("why");
		assertThat(this.qless.state("elsewhere")).isEqualTo("running");
	}

	private static String error(JsonNode outcome) {
		assertThat(outcome.isObject()).as("error outcome: %s", outcome).isTrue();
		return outcome.get("error").asString();
	}

	@Test
	void boundsAndArgumentsAreChecked() {
		this.qless.assertError("Arg \"count\" must be a whole number from 0 to 1000", "settle", 0, "worker", "queue",
				1001, 0);
		this.qless.assertError("Arg \"n\" must be a whole number from 0 to 1000", "settle", 0, "worker", "queue", 1,
				1001);
		this.qless.assertError("Arg \"count\" must be a whole number", "settle", 0, "worker", "queue", "x", 0);
		this.qless.assertError("expected 1 settlements of 6 arguments, got 5 arguments", "settle", 0, "worker",
				"queue", 1, 1, "complete", "jid", "queue", "", "");
		this.qless.assertError("Settle(): Arg \"worker\" missing", "settle", 0);
		this.qless.assertError("Settle(): Arg \"queue\" missing", "settle", 0, "worker");
	}

	/** The same work through the single commands and through settle leaves the same keys and events. */
	@Test
	void eachSettlementDoesWhatTheSingleCommandDoes() {
		Consumer<Boolean> scenario = (batched) -> {
			this.qless.config("jobs-history-count", 2);
			running(0, "queue", "a", "b", "c", "d", "e", "f", "g", "h");
			this.qless.put(0, "queue", "dependent", "depends", "[\"a\"]");
			this.qless.call("track", 0, "track", "a");
			this.qless.call("put", 0, "worker", "queue", "old", "klass", "{}", 0);
			this.qless.pop(0, "queue", "worker", 1);
			this.qless.complete(0, "old", "worker", "queue");
			String[][] settlements = { of("complete", "a", "queue", "", "", ""),
					of("advance", "b", "queue", "next", "0", "[]"), of("advance", "c", "queue", "next", "30", "[]"),
					of("advance", "d", "queue", "next", "0", "[\"dependent\"]"), of("retry", "e", "queue", "0", "", ""),
					of("retry", "f", "queue", "10", "grp", "msg"), of("fail", "g", "queue", "grp", "msg", ""),
					of("complete", "h", "queue", "", "", "") };
			if (batched) {
				settle(5, "queue", 0, settlements);
			}
			else {
				this.qless.complete(5, "a", "worker", "queue");
				this.qless.complete(5, "b", "worker", "queue", "next", "next", "delay", "0", "depends", "[]");
				this.qless.complete(5, "c", "worker", "queue", "next", "next", "delay", "30", "depends", "[]");
				this.qless.complete(5, "d", "worker", "queue", "next", "next", "delay", "0", "depends",
						"[\"dependent\"]");
				this.qless.call("retry", 5, "e", "queue", "worker", "0");
				this.qless.call("retry", 5, "f", "queue", "worker", "10", "grp", "msg");
				this.qless.fail(5, "g", "worker", "grp", "msg");
				this.qless.complete(5, "h", "worker", "queue");
			}
			// a second round exhausts e's retries
			this.qless.pop(6, "queue", "worker", 10);
			if (batched) {
				settle(7, "queue", 0, of("retry", "e", "queue", "0", "", ""));
			}
			else {
				this.qless.call("retry", 7, "e", "queue", "worker", "0");
			}
		};
		Map<String, String> single;
		List<EventRecorder.Event> singleEvents;
		try (EventRecorder events = new EventRecorder(this.qless)) {
			scenario.accept(false);
			singleEvents = events.drain();
			single = snapshot();
		}
		this.qless.redis().flushdb();
		Map<String, String> batched;
		List<EventRecorder.Event> batchedEvents;
		try (EventRecorder events = new EventRecorder(this.qless)) {
			scenario.accept(true);
			batchedEvents = events.drain();
			batched = snapshot();
		}
		assertThat(batched).isEqualTo(single);
		assertThat(batchedEvents).isEqualTo(singleEvents);
		assertThat(single).containsKey("ql:j:dependent").doesNotContainKey("ql:j:old");
	}

	/** Every key with its type and contents, in a comparable text form. */
	private Map<String, String> snapshot() {
		Map<String, String> all = new TreeMap<>();
		for (String key : this.qless.redis().keys("*")) {
			String type = this.qless.redis().type(key);
			String value = switch (type) {
				case "hash" -> new TreeMap<>(this.qless.redis().hgetall(key)).toString();
				case "list" -> this.qless.redis().lrange(key, 0, -1).toString();
				case "set" -> new TreeMap<>(Map.of("members", new java.util.TreeSet<>(this.qless.redis().smembers(key))))
					.toString();
				case "zset" -> this.qless.redis().zrangeWithScores(key, 0, -1).toString();
				default -> this.qless.redis().get(key);
			};
			all.put(key, type + " " + value);
		}
		return all;
	}

	@Test
	void popsAsPopDoes() {
		this.qless.put(0, "queue", "a", "priority", 1, "tags", "[\"t\"]");
		this.qless.put(0, "queue", "b");
		this.qless.put(1, "queue", "c");
		JsonNode jobs = settle(1, "queue", 2).get("jobs");
		assertThat(QlessScript.jids(jobs)).containsExactly("a", "b");
		JsonNode a = jobs.get(0);
		assertThat(a.get("tags")).isEqualTo(json("[\"t\"]"));
		assertThat(a.get("expires").asLong()).isEqualTo(61);
		assertThat(a.get("priority").asLong()).isEqualTo(1);
		assertThat(this.qless.job("a").get("history").get(1).get("what").asString()).isEqualTo("popped");
		assertThat(this.qless.zscore("ql:w:worker:jobs", "a")).isEqualTo(61.0);
		this.qless.call("pause", 0, "queue");
		assertThat(settle(2, "queue", 2).get("jobs")).isEqualTo(json("[]"));
	}

	@Test
	void popsJobsAsGetShowsThemWithoutHistoryAndSets() {
		this.qless.call("put", 0, "worker", "queue", "plain", "klass.Plain", "{\"x\":\"\u00e9/\\\"q\"}", 0);
		this.qless.put(0, "queue", "tagged", "tags", "[\"a\",\"b/c\"]", "priority", "5.5");
		this.qless.put(0, "queue", "negative", "priority", -2, "retries", 3);
		this.qless.put(0, "queue", "huge", "priority", "100000000000000000");
		this.qless.put(0, "queue", "throttled", "throttles", "[\"t1\"]");
		this.qless.put(0, "queue", "tracked");
		this.qless.call("track", 0, "track", "tracked");
		this.qless.put(0, "other", "failed");
		this.qless.pop(0, "other", "someone", 1);
		this.qless.call("fail", 1, "failed", "someone", "group", "boom \"x\"", "{}");
		this.qless.put(2, "queue", "failed");
		this.qless.call("recur", 0, "queue", "recurring", "klass.Recurring", "{}", "interval", 60, 0);
		JsonNode jobs = settle(3, "queue", 20).get("jobs");
		assertThat(QlessScript.jids(jobs)).containsExactlyInAnyOrder("plain", "tagged", "negative", "huge",
				"throttled", "tracked", "failed", "recurring-1");
		for (JsonNode job : jobs) {
			JsonNode shown = this.qless.job(job.get("jid").asString());
			assertThat(shown).isNotNull();
			Map<String, JsonNode> expected = new TreeMap<>();
			shown.properties().forEach((entry) -> expected.put(entry.getKey(), entry.getValue()));
			expected.keySet().removeAll(List.of("history", "dependents", "dependencies"));
			Map<String, JsonNode> lean = new TreeMap<>();
			job.properties().forEach((entry) -> lean.put(entry.getKey(), entry.getValue()));
			assertThat(lean).as(job.get("jid").asString()).isEqualTo(expected);
		}
	}

	@Test
	void manyCompletesShareTheExpiryBudget() {
		// 600 completed jobs beyond a count of 0; 3 completes may delete 500 + 3 of them
		this.qless.config("jobs-history-count", 10000);
		for (int i = 0; i < 600; i++) {
			this.qless.put(0, "queue", "old-" + i);
		}
		this.qless.pop(0, "queue", "worker", 600);
		for (int i = 0; i < 600; i++) {
			this.qless.complete(0, "old-" + i, "worker", "queue");
		}
		running(1, "queue", "a", "b", "c");
		this.qless.config("jobs-history-count", 0);
		settle(2, "queue", 0, of("complete", "a", "queue", "", "", ""), of("complete", "b", "queue", "", "", ""),
				of("complete", "c", "queue", "", "", ""));
		assertThat(this.qless.redis().zcard("ql:completed")).isEqualTo(603 - 503);
	}

}
