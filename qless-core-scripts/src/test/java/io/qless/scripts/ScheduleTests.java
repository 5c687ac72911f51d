package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code schedule.*} extension commands of the qless dialect: cron schedules fired by
 * compare-and-set, interval schedules kept as qless recurring templates.
 */
class ScheduleTests extends ScriptTestSupport {

	static final String CRON = """
			{"type":"cron","cron":"0 * * * * *","zone":"Europe/Paris","misfire":"fire-once","queue":"q",\
			"klass":"Report","data":"{\\"a\\":1}","priority":3,"tags":["nightly"],"retries":2,"throttles":["db"]}""";

	static final String INTERVAL = """
			{"type":"interval","interval":60,"jid":"tmpl","misfire":"fire-once","backlog":1,"queue":"q",\
			"klass":"Sweep","data":"{}","priority":1,"tags":["t"],"retries":4,"throttles":[]}""";

	private JsonNode fire(long now, String name, long time, long next, String jid) {
		return this.qless.json("schedule.fire", now, name, time, next, jid);
	}

	@Test
	void setIsIdempotentAndReportsChanges() {
		assertThat(this.qless.call("schedule.set", 100, "s", CRON, 120)).isEqualTo("created");
		assertThat(this.qless.call("schedule.set", 110, "s", CRON, 180)).isEqualTo("unchanged");
		JsonNode schedule = this.qless.json("schedule.get", 110, "s");
		assertThat(schedule.get("next").asLong()).isEqualTo(120);
		assertThat(schedule.get("updated").asLong()).isEqualTo(100);
		// Same cron and zone: the next fire time stays.
		String changed = CRON.replace("\"priority\":3", "\"priority\":4");
		assertThat(this.qless.call("schedule.set", 111, "s", changed, 180)).isEqualTo("updated");
		assertThat(this.qless.json("schedule.get", 111, "s").get("next").asLong()).isEqualTo(120);
		// Another cron: the caller's next fire time.
		String hourly = changed.replace("0 * * * * *", "0 0 * * * *");
		assertThat(this.qless.call("schedule.set", 112, "s", hourly, 3600)).isEqualTo("updated");
		schedule = this.qless.json("schedule.get", 112, "s");
		assertThat(schedule.get("next").asLong()).isEqualTo(3600);
		assertThat(schedule.get("cron").asString()).isEqualTo("0 0 * * * *");
		assertThat(schedule.get("priority").asInt()).isEqualTo(4);
		assertThat(schedule.get("created").asLong()).isEqualTo(100);
		assertThat(this.qless.zscore("ql:schedules", "s")).isEqualTo(3600.0);
		assertThat(this.qless.zscore("ql:schedules:names", "s")).isZero();
	}

	@Test
	void fireIsACompareAndSetOnTheNextFireTime() {
		this.qless.call("schedule.set", 100, "s", CRON, 120);
		assertThat(fire(119, "s", 120, 180, "j120").get("reason").asString()).isEqualTo("not-due");
		JsonNode fired = fire(121, "s", 120, 180, "j120");
		assertThat(fired.get("fired").asBoolean()).isTrue();
		assertThat(fired.get("next").asLong()).isEqualTo(180);
		// The reply was lost and the call is sent again: the job exists, nothing more is put.
		JsonNode again = fire(122, "s", 120, 180, "j120");
		assertThat(again.get("fired").asBoolean()).isFalse();
		assertThat(again.get("reason").asString()).isEqualTo("already-fired");
		// Another instance, with its own jid for the same time: too late.
		JsonNode late = fire(122, "s", 120, 180, "other");
		assertThat(late.get("reason").asString()).isEqualTo("not-due");
		assertThat(late.get("next").asLong()).isEqualTo(180);
		assertThat(this.qless.redis().exists("ql:j:other")).isZero();
		JsonNode job = this.qless.job("j120");
		assertThat(job.get("klass").asString()).isEqualTo("Report");
		assertThat(job.get("data").asString()).isEqualTo("{\"a\":1}");
		assertThat(job.get("priority").asInt()).isEqualTo(3);
		assertThat(job.get("retries").asInt()).isEqualTo(2);
		assertThat(QlessScript.strings(job.get("tags"))).containsExactly("nightly");
		assertThat(QlessScript.strings(job.get("throttles"))).containsExactly("db", "ql:q:q");
		assertThat(job.get("history").get(0)).isEqualTo(json("{\"q\":\"q\",\"what\":\"put\",\"when\":121}"));
		assertThat(this.qless.peek(121, "q", 10)).hasSize(1);
		JsonNode schedule = this.qless.json("schedule.get", 122, "s");
		assertThat(schedule.get("last").asLong()).isEqualTo(120);
		assertThat(schedule.get("last-jid").asString()).isEqualTo("j120");
		assertThat(schedule.get("last-put").asLong()).isEqualTo(121);
		assertThat(schedule.get("fired").asLong()).isEqualTo(1);
	}

