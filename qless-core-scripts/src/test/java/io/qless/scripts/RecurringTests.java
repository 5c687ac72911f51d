package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Recurring jobs: spawning, {@code recur}, {@code unrecur} and the {@code recur.*} commands. */
class RecurringTests extends ScriptTestSupport {

	private Object recur(long now, String queue, String jid, long interval, long offset, Object... options) {
		Object[] args = new Object[7 + options.length];
		args[0] = queue;
		args[1] = jid;
		args[2] = "klass";
		args[3] = "{}";
		args[4] = "interval";
		args[5] = interval;
		args[6] = offset;
		System.arraycopy(options, 0, args, 7, options.length);
		return this.qless.call("recur", now, args);
	}

	@Test
	void recurValidation() {
		this.qless.assertError("Queue(): no queue name provided", "recur", 0);
		this.qless.assertError("RecurringJob On(): Arg \"jid\" missing", "recur", 0, "queue");
		this.qless.assertError("RecurringJob On(): Arg \"klass\" missing", "recur", 0, "queue", "jid");
		this.qless.assertError("RecurringJob On(): Arg \"spec\" missing", "recur", 0, "queue", "jid", "klass", "{}");
		this.qless.assertError("RecurringJob On(): Arg \"data\" not JSON: false", "recur", 0, "queue", "jid", "klass",
				"false", "interval", 60, 0);
		assertThat(this.qless.error("recur", 0, "queue", "jid", "klass", "{oops", "interval", 60, 0)).isNotEmpty();
		this.qless.assertError("Recur(): schedule type \"cron\" unknown", "recur", 0, "queue", "jid", "klass", "{}",
				"cron", 60, 0);
		this.qless.assertError("Recur(): Arg \"interval\" not a number: x", "recur", 0, "queue", "jid", "klass", "{}",
				"interval", "x", 0);
		this.qless.assertError("Recur(): Arg \"offset\" not a number: x", "recur", 0, "queue", "jid", "klass", "{}",
				"interval", 60, "x");
		this.qless.assertError("Recur(): Arg \"interval\" must be greater than 0", "recur", 0, "queue", "jid",
				"klass", "{}", "interval", 0, 0);
		this.qless.assertError("Odd number of additional args: table:", "recur", 0, "queue", "jid", "klass", "{}",
				"interval", 60, 0, "priority");
		this.qless.assertError("Recur(): Arg \"tags\" must be JSON string array: false", "recur", 0, "queue", "jid",
				"klass", "{}", "interval", 60, 0, "tags", "false");
		this.qless.assertError("Recur(): Arg \"priority\" not a number: x", "recur", 0, "queue", "jid", "klass", "{}",
				"interval", 60, 0, "priority", "x");
		this.qless.assertError("Recur(): Arg \"retries\" not a number: x", "recur", 0, "queue", "jid", "klass", "{}",
				"interval", 60, 0, "retries", "x");
		this.qless.assertError("Recur(): Arg \"backlog\" not a number: x", "recur", 0, "queue", "jid", "klass", "{}",
				"interval", 60, 0, "backlog", "x");
		assertThat(this.qless.redis().exists("ql:r:jid")).isZero();
	}

	@Test
	void recurUpdateValidation() {
		this.qless.assertError("Recur(): No recurring job jid", "recur.update", 0, "jid", "priority", 1);
		recur(0, "queue", "jid", 60, 0);
		this.qless.assertError("No value provided for priority", "recur.update", 0, "jid", "priority");
		for (String key : new String[] { "priority", "interval", "retries" }) {
			this.qless.assertError("Recur(): Arg \"" + key + "\" must be a number: x", "recur.update", 0, "jid", key,
					"x");
		}
		this.qless.assertError("Recur(): Arg \"data\" is not JSON-encoded: false", "recur.update", 0, "jid", "data",
				"false");
		this.qless.assertError("Recur(): Arg \"backlog\" not a number: x", "recur.update", 0, "jid", "backlog", "x");
		this.qless.assertError("Recur(): Unrecognized option \"tags\"", "recur.update", 0, "jid", "tags", "[]");
	}

