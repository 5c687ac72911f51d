package io.qless.test;

/**
 * Thrown when no Redis can be found or started for tests.
 */
public class TestRedisUnavailableException extends IllegalStateException {

	TestRedisUnavailableException(String message) {
		super(message);
	}

	TestRedisUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