	@Test
	void fireOfATimeWhoseJobExistsMovesOn() {
		this.qless.call("schedule.set", 100, "s", CRON, 120);
		this.qless.put(100, "q", "j120");
		JsonNode reply = fire(121, "s", 120, 180, "j120");
		assertThat(reply.get("reason").asString()).isEqualTo("already-fired");
		assertThat(reply.get("next").asLong()).isEqualTo(180);
		assertThat(this.qless.zscore("ql:schedules", "s")).isEqualTo(180.0);
	}

	@Test
	void fireValidation() {
		this.qless.call("schedule.set", 100, "s", CRON, 120);
		this.qless.assertError("Schedule(): Arg \"name\" missing", "schedule.fire", 121);
		this.qless.assertError("Schedule(): Arg \"time\" not a number: x", "schedule.fire", 121, "s", "x", 180, "j");
		this.qless.assertError("Schedule(): Arg \"next\" must be after \"time\": 120", "schedule.fire", 121, "s", 120,
				120, "j");
		this.qless.assertError("Schedule(): Arg \"jid\" missing", "schedule.fire", 121, "s", 120, 180);
		assertThat(fire(121, "nope", 120, 180, "j").get("reason").asString()).isEqualTo("unknown");
		this.qless.call("schedule.set", 100, "i", INTERVAL);
		this.qless.assertError("Schedule(): i is not a cron schedule", "schedule.fire", 121, "i", 120, 180, "j");
	}

	@Test
	void setValidation() {
		this.qless.assertError("Schedule(): Arg \"definition\" missing", "schedule.set", 0, "s");
		this.qless.assertError("Schedule(): Arg \"definition\" not a JSON object: [", "schedule.set", 0, "s", "[");
		this.qless.assertError("Schedule(): definition type \"weekly\" unknown", "schedule.set", 0, "s",
				"{\"type\":\"weekly\"}");
		this.qless.assertError("Schedule(): definition field \"queue\" missing or not a string", "schedule.set", 0, "s",
				CRON.replace("\"queue\":\"q\"", "\"queue\":\"\""));
		this.qless.assertError("Schedule(): definition field \"data\" not JSON: {oops", "schedule.set", 0, "s",
				CRON.replace("{\\\"a\\\":1}", "{oops"));
		this.qless.assertError("Schedule(): misfire policy \"later\" unknown", "schedule.set", 0, "s",
				CRON.replace("fire-once", "later"));
		this.qless.assertError("Schedule(): Arg \"next\" not a number: nil", "schedule.set", 0, "s", CRON);
		this.qless.assertError("Schedule(): Arg \"interval\" must be greater than 0", "schedule.set", 0, "s",
				INTERVAL.replace("\"interval\":60", "\"interval\":0"));
		assertThat(this.qless.redis().keys("*")).isEmpty();
	}

