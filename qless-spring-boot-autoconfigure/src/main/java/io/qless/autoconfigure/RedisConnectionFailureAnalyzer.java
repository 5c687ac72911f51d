package io.qless.autoconfigure;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.data.redis.RedisConnectionFailureException;

/**
 * Explains a start-up that failed because Redis could not be reached or refused the
 * credentials, so that the first error line says so ("Connection refused: /127.0.0.1:6379",
 * "WRONGPASS ...") instead of the bean that happened to try first, with the cause several
 * levels down.
 */
class RedisConnectionFailureAnalyzer implements FailureAnalyzer {

	@Override
	public @Nullable FailureAnalysis analyze(Throwable failure) {
		String authentication = authenticationFailure(failure);
		if (authentication != null) {
			return new FailureAnalysis("Redis refused the application's credentials: " + authentication,
					"Check spring.data.redis.username and spring.data.redis.password (or the user and password in "
							+ "spring.data.redis.url), and the Redis ACL of that user.",
					failure);
		}
		Throwable connection = find(failure, RedisConnectionException.class, RedisConnectionFailureException.class);
		if (connection == null) {
			return null;
		}
		return new FailureAnalysis("Redis could not be reached: " + describe(connection),
				"Start Redis, or point the application at a running one with spring.data.redis.url (or "
						+ "spring.data.redis.host and spring.data.redis.port; spring.data.redis.ssl.enabled for TLS). "
						+ "How long a connection attempt may take is spring.data.redis.connect-timeout.",
				failure);
	}

	private static @Nullable String authenticationFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			String message = cause.getMessage();
			if (cause instanceof RedisCommandExecutionException && message != null
					&& (message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")
							|| message.startsWith("NOPERM"))) {
				return message;
			}
		}
		return null;
	}

	@SafeVarargs
	private static @Nullable Throwable find(Throwable failure, Class<? extends Throwable>... types) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			for (Class<? extends Throwable> type : types) {
				if (type.isInstance(cause)) {
					return cause;
				}
			}
		}
		return null;
	}

	/**
	 * Return the messages from {@code failure} down to its root, without repeats:
	 * "Unable to connect to 127.0.0.1/<unresolved>:6379: Connection refused: /127.0.0.1:6379".
	 */
	private static String describe(Throwable failure) {
		StringBuilder text = new StringBuilder();
		String last = null;
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			String message = cause.getMessage();
			if (message != null && !message.isBlank() && (last == null || !last.contains(message))) {
				if (!text.isEmpty()) {
					text.append(": ");
				}
				text.append(message);
				last = message;
			}
		}
		return text.toString();
	}

	private static @Nullable Throwable next(Throwable cause) {
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

}
