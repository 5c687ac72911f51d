package io.qless.scripts;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

/**
 * Base of the script tests: a flushed Redis before every test and a {@link QlessScript}
 * caller in {@link #qless}.
 */
@QlessRedisTest
abstract class ScriptTestSupport {

	QlessScript qless;

	@BeforeEach
	void connectScript(TestRedis redis) {
		this.qless = QlessScript.connect(redis);
	}

	static JsonNode json(String text) {
		return QlessScript.parse(text);
	}

}
