package io.qless.sample.devredis;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class DevRedisEnvironmentPostProcessorTests {

	private final DevRedisEnvironmentPostProcessor postProcessor = new DevRedisEnvironmentPostProcessor(
			Supplier::get);

	@Test
	void configuredRedisSwitchesTheFallbackOff() throws IOException {
		StandardEnvironment environment = environment(
				Map.of("spring.data.redis.url", "redis://example.org:6379", DevRedisEnvironmentPostProcessor.PROBE_PORT,
						closedPort()));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains("qlessSampleDevRedis")).isFalse();
	}

	@Test
	void redisAnsweringOnTheDefaultPortIsUsedAsItIs() throws IOException {
		try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			StandardEnvironment environment = environment(
					Map.of(DevRedisEnvironmentPostProcessor.PROBE_PORT, listening.getLocalPort()));
			this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
			assertThat(environment.getPropertySources().contains("qlessSampleDevRedis")).isFalse();
		}
	}

	@Test
	void nothingAroundStartsADevelopmentRedisAndPointsSpringAtIt() throws IOException {
		StandardEnvironment environment = environment(Map.of(DevRedisEnvironmentPostProcessor.PROBE_PORT, closedPort()));

		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getProperty("spring.data.redis.host")).isEqualTo("127.0.0.1");
		int port = environment.getProperty("spring.data.redis.port", Integer.class);
		assertThat(DevRedisEnvironmentPostProcessor.answers("127.0.0.1", port)).isTrue();
	}

	@Test
	void embeddedRedisStartsWithoutABinaryOnPath() {
		DevRedisServer server = DevRedisServer.start(null);
		assertThat(server.description()).isEqualTo("embedded Redis 7.0");
		assertThat(DevRedisEnvironmentPostProcessor.answers("127.0.0.1", server.port())).isTrue();
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
