package io.qless.autoconfigure;

import java.time.Duration;

import io.qless.core.QlessConfigKey;
import io.qless.core.QlessTemplate;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

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
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
		configuration.setDatabase(redis.database());
		this.connectionFactory = new LettuceConnectionFactory(configuration);
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
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
	void nothingConfiguredMeansNoRedisCall() {
		LettuceConnectionFactory unreachable = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 1));
		unreachable.afterPropertiesSet();
		new QlessServerConfigWriter(new QlessTemplate(unreachable, JsonMapper.builder().build()), this.server)
			.afterSingletonsInstantiated();
		unreachable.destroy();
	}

}