	@Test
	void skipMovesTheNextFireTimeWithoutAJob() {
		this.qless.call("schedule.set", 100, "s", CRON, 120);
		JsonNode skipped = this.qless.json("schedule.skip", 500, "s", 120, 540, 6);
		assertThat(skipped.get("skipped").asBoolean()).isTrue();
		assertThat(this.qless.json("schedule.skip", 500, "s", 120, 540).get("reason").asString())
			.isEqualTo("not-due");
		JsonNode schedule = this.qless.json("schedule.get", 500, "s");
		assertThat(schedule.get("next").asLong()).isEqualTo(540);
		assertThat(schedule.get("skipped").asLong()).isEqualTo(6);
		assertThat(this.qless.redis().keys("ql:j:*")).isEmpty();
	}

	@Test
	void dueListsTheEarliestDueSchedulesAndTheNextTime() {
		this.qless.call("schedule.set", 100, "a", CRON, 120);
		this.qless.call("schedule.set", 100, "b", CRON, 110);
		this.qless.call("schedule.set", 100, "c", CRON, 300);
		JsonNode due = this.qless.json("schedule.due", 130, 10);
		assertThat(due.get("due")).hasSize(2);
		assertThat(due.get("due").get(0).get("name").asString()).isEqualTo("b");
		assertThat(due.get("due").get(0).get("next").asLong()).isEqualTo(110);
		assertThat(due.get("due").get(0).get("cron").asString()).isEqualTo("0 * * * * *");
		assertThat(due.get("due").get(0).get("zone").asString()).isEqualTo("Europe/Paris");
		assertThat(due.get("due").get(0).get("misfire").asString()).isEqualTo("fire-once");
		assertThat(due.get("next").asLong()).isEqualTo(300);
		assertThat(this.qless.json("schedule.due", 130, 1).get("due")).hasSize(1);
		JsonNode none = this.qless.json("schedule.due", 100);
		assertThat(QlessScript.strings(none.get("due"))).isEmpty();
		assertThat(none.get("next").asLong()).isEqualTo(110);
	}

	@Test
	void dueAndListReadAtMostAThousandSchedulesPerCall() {
		java.util.Map<String, Double> names = new java.util.HashMap<>();
		for (int i = 0; i < 1200; i++) {
			names.put("s" + i, (double) i);
		}
		this.qless.redis().zadd("ql:schedules", names.entrySet().stream()
			.map((e) -> io.lettuce.core.ScoredValue.just(e.getValue(), e.getKey()))
			.toArray(io.lettuce.core.ScoredValue[]::new));
		java.util.Map<String, Double> all = new java.util.HashMap<>();
		names.keySet().forEach((name) -> all.put(name, 0.0));
		this.qless.redis().zadd("ql:schedules:names", all.entrySet().stream()
			.map((e) -> io.lettuce.core.ScoredValue.just(e.getValue(), e.getKey()))
			.toArray(io.lettuce.core.ScoredValue[]::new));
		assertThat(this.qless.json("schedule.due", 5000, 5000).get("due")).hasSize(1000);
		JsonNode list = this.qless.json("schedule.list", 5000, 0, 5000);
		assertThat(list.get("total").asLong()).isEqualTo(1200);
		assertThat(QlessScript.strings(list.get("schedules"))).isEmpty();
		assertThat(this.qless.json("schedule.due", 5000).get("due")).hasSize(100);
	}

