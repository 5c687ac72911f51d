package io.qless.autoconfigure.health;

import io.qless.health.QlessHealthIndicator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.qless.core.QlessTemplate;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
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
		this.qless.queue("reports").put("Build", null);
		this.qless.queue("reports").pause();
		this.qless.queue("emails").pop("w1", 1);
		Health health = indicator(Clock.systemUTC()).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("redis", "reachable")
			.containsEntry("scriptLoaded", true)
			.containsEntry("workers", 1)
			.containsEntry("queues", 2)
			.containsEntry("pausedQueues", List.of("reports"))
			.containsEntry("stalledJobs", 0L)
			.containsKeys("script", "clockSkewMillis");
	}

	@Test
	void downWhenTheClockIsSkewed() {
		Health health = indicator(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2))).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat((long) health.getDetails().get("clockSkewMillis")).isLessThan(-100_000);
	}

	private QlessHealthIndicator indicator(Clock clock) {
		return new QlessHealthIndicator(this.connectionFactory, this.qless, Duration.ofSeconds(5), clock);
	}

}
