package io.qless.test.autoconfigure;

import io.qless.autoconfigure.QlessServerConfigWriter;
import io.qless.test.jobs.QlessTestClock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Gives each test a clean start: empties the test database, writes the
 * {@code qless.server.*} options and {@code qless.throttles.*} maxima again, and sets the
 * test clock back to its start. Only a Redis the test support chose, or one a test
 * declared with {@code @ServiceConnection} (a container of its own), is ever emptied.
 */
final class TestDatabase {

	private static final Log logger = LogFactory.getLog(TestDatabase.class);

	private static final String CONTAINER_DETAILS = "org.springframework.boot.testcontainers.service.connection."
			+ "ContainerConnectionDetailsFactory$ContainerConnectionDetails";

	private final QlessTestProperties properties;

	private final RedisConnectionFactory connectionFactory;

	private final @Nullable DataRedisConnectionDetails connectionDetails;

	private final QlessTestClock clock;

	private final ObjectProvider<QlessServerConfigWriter> configWriters;

	private boolean warned;

	TestDatabase(QlessTestProperties properties, RedisConnectionFactory connectionFactory,
			@Nullable DataRedisConnectionDetails connectionDetails, QlessTestClock clock,
			ObjectProvider<QlessServerConfigWriter> configWriters) {
		this.properties = properties;
		this.connectionFactory = connectionFactory;
		this.connectionDetails = connectionDetails;
		this.clock = clock;
		this.configWriters = configWriters;
	}

	/**
	 * Start a test afresh, unless {@code qless.test.flush-before-each=false}.
	 */
	void reset() {
		if (!this.properties.isFlushBeforeEach() || !flush()) {
			return;
		}
		this.clock.reset();
		this.configWriters.orderedStream().forEach(QlessServerConfigWriter::afterSingletonsInstantiated);
	}

	private boolean flush() {
		if (this.connectionDetails instanceof TestRedisConnectionDetails testRedis) {
			testRedis.redis().flush();
			return true;
		}
		if (this.connectionDetails != null && isContainer(this.connectionDetails.getClass())) {
			try (RedisConnection connection = this.connectionFactory.getConnection()) {
				connection.serverCommands().flushDb();
			}
			return true;
		}
		if (!this.warned) {
			this.warned = true;
			logger.warn("qless test: not emptying the Redis of " + this.connectionDetails
					+ " before each test: the test support did not choose it; set qless.test.flush-before-each=false"
					+ " to silence this");
		}
		return false;
	}

	private static boolean isContainer(Class<?> type) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (CONTAINER_DETAILS.equals(candidate.getName())) {
				return true;
			}
		}
		return false;
	}

}
