package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.lettuce.core.RedisException;
import io.qless.test.TestRedis;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Redis 7 function library build answers exactly like the EVALSHA script:
 * {@code FCALL qless 0 <command> <now> <args...>}.
 */
class FunctionLibraryTests extends ScriptTestSupport {

	private TestRedis testRedis;

	@BeforeEach
	void loadLibrary(TestRedis redis) {
		this.testRedis = redis;
		boolean functions;
		try {
			this.qless.redis().functionList();
			functions = true;
		}
		catch (RedisException ex) {
			functions = false;
		}
		assumeTrue(functions, "this Redis has no FUNCTION command");
		this.qless.redis().functionLoad(QlessScripts.qlessFunctionLibrary().text(), true);
	}

	private List<@Nullable Object> lifecycle(Function<String[], @Nullable Object> call) {
		List<@Nullable Object> replies = new ArrayList<>();
		replies.add(call.apply(QlessScript.argv("put", 0, "worker", "queue", "jid", "klass", "{\"a\":1}", 0, "tags",
				"[\"t\"]")));
		replies.add(call.apply(QlessScript.argv("track", 0, "track", "jid")));
		replies.add(normalise(call.apply(QlessScript.argv("pop", 1, "queue", "worker", 1))));
		replies.add(call.apply(QlessScript.argv("heartbeat", 2, "jid", "worker")));
		replies.add(call.apply(QlessScript.argv("jobs", 2, "running", "queue")));
		replies.add(call.apply(QlessScript.argv("complete", 3, "jid", "worker", "queue", "{}")));
		replies.add(normalise(call.apply(QlessScript.argv("get", 3, "jid"))));
		replies.add(call.apply(QlessScript.argv("config.set", 3, "heartbeat", 30)));
		replies.add(call.apply(QlessScript.argv("config.get", 3, "heartbeat")));
		replies.add(call.apply(QlessScript.argv("config.get", 3, "grace-period")));
		replies.add(call.apply(QlessScript.argv("cancel", 3, "missing")));
		replies.add(call.apply(QlessScript.argv("pop", 3, "queue", "worker", 1)));
		return replies;
	}

	private static @Nullable Object normalise(@Nullable Object json) {
		return (json instanceof String text) ? QlessScript.parse(text) : json;
	}

	@Test
	void lifecycleGivesTheSameRepliesAsEvalsha() {
		List<@Nullable Object> viaScript = lifecycle(this.qless::evalsha);
		assertThat(viaScript.get(0)).isEqualTo("jid");
		assertThat(viaScript.get(3)).isEqualTo(62L);
		assertThat(viaScript.get(5)).isEqualTo("complete");
		this.testRedis.flush();
		this.qless.redis().functionLoad(QlessScripts.qlessFunctionLibrary().text(), true);
		List<@Nullable Object> viaFunction = lifecycle(this.qless::fcall);
		assertThat(viaFunction).isEqualTo(viaScript);
	}

	private List<@Nullable Object> throttleLifecycle(Function<String[], @Nullable Object> call) {
		List<@Nullable Object> replies = new ArrayList<>();
		replies.add(call.apply(QlessScript.argv("throttle.set", 0, "t", 1)));
		replies.add(call.apply(QlessScript.argv("queue.throttle.set", 0, "queue", 5)));
		replies.add(call.apply(QlessScript.argv("put", 0, "worker", "queue", "a", "klass", "{}", 0, "throttles",
				"[\"t\"]")));
		replies.add(call.apply(QlessScript.argv("put", 1, "worker", "queue", "b", "klass", "{}", 0, "throttles",
				"[\"t\"]")));
		replies.add(call.apply(QlessScript.argv("put", 2, "worker", "queue", "c", "klass", "{}", 0)));
		replies.add(normalise(call.apply(QlessScript.argv("pop", 3, "queue", "worker", 3))));
		replies.add(call.apply(QlessScript.argv("throttle.locks", 3, "t")));
		replies.add(call.apply(QlessScript.argv("throttle.locks", 3, "ql:q:queue")));
		replies.add(call.apply(QlessScript.argv("throttle.pending", 3, "t")));
		replies.add(call.apply(QlessScript.argv("jobs", 3, "throttled", "queue")));
		replies.add(normalise(call.apply(QlessScript.argv("queues", 3, "queue"))));
		replies.add(call.apply(QlessScript.argv("complete", 4, "a", "worker", "queue", "{}")));
		replies.add(normalise(call.apply(QlessScript.argv("get", 4, "b"))));
		replies.add(normalise(call.apply(QlessScript.argv("pop", 5, "queue", "worker", 1))));
		replies.add(normalise(call.apply(QlessScript.argv("throttle.get", 5, "t"))));
		replies.add(call.apply(QlessScript.argv("throttle.ttl", 5, "t")));
		replies.add(call.apply(QlessScript.argv("throttle.release", 5, "t", "b")));
		replies.add(call.apply(QlessScript.argv("throttle.delete", 5, "t")));
		replies.add(normalise(call.apply(QlessScript.argv("queue.throttle.get", 5, "queue"))));
		return replies;
	}

