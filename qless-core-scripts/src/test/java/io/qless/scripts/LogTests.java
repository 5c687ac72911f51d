package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code log}. */
class LogTests extends ScriptTestSupport {

	@Test
	void validation() {
		this.qless.assertError("Log(): Argument 'jid' missing", "log", 0);
		this.qless.assertError("Log(): Argument 'message' missing", "log", 0, "jid");
		this.qless.put(0, "queue", "jid");
		this.qless.assertError("Log(): Argument 'data' not cjson: false", "log", 0, "jid", "msg", "false");
		assertThat(this.qless.error("log", 0, "jid", "msg", "{oops")).isNotEmpty();
	}

	@Test
	void missingJob() {
		this.qless.assertError("Log(): Job jid does not exist", "log", 0, "jid", "msg");
	}

	@Test
	void appendsAnEntryWithTheDataMergedIn() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.call("log", 5, "jid", "foo", "{\"foo\": \"bar\", \"n\": 2}")).isNull();
		assertThat(this.qless.job("jid").get("history").get(1))
			.isEqualTo(json("{\"when\": 5, \"what\": \"foo\", \"foo\": \"bar\", \"n\": 2}"));
	}

	@Test
	void withoutData() {
		this.qless.put(0, "queue", "jid");
		this.qless.call("log", 5, "jid", "foo");
		assertThat(this.qless.job("jid").get("history").get(1)).isEqualTo(json("{\"when\": 5, \"what\": \"foo\"}"));
	}

	@Test
	void arrayDataGivesNumberedKeys() {
		this.qless.put(0, "queue", "jid");
		this.qless.call("log", 5, "jid", "foo", "[\"a\", \"b\"]");
		assertThat(this.qless.job("jid").get("history").get(1))
			.isEqualTo(json("{\"when\": 5, \"what\": \"foo\", \"1\": \"a\", \"2\": \"b\"}"));
	}

}