	@Test
	void recurUpdateKeepsEarlierPairsWhenALaterOneFails() {
		recur(0, "queue", "jid", 60, 0);
		this.qless.assertError("Recur(): Unrecognized option \"foo\"", "recur.update", 0, "jid", "priority", 5, "foo",
				"bar");
		assertThat(this.qless.json("recur.get", 0, "jid").get("priority").asInt()).isEqualTo(5);
	}

	@Test
	void recurReturnsTheJidAndWritesTheTemplate() {
		assertThat(recur(10, "queue", "jid", 60, 5)).isEqualTo("jid");
		assertThat(this.qless.hash("ql:r:jid")).contains(entry("jid", "jid"), entry("klass", "klass"),
				entry("data", "{}"), entry("priority", "0"), entry("tags", "{}"), entry("state", "recur"),
				entry("queue", "queue"), entry("type", "interval"), entry("count", "0"), entry("interval", "60"),
				entry("retries", "0"), entry("backlog", "0"));
		assertThat(this.qless.zscore("ql:q:queue-recur", "jid")).isEqualTo(15.0);
		assertThat(this.qless.zscore("ql:queues", "queue")).isEqualTo(10.0);
		assertThat(this.qless.job("jid")).isNull();
	}

	@Test
	void recurGetGivesTheTemplate() {
		recur(0, "queue", "jid", 60, 0);
		assertThat(this.qless.json("recur.get", 0, "jid")).isEqualTo(json("""
				{"jid": "jid", "klass": "klass", "state": "recur", "queue": "queue", "priority": 0,
				 "interval": 60, "retries": 0, "count": 0, "data": "{}", "tags": {}, "backlog": 0}"""));
		assertThat(this.qless.call("recur.get", 0, "missing")).isNull();
	}

	@Test
	void firstChildIsJidDashOne() {
		recur(0, "queue", "jid", 60, 0);
		assertThat(this.qless.pop(0, "queue", "worker", 10)).isEqualTo(json("""
				[{"jid": "jid-1", "klass": "klass", "state": "running", "queue": "queue", "worker": "worker",
				  "tracked": false, "priority": 0, "expires": 60, "retries": 0, "remaining": 0, "data": "{}",
				  "tags": {}, "history": [{"when": 0, "what": "put", "q": "queue"},
				                          {"when": 0, "what": "popped", "worker": "worker"}],
				  "failure": {}, "spawned_from_jid": "jid", "dependents": {}, "dependencies": {}}]"""));
		assertThat(this.qless.redis().hget("ql:r:jid", "count")).isEqualTo("1");
		assertThat(this.qless.zscore("ql:q:queue-recur", "jid")).isEqualTo(60.0);
		assertThat(this.qless.redis().hget("ql:j:jid-1", "spawned_from_jid")).isEqualTo("jid");
	}

	@Test
	void nothingBeforeTheIntervalThenTheNextChild() {
		recur(0, "queue", "jid", 60, 0);
		this.qless.popOne(0, "queue", "worker");
		assertThat(this.qless.call("pop", 59, "queue", "worker", 10)).isEqualTo("{}");
		assertThat(QlessScript.jids(this.qless.pop(60, "queue", "worker", 10))).containsExactly("jid-2");
	}

	@Test
	void offsetDelaysTheFirstChild() {
		recur(0, "queue", "jid", 60, 10);
		assertThat(this.qless.call("pop", 9, "queue", "worker", 10)).isEqualTo("{}");
		assertThat(QlessScript.jids(this.qless.pop(10, "queue", "worker", 10))).containsExactly("jid-1");
	}

	@Test
	void tagsPriorityAndRetriesArePassedOn() {
		this.qless.put(0, "queue", "low", "priority", 1);
		recur(0, "queue", "jid", 60, 0, "tags", "[\"a\",\"b\"]", "priority", 5, "retries", 2);
		JsonNode child = this.qless.popOne(1, "queue", "worker");
		assertThat(child.get("jid").asString()).isEqualTo("jid-1");
		assertThat(child.get("tags")).isEqualTo(json("[\"a\",\"b\"]"));
		assertThat(child.get("priority").asInt()).isEqualTo(5);
		assertThat(child.get("retries").asInt()).isEqualTo(2);
		assertThat(child.get("remaining").asInt()).isEqualTo(2);
		assertThat(this.qless.zscore("ql:t:a", "jid-1")).isEqualTo(1.0);
		assertThat(this.qless.zscore("ql:tags", "b")).isEqualTo(1.0);
		assertThat(this.qless.json("tag", 1, "get", "a")).isEqualTo(json("{\"total\": 1, \"jobs\": [\"jid-1\"]}"));
	}

