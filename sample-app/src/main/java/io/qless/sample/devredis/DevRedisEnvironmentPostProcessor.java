package io.qless.sample.devredis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts a development Redis when the application has none: no {@code spring.data.redis.*}
 * connection settings and nothing answering on {@code localhost:6379}. It uses a
 * {@code redis-server} from {@code PATH} if there is one, else the Redis 7.0 binary
 * shipped in the {@code embedded-redis} dependency, on a free loopback port, without
 * persistence, and stops it when the JVM exits. Setting {@code spring.data.redis.url} (or
 * host/port), or {@code sample.dev-redis.enabled=false}, switches it off.
 */
public class DevRedisEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String ENABLED = "sample.dev-redis.enabled";

	static final String PROBE_PORT = "sample.dev-redis.probe-port";

	private static final String[] CONNECTION_PROPERTIES = { "spring.data.redis.url", "spring.data.redis.host",
			"spring.data.redis.port", "spring.data.redis.sentinel.master", "spring.data.redis.cluster.nodes" };

	private final Log logger;

	public DevRedisEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DevRedisEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		int probePort = environment.getProperty(PROBE_PORT, Integer.class, 6379);
		if (!environment.getProperty(ENABLED, Boolean.class, true) || isConfigured(environment)
				|| answers("localhost", probePort)) {
			return;
		}
		DevRedisServer server = DevRedisServer.start();
		environment.getPropertySources()
			.addLast(new MapPropertySource("qlessSampleDevRedis",
					Map.of("spring.data.redis.host", "127.0.0.1", "spring.data.redis.port", server.port())));
		this.logger.warn("DEVELOPMENT FALLBACK: no Redis is configured and none answers on localhost:" + probePort
				+ ", so the sample "
				+ "app started its own " + server.description() + " on 127.0.0.1:" + server.port()
				+ ". It keeps nothing on disk and stops with the app. Set spring.data.redis.url to use a real Redis.");
	}

	private static boolean isConfigured(ConfigurableEnvironment environment) {
		for (String property : CONNECTION_PROPERTIES) {
			if (environment.containsProperty(property)) {
				return true;
			}
		}
		return false;
	}

	static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 300);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
