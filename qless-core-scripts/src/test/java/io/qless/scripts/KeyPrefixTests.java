package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The key prefix of a call, {@code KEYS[1]}: every key the script writes and every channel it
 * publishes on start with it, in both dialects and through both {@code EVALSHA} and
 * {@code FCALL}; two prefixes in one Redis are two shards that do not see each other.
 */
class KeyPrefixTests extends ScriptTestSupport {

	private static final String S1 = "ql:{s1}:";

	private static final String S2 = "ql:{s2}:";

	/** Calls the qless script through EVALSHA with the prefix as the one key. */
	private @Nullable Object evalsha(String prefix, String command, Object... args) {
		return this.qless.callWithKeys(new String[] { prefix }, QlessScript.argv(command, 1000, args));
	}

	/** Calls a loaded function library with the prefix as the one key. */
	private @Nullable Object fcall(String function, String prefix, String command, Object... args) {
		CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8).add(function)
			.add(1)
			.addKey(prefix)
			.addValues(QlessScript.argv(command, 1000, args));
		return this.qless.redis().dispatch(CommandType.FCALL, new RawOutput(), commandArgs);
	}

	private @Nullable Object reqless(String prefix, String command, Object... args) {
		LuaScript script = QlessScripts.reqless();
		this.qless.redis().scriptLoad(script.text());
		CommandArgs<String, String> commandArgs = new CommandArgs<>(StringCodec.UTF8).add(script.sha1())
			.add(1)
			.addKey(prefix)
			.addValues(QlessScript.argv(command, 1000, args));
		return this.qless.redis().dispatch(CommandType.EVALSHA, new RawOutput(), commandArgs);
	}

	private Set<String> keys() {
		Set<String> keys = new TreeSet<>();
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			KeyScanCursor<String> page = this.qless.redis().scan(cursor);
			keys.addAll(page.getKeys());
			cursor = page;
		}
		while (!cursor.isFinished());
		return keys;
	}

	/** A bit of everything: jobs with tags, dependencies, throttles and unique keys; workers; recurring; failures. */
	private void workload(BiFunction<String, Object[], @Nullable Object> qless) {
		qless.apply("config.set", new Object[] { "heartbeat", 30 });
		qless.apply("throttle.set", new Object[] { "th", 5 });
		qless.apply("queue.throttle.set", new Object[] { "q", 10 });
		qless.apply("put", new Object[] { "w", "q", "a", "K", "{}", 0, "tags", "[\"t\"]", "throttles", "[\"th\"]" });
		qless.apply("put", new Object[] { "w", "q", "b", "K", "{}", 0, "depends", "[\"a\"]" });
		qless.apply("put", new Object[] { "w", "q", "c", "K", "{}", 0, "unique", "u1" });
		qless.apply("put", new Object[] { "w", "q", "d", "K", "{}", 60 });
		qless.apply("put", new Object[] { "w", "q", "e", "K", "{}", 0, "retries", 0 });
		qless.apply("recur", new Object[] { "q", "r", "K", "{}", "interval", 10, 0 });
		qless.apply("track", new Object[] { "track", "a" });
		qless.apply("pop", new Object[] { "q", "w", 10 });
		qless.apply("heartbeat", new Object[] { "a", "w" });
		qless.apply("settle", new Object[] { "w", "q", 5, 2, "complete", "a", "q", "", "", "", "fail", "c", "q", "grp",
				"msg", "" });
		qless.apply("retry", new Object[] { "e", "q", "w", 0 });
		qless.apply("schedule.set", new Object[] { "nightly", ScheduleTests.CRON, 120 });
		qless.apply("schedule.set", new Object[] { "sweep", ScheduleTests.INTERVAL, 120 });
		qless.apply("unfail", new Object[] { "q", "grp", 10 });
		qless.apply("stats", new Object[] { "q", 1000 });
		qless.apply("throughput", new Object[] {});
		qless.apply("workers", new Object[] {});
		qless.apply("queues", new Object[] {});
		qless.apply("schedule.due", new Object[] { 10 });
		qless.apply("cancel", new Object[] { "d" });
	}

	@Test
	void everyKeyStartsWithThePrefixThroughEvalsha() {
		workload((command, args) -> evalsha(S1, command, args));
		Set<String> keys = keys();
		assertThat(keys).isNotEmpty().allMatch((key) -> key.startsWith(S1), "starts with " + S1);
		assertThat(keys).contains(S1 + "j:a", S1 + "q:q-work", S1 + "t:t", S1 + "th:th", S1 + "th:" + S1 + "q:q",
				S1 + "config", S1 + "workers", S1 + "completed", S1 + "r:r", S1 + "tracked", S1 + "queues");
	}

	@Test
	void everyKeyStartsWithThePrefixThroughFcall() {
		this.qless.redis().functionLoad(QlessScripts.qlessFunctionLibrary().text(), true);
		workload((command, args) -> fcall(QlessScripts.FUNCTION_NAME, S1, command, args));
		assertThat(keys()).isNotEmpty().allMatch((key) -> key.startsWith(S1), "starts with " + S1);
	}

	@Test
	void everyKeyStartsWithThePrefixInTheReqlessDialect() {
		reqless(S1, "queue.put", "w", "q", "a", "K", "{}", 0, "tags", "[\"t\"]", "throttles", "[\"th\"]");
		reqless(S1, "queue.put", "w", "q", "b", "K", "{}", 0, "depends", "[\"a\"]");
		reqless(S1, "queue.recurAtInterval", "q", "r", "K", "{}", 10, 0);
		reqless(S1, "queue.pop", "q", "w", 5);
		reqless(S1, "job.heartbeat", "a", "w");
		reqless(S1, "worker.settle", "w", "q", 5, 1, "complete", "a", "q", "", "", "");
		reqless(S1, "job.fail", "b", "w", "grp", "msg");
		reqless(S1, "queue.unfail", "q", "grp", 10);
		reqless(S1, "workers.counts");
		reqless(S1, "queues.counts");
		reqless(S1, "config.set", "heartbeat", 30);
		this.qless.redis().functionLoad(QlessScripts.reqlessFunctionLibrary().text(), true);
		fcall(QlessScripts.REQLESS_FUNCTION_NAME, S1, "queue.put", "w", "q2", "x", "K", "{}", 0);
		assertThat(keys()).isNotEmpty().allMatch((key) -> key.startsWith(S1), "starts with " + S1);
		assertThat(this.qless.redis().hget(S1 + "j:a", "throttles")).isEqualTo("[\"th\",\"" + S1 + "q:q\"]");
	}

	@Test
	void withoutAKeyTheLayoutIsUnchanged() {
		workload((command, args) -> this.qless.call(command, 1000, args));
		assertThat(keys()).isNotEmpty().allMatch((key) -> key.startsWith("ql:") && !key.startsWith("ql:{"));
		assertThat(this.qless.redis().exists("ql:j:a", "ql:q:q-work", "ql:th:ql:q:q")).isEqualTo(3);
	}

	@Test
	void twoShardsDoNotSeeEachOther() {
		evalsha(S1, "put", "w", "q", "a", "K", "{}", 0);
		evalsha(S1, "put", "w", "q", "b", "K", "{}", 0, "unique", "u");
		assertThat(evalsha(S2, "get", "a")).isNull();
		assertThat(QlessScript.parseReply(evalsha(S2, "pop", "q", "w", 5))).isEqualTo(json("{}"));
		assertThat(evalsha(S2, "put", "w", "q", "c", "K", "{}", 0, "unique", "u")).isEqualTo("c");
		assertThat(this.qless.call("get", 0, "a")).isNull();
		JsonNode popped = QlessScript.parseReply(evalsha(S1, "pop", "q", "w", 5));
		assertThat(QlessScript.jids(popped)).containsExactlyInAnyOrder("a", "b");
		assertThat(QlessScript.jids(QlessScript.parseReply(evalsha(S2, "pop", "q", "w", 5)))).containsExactly("c");
		assertThat(evalsha(S1, "length", "q")).isEqualTo(2L);
		assertThat(evalsha(S2, "length", "q")).isEqualTo(1L);
	}

	@Test
	void eventsArriveOnThePrefixedChannels() {
		try (EventRecorder events = EventRecorder.channels(this.qless, S1 + "log", S1 + "w:w", "ql:log")) {
			evalsha(S1, "put", "w", "q", "a", "K", "{}", 0);
			evalsha(S1, "pop", "q", "w", 1);
			evalsha(S1, "put", "other", "q", "a", "K", "{}", 0);
			List<String> channels = new ArrayList<>();
			for (EventRecorder.Event event : events.drain()) {
				channels.add(event.channel());
			}
			assertThat(channels).containsExactly(S1 + "log", S1 + "log", S1 + "w:w", S1 + "log");
		}
	}

}
