package io.qless.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.qless.core.QlessConfigKey;
import io.qless.core.QlessTemplate;
import io.qless.core.Throttle;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link QlessServerConfigWriter} on a real Redis.
 */
@QlessRedisTest
class QlessServerConfigWriterTests {

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	private final QlessProperties.Server server = new QlessProperties.Server();

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
	void writesOnlyConfiguredOptionsOnceAndIdempotently() {
		this.server.setHeartbeat(Duration.ofMinutes(2));
		this.server.getQueueHeartbeat().put("slow", Duration.ofMinutes(10));
		this.server.getMaxConcurrency().put("emails", 3);
		this.server.setStatsHistory(Duration.ofDays(14));
		QlessServerConfigWriter writer = new QlessServerConfigWriter(this.qless, this.server);
		writer.afterSingletonsInstantiated();
		assertThat(this.qless.config().get(QlessConfigKey.HEARTBEAT)).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.qless.config().heartbeat("slow")).isEqualTo(Duration.ofMinutes(10));
		assertThat(this.qless.config().get(QlessConfigKey.maxConcurrency("emails"))).isEqualTo(3L);
		assertThat(this.qless.config().get(QlessConfigKey.STATS_HISTORY)).isEqualTo(14L);
		assertThat(this.qless.config().get("grace-period")).isEqualTo("10");
		assertThat(writer.apply()).isEmpty();
	}

	@Test
	void doesNotWriteButReportsDriftWhenWritingIsOff() {
		this.qless.config().set(QlessConfigKey.HEARTBEAT, Duration.ofSeconds(30));
		this.server.setWriteOnStartup(false);
		this.server.setHeartbeat(Duration.ofMinutes(2));
		this.server.setGracePeriod(Duration.ofSeconds(10));
		QlessServerConfigWriter writer = new QlessServerConfigWriter(this.qless, this.server);
		assertThat(writer.apply()).containsOnlyKeys("heartbeat").containsEntry("heartbeat", "120");
		assertThat(this.qless.config().get(QlessConfigKey.HEARTBEAT)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void writesThrottleMaximaThatDifferOrAreMissing() {
		this.qless.throttles().set("same", 2);
		this.qless.throttles().set("other", 1);
		Map<String, QlessProperties.Throttle> throttles = new LinkedHashMap<>();
		throttles.put("same", throttle(2L, null));
		throttles.put("other", throttle(5L, null));
		throttles.put("missing", throttle(3L, Duration.ofMinutes(10)));
		throttles.put("ql:q:emails", throttle(4L, null));
		throttles.put("unset", throttle(null, Duration.ofMinutes(1)));
		QlessServerConfigWriter writer = new QlessServerConfigWriter(this.qless, this.server, throttles);

		writer.afterSingletonsInstantiated();

		assertThat(this.qless.throttles().get("same")).isEqualTo(new Throttle("same", 2, -1));
		assertThat(this.qless.throttles().get("other")).isEqualTo(new Throttle("other", 5, -1));
		assertThat(this.qless.throttles().get("missing").maximum()).isEqualTo(3);
		assertThat(this.qless.throttles().get("missing").ttl()).isBetween(590L, 600L);
		assertThat(this.qless.throttles().getQueueThrottle("emails").maximum()).isEqualTo(4);
		assertThat(this.qless.throttles().get("unset").exists()).isFalse();
		assertThat(writer.applyThrottles()).isEmpty();
	}

	@Test
	void reportsThrottleDriftWithoutWritingWhenWritingIsOff() {
		this.qless.throttles().set("api", 1);
		this.server.setWriteOnStartup(false);
		QlessServerConfigWriter writer = new QlessServerConfigWriter(this.qless, this.server,
				Map.of("api", throttle(5L, null), "missing", throttle(2L, null)));
		assertThat(writer.applyThrottles()).containsOnly(entry("api", 5L), entry("missing", 2L));
		assertThat(this.qless.throttles().get("api").maximum()).isEqualTo(1);
		assertThat(this.qless.throttles().get("missing").exists()).isFalse();
	}

	private static QlessProperties.Throttle throttle(Long maximum, Duration expiry) {
		QlessProperties.Throttle throttle = new QlessProperties.Throttle();
		throttle.setMaximum(maximum);
		throttle.setExpiry(expiry);
		return throttle;
	}

	@Test
	void nothingConfiguredMeansNoRedisCall() {
		LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 1));
		unreachable.afterPropertiesSet();
		new QlessServerConfigWriter(new QlessTemplate(unreachable, JsonMapper.builder().build()), this.server)
			.afterSingletonsInstantiated();
		unreachable.destroy();
	}

}
