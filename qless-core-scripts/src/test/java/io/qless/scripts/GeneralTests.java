package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dispatch. */
class GeneralTests extends ScriptTestSupport {

	@Test
	void oneKeyIsTheKeyPrefixAndMoreAreRefused() {
		String error = QlessScript
			.errorOf(() -> this.qless.callWithKeys(new String[] { "ql:{a}:", "ql:{b}:" }, "config.get", "0"));
		assertThat(error).contains("user_script:").contains("At most one key, the key prefix, may be provided");
		assertThat(this.qless.callWithKeys(new String[] { "ql:{a}:" }, "config.get", "0", "heartbeat"))
			.isEqualTo(60L);
	}

	@Test
	void keysAreCheckedBeforeTheCommand() {
		String error = QlessScript.errorOf(() -> this.qless.callWithKeys(new String[] { "a", "b" }));
		assertThat(error).contains("At most one key");
		assertThat(QlessScript.errorOf(() -> this.qless.callWithKeys(new String[] { "" }, "config.get", "0")))
			.contains("The key prefix must not be empty");
	}

	@Test
	void missingCommand() {
		String error = QlessScript.errorOf(() -> this.qless.evalsha());
		assertThat(error).contains("user_script:").contains("Must provide a command");
	}

	@Test
	void unknownCommand() {
		String error = QlessScript.errorOf(() -> this.qless.evalsha("foo", "0"));
		assertThat(error).contains("user_script:").contains("Unknown command foo");
	}

	@Test
	void commandIsCheckedBeforeNow() {
		String error = QlessScript.errorOf(() -> this.qless.callArgv("foo"));
		assertThat(error).contains("Unknown command foo");
	}

	@Test
	void missingNow() {
		String error = QlessScript.errorOf(() -> this.qless.evalsha("config.get"));
		assertThat(error).contains("user_script:").contains("Arg \"now\" missing or not a number: nil");
	}

	@Test
	void nonNumericNowEndsInNil() {
		// The value must not look like hex: the error text also carries the script's SHA-1.
		String error = QlessScript.errorOf(() -> this.qless.evalsha("config.get", "not-a-number"));
		assertThat(error).contains("user_script:")
			.contains("Arg \"now\" missing or not a number: nil")
			.doesNotContain("not-a-number");
	}

	@Test
	void nowIsReadWithLuaTonumber() {
		for (String now : new String[] { "1700000000.123456", "0x10", "1e3", " 5 " }) {
			assertThat(this.qless.callAt("config.get", now, "heartbeat")).as(now).isEqualTo(60L);
		}
	}

	@Test
	void fractionalNowIsUsedAsIs() {
		this.qless.callAt("put", "10.75", "worker", "queue", "jid", "klass", "{}", "0");
		assertThat(this.qless.zscore("ql:queues", "queue")).isEqualTo(10.75);
	}

	@Test
	void missingJidOrQueueIsReportedByTheObjectConstructors() {
		this.qless.assertError("Job(): no jid provided", "get", 0);
		this.qless.assertError("Queue(): no queue name provided", "length", 0);
		this.qless.assertError("Recurring(): no jid provided", "recur.get", 0);
	}

}