	@Test
	void pauseTakesACronScheduleOutOfDueUntilResumed() {
		this.qless.call("schedule.set", 100, "s", CRON, 120);
		JsonNode paused = this.qless.json("schedule.pause", 110, "s");
		assertThat(paused.get("paused").asBoolean()).isTrue();
		assertThat(QlessScript.strings(this.qless.json("schedule.due", 200).get("due"))).isEmpty();
		assertThat(fire(200, "s", 120, 180, "j").get("reason").asString()).isEqualTo("paused");
		// Fire times that passed while paused are skipped: the caller's next.
		JsonNode resumed = this.qless.json("schedule.resume", 200, "s", 240);
		assertThat(resumed.get("paused").asBoolean()).isFalse();
		assertThat(resumed.get("next").asLong()).isEqualTo(240);
		assertThat(this.qless.zscore("ql:schedules", "s")).isEqualTo(240.0);
		// A short pause keeps a next fire time still to come.
		this.qless.json("schedule.pause", 201, "s");
		assertThat(this.qless.json("schedule.resume", 202, "s").get("next").asLong()).isEqualTo(240);
		assertThat(this.qless.call("schedule.pause", 202, "nope")).isNull();
	}

	@Test
	void triggerPutsAJobNowAndLeavesTheFireTimes() {
		this.qless.call("schedule.set", 100, "s", CRON, 120);
		assertThat(this.qless.call("schedule.trigger", 105, "s", "manual")).isEqualTo("manual");
		assertThat(this.qless.job("manual").get("klass").asString()).isEqualTo("Report");
		JsonNode schedule = this.qless.json("schedule.get", 105, "s");
		assertThat(schedule.get("next").asLong()).isEqualTo(120);
		assertThat(schedule.get("triggered").asLong()).isEqualTo(1);
		assertThat(this.qless.call("schedule.trigger", 105, "nope", "x")).isNull();
	}

	@Test
	void intervalSchedulesAreQlessRecurringTemplates() {
		assertThat(this.qless.call("schedule.set", 100, "i", INTERVAL)).isEqualTo("created");
		assertThat(this.qless.json("recur.get", 100, "tmpl")).isEqualTo(json("""
				{"jid":"tmpl","klass":"Sweep","state":"recur","queue":"q","priority":1,"interval":60,"retries":4,
				 "count":0,"data":"{}","tags":["t"],"backlog":1}"""));
		assertThat(this.qless.zscore("ql:q:q-recur", "tmpl")).isEqualTo(100.0);
		assertThat(this.qless.zscore("ql:schedules", "i")).isNull();
		// Spawned by a pop, as any qless client does.
		assertThat(QlessScript.jids(this.qless.pop(100, "q", "w", 5))).containsExactly("tmpl-1");
		assertThat(this.qless.call("schedule.set", 130, "i", INTERVAL)).isEqualTo("unchanged");
		JsonNode schedule = this.qless.json("schedule.get", 130, "i");
		assertThat(schedule.get("next").asLong()).isEqualTo(160);
		assertThat(schedule.get("last").asLong()).isEqualTo(100);
		assertThat(schedule.get("fired").asLong()).isEqualTo(1);
		assertThat(schedule.get("last-jid").asString()).isEqualTo("tmpl-1");
		// A longer interval keeps the next spawn time and the count.
		assertThat(this.qless.call("schedule.set", 130, "i", INTERVAL.replace("\"interval\":60", "\"interval\":600")))
			.isEqualTo("updated");
		assertThat(this.qless.zscore("ql:q:q-recur", "tmpl")).isEqualTo(160.0);
		assertThat(this.qless.hash("ql:r:tmpl")).containsEntry("count", "1").containsEntry("interval", "600");
		// Unrecurred by another client: made again.
		this.qless.call("unrecur", 140, "tmpl");
		assertThat(this.qless.call("schedule.set", 140, "i", INTERVAL.replace("\"interval\":60", "\"interval\":600")))
			.isEqualTo("updated");
		assertThat(this.qless.zscore("ql:q:q-recur", "tmpl")).isEqualTo(140.0);
	}

