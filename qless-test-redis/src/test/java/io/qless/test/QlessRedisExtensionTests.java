package io.qless.test;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

@QlessRedisTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QlessRedisExtensionTests {

	private final TestRedis redis;

	QlessRedisExtensionTests(TestRedis redis) {
		this.redis = redis;
	}

	@Test
	@Order(1)
	void sameRedisIsInjectedEverywhere(TestRedis parameter) {
		assertThat(parameter).isSameAs(this.redis).isSameAs(TestRedis.shared());
		try (RespConnection connection = connect()) {
			assertThat(connection.call("PING")).isEqualTo("PONG");
		}
	}

	@Test
	@Order(2)
	void aTestLeavesData() {
		try (RespConnection connection = connect()) {
			connection.call("SET", "ql:leftover", "1");
		}
	}

	@Test
	@Order(3)
	void theNextTestStartsEmpty() {
		try (RespConnection connection = connect()) {
			assertThat(connection.call("EXISTS", "ql:leftover")).isEqualTo(0L);
		}
	}

	private RespConnection connect() {
		return RespConnection.open(RedisAddress.parse(this.redis.url()));
	}

}
