package io.qless.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ScriptArguments}: what goes on the wire with and without a shard key.
 */
class ScriptArgumentsTests {

	private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);

	@Test
	void withoutAKeyTheCallIsExactlyAsBefore() {
		ScriptArguments args = new ScriptArguments("sha", new ScriptCall("pop", CLOCK, List.of("q", "w", "1")));
		assertThat(encoded(args)).isEqualTo(resp("sha", "0", "pop", "1700000000.123", "q", "w", "1"));
		assertThat(args.count()).isEqualTo(7);
		assertThat(args.getFirstEncodedKey()).as("no key: a cluster client has nothing to route by").isNull();
	}

	@Test
	void aShardKeyIsSentAsTheOneKeyAndRoutesTheCall() {
		ScriptCall call = new ScriptCall("pop", CLOCK, List.of("q", "w", "1")).withKey("ql:{orders}:");
		ScriptArguments args = new ScriptArguments("qless", call);
		assertThat(encoded(args))
			.isEqualTo(resp("qless", "1", "ql:{orders}:", "pop", "1700000000.123", "q", "w", "1"));
		assertThat(args.count()).isEqualTo(8);
		ByteBuffer key = args.getFirstEncodedKey();
		assertThat(key).isNotNull();
		assertThat(StandardCharsets.UTF_8.decode(key).toString()).isEqualTo("ql:{orders}:");
		assertThat(args.toCommandString()).isEqualTo("qless 1 ql:{orders}: pop <now> q w 1");
	}

	@Test
	void commandsKeepTheirShardThroughTheReqlessTranslation() {
		QlessCommands commands = new QlessCommands(new QlessJson(tools.jackson.databind.json.JsonMapper.builder().build()),
				CLOCK, QlessDialect.REQLESS)
			.forShard(QlessShard.hashTagged("orders", List.of("o")));
		ScriptCall call = commands.pop("q", "w", 1).call();
		assertThat(call.command()).isEqualTo("queue.pop");
		assertThat(call.key()).isEqualTo("ql:{orders}:");
		assertThat(commands.pop("q", "w", 1).in(QlessShard.plain()).call().key()).isNull();
	}

	@Test
	void lengthsOfEverySizeAreWrittenInDecimal() {
		List<String> values = List.of("", "x".repeat(9), "x".repeat(10), "x".repeat(99), "x".repeat(100),
				"é".repeat(500), "x".repeat(12_345));
		ScriptArguments args = new ScriptArguments("sha", new ScriptCall("put", CLOCK, values));
		String[] expected = new String[4 + values.size()];
		expected[0] = "sha";
		expected[1] = "0";
		expected[2] = "put";
		expected[3] = "1700000000.123";
		for (int i = 0; i < values.size(); i++) {
			expected[4 + i] = values.get(i);
		}
		assertThat(encoded(args)).isEqualTo(resp(expected)).contains("$1000\r\n").contains("$12345\r\n");
	}

	private static String encoded(ScriptArguments args) {
		ByteBuf buf = Unpooled.buffer();
		args.encode(buf);
		return buf.toString(StandardCharsets.UTF_8);
	}

	private static String resp(String... values) {
		StringBuilder text = new StringBuilder();
		for (String value : values) {
			text.append('$').append(value.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(value).append("\r\n");
		}
		return text.toString();
	}

}
