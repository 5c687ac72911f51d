package io.qless.test;

import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Spring Data Redis connection factories for a {@link TestRedis}, for tests that build
 * their beans by hand. Needs {@code spring-data-redis} and {@code lettuce-core} on the test
 * classpath (the qless starter brings both).
 */
public final class TestRedisConnections {

	private TestRedisConnections() {
	}

	/**
	 * Return a new, started Lettuce connection factory for the test database. The caller
	 * owns it: call {@link LettuceConnectionFactory#destroy()} when done.
	 * @param redis the test Redis
	 * @return the started connection factory
	 */
	public static LettuceConnectionFactory lettuce(TestRedis redis) {
		RedisAddress address = RedisAddress.parse(redis.url());
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(address.host(), address.port());
		configuration.setDatabase(address.database());
		if (address.username() != null) {
			configuration.setUsername(address.username());
		}
		if (address.password() != null) {
			configuration.setPassword(RedisPassword.of(address.password()));
		}
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(configuration);
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		return connectionFactory;
	}

}
