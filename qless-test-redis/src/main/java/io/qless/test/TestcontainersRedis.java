package io.qless.test;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A {@code redis:7.4} container. Only touched when Testcontainers is on the classpath.
 */
final class TestcontainersRedis {

	private static final String IMAGE = "redis:7.4";

	private TestcontainersRedis() {
	}

	static boolean dockerAvailable() {
		return DockerClientFactory.instance().isDockerAvailable();
	}

	@SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
	static TestRedis start() {
		GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE)).withExposedPorts(6379)
			.withCommand("redis-server", "--save", "", "--appendonly", "no");
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			throw new TestRedisUnavailableException("Could not start a " + IMAGE + " container: " + ex.getMessage(), ex);
		}
		RedisAddress address = new RedisAddress(container.getHost(), container.getMappedPort(6379), 0, null, null);
		return new TestRedis(address, TestRedis.Source.TESTCONTAINERS, false);
	}

}
