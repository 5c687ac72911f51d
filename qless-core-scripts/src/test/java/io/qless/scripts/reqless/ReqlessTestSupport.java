package io.qless.scripts.reqless;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;

/** Base of the reqless dialect tests: a flushed Redis and a {@link ReqlessScript}. */
@QlessRedisTest
abstract class ReqlessTestSupport {

	ReqlessScript reqless;

	@BeforeEach
	void connectScript(TestRedis redis) {
		this.reqless = ReqlessScript.connect(redis);
	}

	static JsonNode json(String text) {
		return ReqlessScript.parse(text);
	}

}
