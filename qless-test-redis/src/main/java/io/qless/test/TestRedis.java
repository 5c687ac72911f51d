package io.qless.test;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A Redis that tests may use and empty: one per JVM, chosen as {@link QlessRedisTest}
 * describes. Obtain it as a test method parameter, or with {@link #shared()}.
 */
public final class TestRedis {

	/** Environment variable (or system property) that names an existing Redis to use. */
	public static final String URL_VARIABLE = "QLESS_TEST_REDIS_URL";

	/** Key that marks a database of an existing Redis as dedicated to tests. */
	public static final String CLAIM_KEY = "qless:test-support:claimed";

	private static final Object lock = new Object();

	private static @Nullable TestRedis shared;

	private static @Nullable RuntimeException sharedFailure;

	private final RedisAddress address;

	private final Source source;

	private final boolean claimedDatabase;

	TestRedis(RedisAddress address, Source source, boolean claimedDatabase) {
		this.address = address;
		this.source = source;
		this.claimedDatabase = claimedDatabase;
	}

	/**
	 * Return the Redis of this JVM, choosing and starting it on first use.
	 * @return the test Redis
	 * @throws TestRedisUnavailableException if no Redis can be had
	 */
	public static TestRedis shared() {
		synchronized (lock) {
			if (sharedFailure != null) {
				throw sharedFailure;
			}
			if (shared == null) {
				try {
					shared = TestRedisResolver.fromEnvironment().resolve();
				}
				catch (RuntimeException ex) {
					sharedFailure = ex;
					throw ex;
				}
			}
			return shared;
		}
	}

	/**
	 * Return the host name or address to connect to.
	 * @return the host
	 */
	public String host() {
		return this.address.host();
	}

	/**
	 * Return the port to connect to.
	 * @return the port
	 */
	public int port() {
		return this.address.port();
	}

	/**
	 * Return the database index the tests own.
	 * @return the database index
	 */
	public int database() {
		return this.address.database();
	}

	/**
	 * Return a {@code redis://} URL for the test database, usable as
	 * {@code spring.data.redis.url}.
	 * @return the URL
	 */
	public String url() {
		return this.address.url();
	}

	/**
	 * Return where this Redis came from.
	 * @return the source
	 */
	public Source source() {
		return this.source;
	}

	/**
	 * Empty the test database. Only databases that the test support started or claimed
	 * are ever flushed.
	 */
	public void flush() {
		try (RespConnection connection = RespConnection.open(this.address)) {
			connection.call("FLUSHDB");
			if (this.claimedDatabase) {
				connection.call("SET", CLAIM_KEY, "1");
			}
		}
	}

	@Override
	public String toString() {
		return this.source.description + " at " + this.address.redacted();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof TestRedis that && this.address.equals(that.address) && this.source == that.source;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.address, this.source);
	}

	/**
	 * Where a {@link TestRedis} came from.
	 */
	public enum Source {

		/** An existing Redis named by {@value TestRedis#URL_VARIABLE}. */
		URL("Redis from " + URL_VARIABLE),

		/** A Testcontainers {@code redis:7.4} container. */
		TESTCONTAINERS("Testcontainers redis:7.4"),

		/** A {@code redis-server} binary from {@code PATH}. */
		LOCAL_BINARY("local redis-server");

		private final String description;

		Source(String description) {
			this.description = description;
		}

	}

}