	@Test
	void backlogLimitsCatchUp() {
		recur(0, "queue", "jid", 60, 0, "backlog", 1);
		List<String> popped = QlessScript.jids(this.qless.pop(600, "queue", "worker", 10));
		assertThat(popped).containsExactly("jid-1", "jid-2");
		assertThat(this.qless.job("jid-1").get("history").get(0).get("when").asInt()).isEqualTo(540);
		assertThat(this.qless.job("jid-2").get("history").get(0).get("when").asInt()).isEqualTo(600);
		assertThat(this.qless.zscore("ql:q:queue-recur", "jid")).isEqualTo(660.0);
	}

	@Test
	void backlogSkipsWithCeil() {
		recur(0, "queue", "jid", 60, 0, "backlog", 2);
		// n = 630 / 60 = 10.5 missed slots; ceil(10.5 - 2) = 9 intervals are skipped, so 540 and 600 remain
		assertThat(QlessScript.jids(this.qless.pop(630, "queue", "worker", 10))).containsExactly("jid-1", "jid-2");
		assertThat(this.qless.job("jid-1").get("history").get(0).get("when").asInt()).isEqualTo(540);
	}

	@Test
	void severalMissedIntervalsSpawnSeveralChildrenOrderedBySlot() {
		recur(0, "queue", "jid", 60, 0);
		List<String> expected = new ArrayList<>();
		for (int i = 1; i <= 10; i++) {
			expected.add("jid-" + i);
		}
		assertThat(QlessScript.jids(this.qless.pop(599, "queue", "worker", 10))).isEqualTo(expected);
		for (int i = 1; i <= 10; i++) {
			JsonNode history = this.qless.job("jid-" + i).get("history");
			assertThat(history.get(0)).isEqualTo(json("{\"when\": " + (i - 1) * 60 + ", \"what\": \"put\", \"q\": \"queue\"}"));
		}
		assertThat(this.qless.zscore("ql:q:queue-recur", "jid")).isEqualTo(600.0);
	}

	@Test
	void spawningIsLimitedByCountAndOrdersChildrenBySlotTime() {
		recur(0, "queue", "jid", 60, 0);
		this.qless.put(100, "queue", "plain");
		assertThat(QlessScript.jids(this.qless.peek(599, "queue", 3))).containsExactly("jid-1", "jid-2", "plain");
		assertThat(this.qless.redis().exists("ql:j:jid-3")).isEqualTo(1L);
		assertThat(this.qless.redis().exists("ql:j:jid-4")).isZero();
		assertThat(this.qless.zscore("ql:q:queue-recur", "jid")).isEqualTo(180.0);
		assertThat(this.qless.zscore("ql:q:queue-work", "jid-2")).isEqualTo(0 - 60 / 1e10);
		assertThat(Double.parseDouble(this.qless.redis().hget("ql:j:jid-2", "time"))).isEqualTo(60.0);
	}

	@Test
	void oneCounterCapsChildrenAcrossTemplates() {
		recur(0, "queue", "a", 60, 0);
		recur(0, "queue", "b", 60, 0);
		assertThat(QlessScript.jids(this.qless.pop(599, "queue", "worker", 4))).hasSize(4);
		long spawned = this.qless.redis().keys("ql:j:*").stream().filter((k) -> !k.endsWith("-history")).count();
		assertThat(spawned).isEqualTo(4);
	}

	@Test
	void updatesTakeEffectForLaterChildren() {
		recur(0, "queue", "jid", 60, 0);
		this.qless.popOne(0, "queue", "worker");
		assertThat(this.qless.call("recur.update", 1, "jid", "priority", 3, "retries", 4, "data", "{\"a\":1}",
				"klass", "Other", "backlog", 0)).isEqualTo(1L);
		JsonNode child = this.qless.popOne(60, "queue", "worker");
		assertThat(child.get("jid").asString()).isEqualTo("jid-2");
		assertThat(child.get("priority").asInt()).isEqualTo(3);
		assertThat(child.get("retries").asInt()).isEqualTo(4);
		assertThat(child.get("data").asString()).isEqualTo("{\"a\":1}");
		assertThat(child.get("klass").asString()).isEqualTo("Other");
	}