	@Test
	void throttlesGiveTheSameRepliesAsEvalsha() {
		List<@Nullable Object> viaScript = throttleLifecycle(this.qless::evalsha);
		assertThat(QlessScript.jids((JsonNode) viaScript.get(5))).containsExactly("a", "c");
		assertThat(viaScript.get(8)).isEqualTo(List.of("b"));
		this.testRedis.flush();
		this.qless.redis().functionLoad(QlessScripts.qlessFunctionLibrary().text(), true);
		List<@Nullable Object> viaFunction = throttleLifecycle(this.qless::fcall);
		assertThat(viaFunction).isEqualTo(viaScript);
	}

	@Test
	void eachCallStoresItsOwnTimeAsTheTextOfItsNow() {
		this.qless.fcall("put", "1700000000.125", "worker", "queue", "a", "klass", "{}", "0");
		this.qless.fcall("put", "1700000000.125", "worker", "queue", "b", "klass", "{}", "0");
		this.qless.fcall("put", "1700000000.126", "worker", "queue", "c", "klass", "{}", "0");
		this.qless.fcall("put", "1700000000.125", "worker", "queue", "d", "klass", "{}", "0");
		assertThat(this.qless.redis().hget("ql:j:a", "time")).isEqualTo("1700000000.125");
		assertThat(this.qless.redis().hget("ql:j:b", "time")).isEqualTo("1700000000.125");
		assertThat(this.qless.redis().hget("ql:j:c", "time")).isEqualTo("1700000000.126");
		assertThat(this.qless.redis().hget("ql:j:d", "time")).isEqualTo("1700000000.125");
		JsonNode popped = QlessScript.parse((String) this.qless.fcall("pop", "1700000000.126", "queue", "worker", "4"));
		assertThat(QlessScript.jids(popped)).containsExactlyInAnyOrder("a", "b", "c", "d");
		assertThat(this.qless.redis().hget("ql:j:a", "time")).isEqualTo("1700000000.126");
	}

	@Test
	void aNowInAnotherNotationIsStoredAsTheNumberItReads() {
		this.qless.fcall("put", "17e8", "worker", "queue", "a", "klass", "{}", "0");
		this.qless.fcall("put", "0x10", "worker", "queue", "b", "klass", "{}", "0");
		this.qless.fcall("put", "1700000000.5e0", "worker", "queue", "c", "klass", "{}", "0");
		assertThat(this.qless.redis().hget("ql:j:a", "time")).isEqualTo("1700000000");
		assertThat(this.qless.redis().hget("ql:j:b", "time")).isEqualTo("16");
		assertThat(this.qless.redis().hget("ql:j:c", "time")).isEqualTo("1700000000.5");
	}

	@Test
	void waitAndRunTimesAreEachJobsOwnThoughTheLibraryKeepsTheLastTimeRead() {
		this.qless.fcall("put", "100", "worker", "queue", "a", "klass", "{}", "0");
		this.qless.fcall("put", "110", "worker", "queue", "b", "klass", "{}", "0");
		this.qless.fcall("put", "110", "worker", "queue", "c", "klass", "{}", "0");
		this.qless.fcall("pop", "120", "queue", "worker", "1");
		this.qless.fcall("pop", "120", "queue", "worker", "2");
		this.qless.fcall("complete", "125", "a", "worker", "queue", "{}");
		this.qless.fcall("complete", "150", "b", "worker", "queue", "{}");
		this.qless.fcall("complete", "150", "c", "worker", "queue", "{}");
		JsonNode stats = QlessScript.parse((String) this.qless.fcall("stats", "150", "queue", "150"));
		assertThat(stats.get("wait").get("count").asLong()).isEqualTo(3);
		assertThat(stats.get("wait").get("mean").asDouble()).isCloseTo(40.0 / 3, within(1e-9));
		assertThat(stats.get("run").get("count").asLong()).isEqualTo(3);
		assertThat(stats.get("run").get("mean").asDouble()).isCloseTo(65.0 / 3, within(1e-9));
	}

	@Test
	void errorsCarryTheSameMessage() {
		String viaScript = QlessScript.errorOf(() -> this.qless.evalsha(QlessScript.argv("complete", 0, "jid",
				"worker", "queue", "{}")));
		String viaFunction = QlessScript.errorOf(() -> this.qless.fcall(QlessScript.argv("complete", 0, "jid",
				"worker", "queue", "{}")));
		assertThat(viaScript).contains("user_script:").contains("Complete(): Job jid does not exist");
		assertThat(viaFunction).contains("Complete(): Job jid does not exist");
		String dispatch = QlessScript.errorOf(() -> this.qless.fcall("nope", "0"));
		assertThat(dispatch).contains("Unknown command nope");
	}

}
