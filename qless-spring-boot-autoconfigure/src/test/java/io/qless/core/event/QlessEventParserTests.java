package io.qless.core.event;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class QlessEventParserTests {

	private final QlessEventParser parser = new QlessEventParser(JsonMapper.builder().build());

	@Test
	void parsesTheEventsPinnedByTheProtocol() {
		assertThat(this.parser.parse("ql:log", "{\"jid\":\"jid\",\"event\":\"put\",\"queue\":\"queue\"}"))
			.isEqualTo(new QlessEvent.Put("ql:log", "jid", "queue"));
		assertThat(this.parser.parse("ql:log", "{\"jid\":\"jid\",\"event\":\"lock_lost\",\"worker\":\"worker\"}"))
			.isEqualTo(new QlessEvent.LockLost("ql:log", "jid", "worker"));
		assertThat(this.parser.parse("ql:log",
				"{\"jid\":\"jid\",\"queue\":\"queue\",\"event\":\"canceled\",\"worker\":\"\"}"))
			.isEqualTo(new QlessEvent.Canceled("ql:log", "jid", "", "queue"));
		assertThat(this.parser.parse("ql:log",
				"{\"jid\":\"jid\",\"queue\":false,\"event\":\"canceled\",\"worker\":false}"))
			.isEqualTo(new QlessEvent.Canceled("ql:log", "jid", null, null));
		assertThat(this.parser.parse("ql:log", "{\"jid\":\"jid\",\"event\":\"completed\",\"queue\":\"queue\"}"))
			.isEqualTo(new QlessEvent.Completed("ql:log", "jid", "queue"));
		assertThat(this.parser.parse("ql:log",
				"{\"jid\":\"jid\",\"to\":\"queue\",\"event\":\"advanced\",\"queue\":\"queue\"}"))
			.isEqualTo(new QlessEvent.Advanced("ql:log", "jid", "queue", "queue"));
		assertThat(this.parser.parse("ql:log",
				"{\"message\":\"mess\",\"jid\":\"jid\",\"group\":\"grp\",\"event\":\"failed\",\"worker\":\"worker\"}"))
			.isEqualTo(new QlessEvent.Failed("ql:log", "jid", "worker", "grp", "mess"));
		assertThat(this.parser.parse("ql:log", "{\"option\":\"foo\",\"event\":\"config_set\",\"value\":\"bar\"}"))
			.isEqualTo(new QlessEvent.ConfigSet("ql:log", "foo", "bar"));
		assertThat(this.parser.parse("ql:log", "{\"event\":\"config_unset\",\"option\":\"foo\"}"))
			.isEqualTo(new QlessEvent.ConfigUnset("ql:log", "foo"));
	}

	@Test
	void trackedChannelsCarryTheBareJid() {
		assertThat(this.parser.parse("ql:popped", "abc"))
			.isEqualTo(new QlessEvent.Tracked("ql:popped", TrackedKind.POPPED, "abc"));
		assertThat(this.parser.parse("ql:untrack", "abc").jid()).isEqualTo("abc");
	}

	@Test
	void unknownPayloads() {
		assertThat(this.parser.parse("ql:log", "not json")).isEqualTo(new QlessEvent.Unknown("ql:log", "not json"));
		assertThat(this.parser.parse("ql:log", "{\"event\":\"new\"}"))
			.isEqualTo(new QlessEvent.Unknown("ql:log", "{\"event\":\"new\"}"));
		assertThat(this.parser.parse("ql:log", "{}")).isInstanceOf(QlessEvent.Unknown.class);
	}

}