	@Test
	void intervalUpdateShiftsTheNextSlot() {
		recur(0, "queue", "jid", 100, 0);
		this.qless.popOne(0, "queue", "worker");
		this.qless.call("recur.update", 0, "jid", "interval", 10);
		assertThat(this.qless.zscore("ql:q:queue-recur", "jid")).isEqualTo(10.0);
		assertThat(QlessScript.jids(this.qless.pop(60, "queue", "worker", 10))).hasSize(6);
	}

	@Test
	void intervalUpdateIsNotCheckedForPositivity() {
		recur(0, "queue", "jid", 100, 0);
		assertThat(this.qless.call("recur.update", 0, "jid", "interval", 0)).isEqualTo(1L);
		assertThat(this.qless.redis().hget("ql:r:jid", "interval")).isEqualTo("0");
	}

	@Test
	void queueUpdateMovesTheTemplateWithTheSameScore() {
		recur(0, "queue", "jid", 60, 30);
		this.qless.call("recur.update", 5, "jid", "queue", "other");
		assertThat(this.qless.zscore("ql:q:queue-recur", "jid")).isNull();
		assertThat(this.qless.zscore("ql:q:other-recur", "jid")).isEqualTo(30.0);
		assertThat(this.qless.call("pop", 30, "queue", "worker", 10)).isEqualTo("{}");
		assertThat(QlessScript.jids(this.qless.pop(30, "other", "worker", 10))).containsExactly("jid-1");
	}

	@Test
	void unrecurStopsSpawningAndResetsTheCounter() {
		recur(0, "queue", "jid", 60, 0);
		this.qless.popOne(0, "queue", "worker");
		assertThat(this.qless.call("unrecur", 1, "jid")).isEqualTo(1L);
		assertThat(this.qless.redis().exists("ql:r:jid")).isZero();
		assertThat(this.qless.zscore("ql:q:queue-recur", "jid")).isNull();
		assertThat(this.qless.call("pop", 600, "queue", "worker", 10)).isEqualTo("{}");
		assertThat(this.qless.state("jid-1")).isEqualTo("running");
		assertThat(this.qless.call("unrecur", 1, "missing")).isEqualTo(1L);
		recur(700, "queue", "jid", 60, 0);
		this.qless.complete(700, "jid-1", "worker", "queue");
		assertThat(QlessScript.jids(this.qless.pop(700, "queue", "worker", 10))).containsExactly("jid-1");
	}

	@Test
	void arrayDataIsKept() {
		this.qless.call("recur", 0, "queue", "jid", "klass", "[]", "interval", 60, 0);
		assertThat(this.qless.popOne(0, "queue", "worker").get("data").asString()).isEqualTo("[]");
		assertThat(this.qless.json("recur.get", 0, "jid").get("data").asString()).isEqualTo("[]");
	}

	@Test
	void recurTagAndUntagAffectLaterChildren() {
		recur(0, "queue", "jid", 60, 0, "tags", "[\"a\"]");
		this.qless.popOne(0, "queue", "worker");
		Object tagged = this.qless.call("recur.tag", 1, "jid", "b", "c", "c");
		assertThat(tagged).isInstanceOf(String.class);
		assertThat(json((String) tagged)).isEqualTo(json("[\"a\",\"b\",\"c\",\"c\"]"));
		assertThat(this.qless.redis().exists("ql:t:b")).isZero();
		assertThat(this.qless.job("jid-1").get("tags")).isEqualTo(json("[\"a\"]"));
		assertThat(this.qless.popOne(60, "queue", "worker").get("tags")).isEqualTo(json("[\"a\",\"b\",\"c\",\"c\"]"));
		assertThat(json((String) this.qless.call("recur.untag", 61, "jid", "a", "c")))
			.isEqualTo(json("[\"b\"]"));
		assertThat(this.qless.popOne(120, "queue", "worker").get("tags")).isEqualTo(json("[\"b\"]"));
		assertThat(this.qless.call("recur.untag", 121, "jid", "b")).isEqualTo("{}");
	}

