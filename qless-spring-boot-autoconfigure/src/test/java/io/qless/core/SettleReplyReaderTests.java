package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.ReturnType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The one-pass reading of {@code settle} replies gives what the tree reading gives, for
 * replies the script wrote, and leaves every other shape to the tree reading.
 */
@QlessRedisTest
class SettleReplyReaderTests {

	private QlessTestSupport support;

	private SettleReplyReader reader;

	private QlessCommands commands;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
		this.reader = new SettleReplyReader(this.support.mapper);
		this.commands = new QlessCommands(new QlessJson(this.support.mapper), this.support.clock);
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	void readsScriptRepliesAsTheTreeReadingDoes() {
		put("plain", "{\"x\":\"\\u00e9/\\\"q\"}");
		put("tagged", "{}", "tags", "[\"a\",\"b/c\"]", "priority", "-2", "retries", "3");
		put("huge", "{}", "priority", "100000000000000");
		put("throttled", "{}", "throttles", "[\"t1\"]");
		put("tracked", "{}");
		this.support.raw(ReturnType.INTEGER, "track", "track", "tracked");
		this.support.raw(ReturnType.VALUE, "put", "w", "other", "failed", "K", "{}", "0");
		this.support.raw(ReturnType.VALUE, "pop", "other", "someone", "1");
		this.support.raw(ReturnType.VALUE, "fail", "failed", "someone", "group", "boom \"x\"", "{}");
		put("failed", "{}");
		this.support.raw(ReturnType.VALUE, "recur", "queue", "recurring", "K.Recurring", "{}", "interval", "60",
				"0");
		// the three the worker holds: first in line
		put("done", "{}", "priority", "200000000000000");
		put("retried", "{}", "priority", "200000000000000");
		put("dropped", "{}", "priority", "200000000000000");
		this.support.raw(ReturnType.VALUE, "pop", "queue", "w", "3");

		List<Settlement> settlements = List.of(Settlement.complete("done", "queue", "{}"),
				Settlement.retry("retried", "queue", Duration.ZERO, null, null),
				Settlement.fail("dropped", "queue", "group", "message"),
				Settlement.complete("missing", "queue", "{}"));
		Object reply = settle(settlements, 20);

		SettleResult read = this.reader.read(reply, settlements);
		SettleResult tree = this.commands.settleResultFromTree(settlements, reply);
		assertThat(read).as(String.valueOf(reply)).isNotNull();
		assertThat(read.jobs()).hasSize(8).isEqualTo(tree.jobs());
		assertThat(read.jobs()).extracting(Job::jid)
			.containsExactlyInAnyOrder("plain", "tagged", "huge", "throttled", "tracked", "failed", "recurring-1",
					"retried");
		assertThat(read.outcomes()).extracting(BatchResult::value).containsExactly("complete", 4L, "dropped", null);
		assertThat(read.outcomes()).extracting(BatchResult::value)
			.isEqualTo(tree.outcomes().stream().map(BatchResult::value).toList());
		RuntimeException expected = tree.outcomes().get(3).error();
		assertThat(expected).isNotNull();
		assertThat(read.outcomes().get(3).error()).isInstanceOf(expected.getClass())
			.hasMessage(expected.getMessage())
			.hasMessageContaining("Job missing does not exist");
	}

	@Test
	void handsOutTheDataAsStored() {
		String data = "{\"text\":\"" + "\u00e9\\\"\\n/".repeat(500) + "\"}";
		put("big", data);
		Object reply = settle(List.of(), 5);
		assertThat(reply).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(3);
		assertThat(this.reader.read(reply, List.of())).isNotNull()
			.satisfies((read) -> assertThat(read.jobs()).singleElement().extracting(Job::data).isEqualTo(data));
		assertThat(this.commands.settleResultFromTree(List.of(), reply).jobs()).singleElement()
			.extracting(Job::data)
			.isEqualTo(data);
	}

	@Test
	void leavesOtherShapesToTheTreeReading() {
		List<Settlement> none = List.of();
		String job = "{\"jid\":\"j\",\"klass\":\"K\",\"state\":\"running\",\"queue\":\"q\",\"worker\":\"w\","
				+ "\"tracked\":false,\"priority\":%s,\"expires\":61,\"retries\":5,\"remaining\":5,"
				+ "\"tags\":{},\"failure\":{},\"spawned_from_jid\":false%s}";
		List<Object> lean = reply("[]", job.formatted("0", ""), "{}");
		assertThat(this.reader.read(lean, none)).isNotNull()
			.isEqualTo(this.commands.settleResultFromTree(none, lean));
		for (String priority : new String[] { "5.5", "-0.5", "2e+14", "1e+17" }) {
			List<Object> reply = reply("[]", job.formatted(priority, ""), "{}");
			assertThat(this.reader.read(reply, none)).as(priority)
				.isEqualTo(this.commands.settleResultFromTree(none, reply));
		}
		List<Object> beyond = reply("[]", job.formatted("1e+30", ""), "{}");
		assertThat(this.reader.read(beyond, none)).isNull();
		assertThat(this.commands.settleResultFromTree(none, beyond).jobs()).singleElement()
			.satisfies((read) -> assertThat(read.jid()).isEqualTo("j"));
		assertThat(this.reader.read(reply("[]", job.formatted("0", ",\"history\":[]"), "{}"), none)).isNull();
		// a text with its data inside is not what the script writes
		assertThat(this.reader.read(reply("[]", job.formatted("0", ",\"data\":\"{}\""), "{}"), none)).isNull();
		assertThat(this.reader.read(reply("[]", job.formatted("0", "")), none)).isNull();
		assertThat(this.reader.read(reply("[\"complete\"]"), none)).isNull();
		assertThat(this.reader.read(reply("[true]"), List.of(Settlement.complete("j", "q", "{}")))).isNull();
		assertThat(this.reader.read(reply("{}"), none)).isNull();
		assertThat(this.reader.read(reply("[", job.formatted("0", ""), "{}"), none)).isNull();
		assertThat(this.reader.read("{\"outcomes\":[],\"jobs\":[]}", none)).isNull();
		assertThatIllegalStateException()
			.isThrownBy(() -> this.commands.settleResultFromTree(none, "{\"outcomes\":[],\"jobs\":[]}"))
			.withMessageContaining("Unexpected reply from the qless settle script");
	}

	private static List<Object> reply(String... parts) {
		List<Object> reply = new ArrayList<>();
		for (String part : parts) {
			reply.add(part.getBytes(StandardCharsets.UTF_8));
		}
		return reply;
	}

	private void put(String jid, String data, String... options) {
		List<String> args = new ArrayList<>(List.of("w", "queue", jid, "K", data, "0"));
		args.addAll(List.of(options));
		this.support.raw(ReturnType.VALUE, "put", args.toArray(String[]::new));
	}

	private @Nullable Object settle(List<Settlement> settlements, int count) {
		List<String> args = new ArrayList<>(List.of("w", "queue", Integer.toString(count),
				Integer.toString(settlements.size())));
		for (Settlement settlement : settlements) {
			if (settlement instanceof Settlement.Retry) {
				args.addAll(List.of("retry", settlement.jid(), "queue", "0", "", ""));
			}
			else if (settlement instanceof Settlement.Fail fail) {
				args.addAll(List.of("fail", fail.jid(), "queue", fail.group(), fail.message(), ""));
			}
			else {
				args.addAll(List.of("complete", settlement.jid(), "queue", "", "", ""));
			}
		}
		return this.support.raw(ReturnType.MULTI, "settle", args.toArray(String[]::new));
	}

}