	@Test
	void pausedIntervalSchedulesSpawnNothingAndResumeOnTheirGrid() {
		this.qless.call("schedule.set", 100, "i", INTERVAL);
		this.qless.json("schedule.pause", 110, "i");
		assertThat(this.qless.zscore("ql:q:q-recur", "tmpl")).isNull();
		assertThat(this.qless.pop(500, "q", "w", 5)).isEmpty();
		JsonNode resumed = this.qless.json("schedule.resume", 530, "i");
		assertThat(resumed.get("next").asLong()).isEqualTo(580);
		assertThat(QlessScript.jids(this.qless.pop(580, "q", "w", 5))).containsExactly("tmpl-1");
	}

	@Test
	void changingTheTypeRemovesTheOldSchedule() {
		this.qless.call("schedule.set", 100, "s", INTERVAL);
		assertThat(this.qless.call("schedule.set", 100, "s", CRON, 120)).isEqualTo("updated");
		assertThat(this.qless.redis().exists("ql:r:tmpl")).isZero();
		assertThat(this.qless.zscore("ql:q:q-recur", "tmpl")).isNull();
		assertThat(this.qless.zscore("ql:schedules", "s")).isEqualTo(120.0);
		assertThat(this.qless.call("schedule.set", 100, "s", INTERVAL)).isEqualTo("updated");
		assertThat(this.qless.zscore("ql:schedules", "s")).isNull();
		assertThat(this.qless.hash("ql:sched:s")).doesNotContainKeys("next", "cron", "zone");
	}

	@Test
	void listAndDelete() {
		this.qless.call("schedule.set", 100, "b", CRON, 120);
		this.qless.call("schedule.set", 100, "a", INTERVAL);
		JsonNode list = this.qless.json("schedule.list", 100);
		assertThat(list.get("total").asLong()).isEqualTo(2);
		assertThat(list.get("schedules").get(0).get("name").asString()).isEqualTo("a");
		assertThat(list.get("schedules").get(0).get("type").asString()).isEqualTo("interval");
		assertThat(list.get("schedules").get(1).get("name").asString()).isEqualTo("b");
		assertThat(this.qless.json("schedule.list", 100, 1, 5).get("schedules")).hasSize(1);
		assertThat(this.qless.call("schedule.delete", 100, "a")).isEqualTo(1L);
		assertThat(this.qless.call("schedule.delete", 100, "b")).isEqualTo(1L);
		assertThat(this.qless.call("schedule.delete", 100, "b")).isEqualTo(0L);
		assertThat(this.qless.redis().keys("*")).containsOnly("ql:queues");
		assertThat(this.qless.call("schedule.get", 100, "a")).isNull();
	}

	@Test
	void concurrentFiresOfOneTimePutOneJob() throws Exception {
		this.qless.call("schedule.set", 100, "s", CRON, 120);
		RedisClient client = this.qless.client();
		List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(3);
		try {
			for (int i = 0; i < 3; i++) {
				connections.add(client.connect());
			}
			for (long t = 120; t < 120 + 60 * 30; t += 60) {
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Object>> replies = new ArrayList<>();
				for (int i = 0; i < 3; i++) {
					StatefulRedisConnection<String, String> connection = connections.get(i);
					String[] argv = QlessScript.argv("schedule.fire", t + i, "s", t, t + 60, "j" + t + "-" + i);
					replies.add(executor.submit(() -> {
						start.await();
						return connection.sync()
							.dispatch(CommandType.EVALSHA, new RawOutput(), new CommandArgs<>(StringCodec.UTF8)
								.add(QlessScripts.qless().sha1())
								.add(0)
								.addValues(argv));
					}));
				}
				start.countDown();
				int fired = 0;
				for (Future<Object> reply : replies) {
					if (QlessScript.parseReply(reply.get(10, TimeUnit.SECONDS)).get("fired").asBoolean()) {
						fired++;
					}
				}
				assertThat(fired).as("jobs fired for %s", t).isEqualTo(1);
			}
			assertThat(this.qless.redis().zcard("ql:q:q-work")).isEqualTo(30);
		}
		finally {
			executor.shutdownNow();
			connections.forEach(StatefulRedisConnection::close);
		}
	}

}
