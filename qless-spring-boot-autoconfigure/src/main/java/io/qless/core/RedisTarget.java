package io.qless.core;

import java.io.IOException;
import java.time.Duration;

import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis server (or cluster) a template talks to, as error messages name it, and the
 * test of whether a driver exception means Redis could not be reached.
 */
final class RedisTarget {

	private final String description;

	RedisTarget(RedisConnectionFactory connectionFactory) {
		this.description = describe(connectionFactory);
	}

	private static String describe(RedisConnectionFactory connectionFactory) {
		if (connectionFactory instanceof LettuceConnectionFactory lettuce) {
			if (lettuce.getClusterConfiguration() != null) {
				return "Redis Cluster " + lettuce.getClusterConfiguration().getClusterNodes();
			}
			String tls = lettuce.isUseSsl() ? " over TLS" : "";
			if (lettuce.getSentinelConfiguration() != null) {
				return "Redis (Sentinel master '" + lettuce.getSentinelConfiguration().getMaster() + "' through "
						+ lettuce.getSentinelConfiguration().getSentinels() + ", database " + lettuce.getDatabase() + ")"
						+ tls;
			}
			String database = (lettuce.getDatabase() != 0) ? " (database " + lettuce.getDatabase() + ")" : "";
			return "Redis at " + lettuce.getHostName() + ":" + lettuce.getPort() + database + tls;
		}
		return "Redis";
	}

	/**
	 * Return why a call that got no answer within {@code timeout} failed: the connection is
	 * down, or Redis is up but did not answer in time.
	 */
	String describeTimeout(Duration timeout, @Nullable Object commands) {
		Boolean open = isOpen(commands);
		if (Boolean.FALSE.equals(open)) {
			return this.description + " is unreachable (not connected); gave up after " + seconds(timeout);
		}
		return this.description + " did not answer within " + seconds(timeout);
	}

	private static @Nullable Boolean isOpen(@Nullable Object commands) {
		StatefulConnection<?, ?> connection = null;
		if (commands instanceof RedisAsyncCommands<?, ?> async) {
			connection = async.getStatefulConnection();
		}
		else if (commands instanceof RedisAdvancedClusterAsyncCommands<?, ?> cluster) {
			connection = cluster.getStatefulConnection();
		}
		return (connection != null) ? connection.isOpen() : null;
	}

	private static String seconds(Duration timeout) {
		return (timeout.toMillis() % 1000 == 0) ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms";
	}

	/**
	 * Return whether {@code ex} (unwrapped) says that Redis could not be reached, rather
	 * than that it answered with an error.
	 */
	static boolean isConnectionFailure(Throwable ex) {
		if (ex instanceof RedisConnectionException || ex instanceof RedisConnectionFailureException
				|| ex instanceof IOException) {
			return true;
		}
		// Lettuce's "Connection closed" / "Currently not connected" when a connection drops
		return ex instanceof RedisException && !(ex instanceof io.lettuce.core.RedisCommandExecutionException)
				&& ex.getMessage() != null
				&& (ex.getMessage().contains("Connection closed") || ex.getMessage().contains("not connected")
						|| ex.getMessage().contains("Connection reset"));
	}

	@Override
	public String toString() {
		return this.description;
	}

}
