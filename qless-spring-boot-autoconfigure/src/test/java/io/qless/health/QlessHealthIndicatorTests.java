package io.qless.health;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import io.qless.core.QlessDialect;
import io.qless.core.QlessTemplate;
import io.qless.scripts.QlessScripts;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QlessHealthIndicator} on a real Redis.
 */
@QlessRedisTest
class QlessHealthIndicatorTests {

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		this.qless = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build());
	}

	@AfterEach
	void tearDown() {
		this.connectionFactory.destroy();
	}

	@Test
	void upWithDetails() {
		this.qless.queue("emails").put("Send", null);
		Health health = indicator(this.qless).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("redis", "reachable")
			.containsEntry("scriptLoaded", true)
			.containsEntry("dialect", "qless")
			.containsEntry("calls", this.qless.getCallMode())
			.containsKeys("script", "clockSkewMillis");
	}

	@Test
	void scriptOfTheReqlessDialectUnderReqless() {
		QlessTemplate reqless = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build(),
				Clock.systemUTC(), QlessDialect.REQLESS);
		reqless.setUseFunctions(false);
		reqless.queue("emails").put("Send", null);
		Health health = indicator(reqless).health(true);
		assertThat(health.getDetails()).containsEntry("dialect", "reqless")
			.containsEntry("script", QlessScripts.reqless().sha1())
			.containsEntry("scriptLoaded", true);
	}

	@Test
	void downWhenTheClockIsSkewed() {
		QlessTemplate skewed = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build(),
				Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2)));
		Health health = indicator(skewed).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((long) health.getDetails().get("clockSkewMillis")).isLessThan(-100_000);
	}

	@Test
	void downWithinTheTimeoutWhenRedisIsUnreachable() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		nowhere.afterPropertiesSet();
		try {
			long start = System.nanoTime();
			Health health = indicator(new QlessTemplate(nowhere, JsonMapper.builder().build())).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("redis", "unreachable");
			assertThat((String) health.getDetails().get("error")).contains("127.0.0.1:" + port);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
		}
		finally {
			nowhere.destroy();
		}
	}

	private QlessHealthIndicator indicator(QlessTemplate qless) {
		return new QlessHealthIndicator(qless, Duration.ofSeconds(5), Duration.ofSeconds(1));
	}

}