	@Test
	void recurTagDoesNotDuplicateExistingTags() {
		recur(0, "queue", "jid", 60, 0, "tags", "[\"a\"]");
		assertThat(json((String) this.qless.call("recur.tag", 1, "jid", "a"))).isEqualTo(json("[\"a\"]"));
	}

	@Test
	void recurTagAndUntagOfAMissingTemplate() {
		this.qless.assertError("Tag(): Job jid does not exist", "recur.tag", 0, "jid", "a");
		this.qless.assertError("Untag(): Job jid does not exist", "recur.untag", 0, "jid", "a");
	}

	@Test
	void reRecurKeepsTheCounterAndReplacesAttributes() {
		recur(0, "queue", "jid", 60, 0);
		this.qless.popOne(0, "queue", "worker");
		this.qless.call("recur", 60, "queue", "jid", "Other", "{\"x\":1}", "interval", 60, 0, "tags", "[\"t\"]",
				"priority", 2, "retries", 3);
		assertThat(this.qless.redis().hget("ql:r:jid", "count")).isEqualTo("1");
		assertThat(this.qless.pop(60, "queue", "worker", 10)).isEqualTo(json("""
				[{"jid": "jid-2", "klass": "Other", "state": "running", "queue": "queue", "worker": "worker",
				  "tracked": false, "priority": 2, "expires": 120, "retries": 3, "remaining": 3, "data": "{\\"x\\":1}",
				  "tags": ["t"], "history": [{"when": 60, "what": "put", "q": "queue"},
				                             {"when": 60, "what": "popped", "worker": "worker"}],
				  "failure": {}, "spawned_from_jid": "jid", "dependents": {}, "dependencies": {}}]"""));
	}

	@Test
	void reRecurIntoAnotherQueueMovesIt() {
		recur(0, "queue", "jid", 60, 0);
		recur(0, "other", "jid", 60, 0);
		assertThat(this.qless.zscore("ql:q:queue-recur", "jid")).isNull();
		assertThat(this.qless.zscore("ql:q:other-recur", "jid")).isEqualTo(0.0);
		assertThat(this.qless.call("pop", 0, "queue", "worker", 10)).isEqualTo("{}");
		assertThat(QlessScript.jids(this.qless.pop(0, "other", "worker", 10))).containsExactly("jid-1");
	}

	@Test
	void unknownRecurOptionsAreIgnored() {
		assertThat(recur(0, "queue", "jid", 60, 0, "foo", "bar")).isEqualTo("jid");
		assertThat(this.qless.redis().hexists("ql:r:jid", "foo")).isFalse();
	}

	@Test
	void spawningDoesNotRegisterTheQueue() {
		recur(0, "queue", "jid", 60, 0);
		this.qless.call("queue.forget", 0, "queue");
		this.qless.peek(0, "queue", 1);
		assertThat(this.qless.redis().exists("ql:j:jid-1")).isEqualTo(1L);
		assertThat(this.qless.zscore("ql:queues", "queue")).isNull();
	}

	@Test
	void spawningOverwritesAnExistingChildWithoutClearingIt() {
		recur(0, "queue", "jid", 60, 0);
		this.qless.popOne(0, "queue", "worker");
		this.qless.fail(1, "jid-1", "worker", "grp", "msg");
		this.qless.call("unrecur", 2, "jid");
		recur(2, "queue", "jid", 60, 0);
		JsonNode child = this.qless.popOne(2, "queue", "worker");
		assertThat(child.get("jid").asString()).isEqualTo("jid-1");
		assertThat(child.get("failure").get("group").asString()).isEqualTo("grp");
		assertThat(child.get("history").size()).isEqualTo(5);
	}

	@Test
	void recurGetReflectsCountAndTags() {
		recur(0, "queue", "jid", 60, 0, "tags", "[\"a\"]", "priority", 2, "retries", 1, "backlog", 3);
		this.qless.peek(60, "queue", 10);
		assertThat(this.qless.json("recur.get", 60, "jid")).isEqualTo(json("""
				{"jid": "jid", "klass": "klass", "state": "recur", "queue": "queue", "priority": 2,
				 "interval": 60, "retries": 1, "count": 2, "data": "{}", "tags": ["a"], "backlog": 3}"""));
	}

}
