package io.qless.test;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Chooses the Redis for tests: an explicit URL, else Testcontainers when a Docker engine
 * answers, else a local {@code redis-server} binary, else a clear failure.
 */
final class TestRedisResolver {

	private final Function<String, @Nullable String> environment;

	private final BooleanSupplier dockerAvailable;

	TestRedisResolver(Function<String, @Nullable String> environment, BooleanSupplier dockerAvailable) {
		this.environment = environment;
		this.dockerAvailable = dockerAvailable;
	}

	static TestRedisResolver fromEnvironment() {
		return new TestRedisResolver(TestRedisResolver::systemValue, DockerProbe::dockerAvailable);
	}

	private static @Nullable String systemValue(String name) {
		String value = System.getProperty(name);
		return (value != null) ? value : System.getenv(name);
	}

	TestRedis resolve() {
		String url = this.environment.apply(TestRedis.URL_VARIABLE);
		if (url != null && !url.isBlank()) {
			return fromUrl(RedisAddress.parse(url));
		}
		if (this.dockerAvailable.getAsBoolean()) {
			return TestcontainersRedis.start();
		}
		Path binary = RedisServerProcess.findBinary(this.environment.apply("PATH"));
		if (binary != null) {
			return RedisServerProcess.start(binary);
		}
		throw new TestRedisUnavailableException("""
				No Redis is available for tests. Fix one of these:
				  1. set %s to a Redis whose database is empty or dedicated to tests, e.g. redis://127.0.0.1:6379/15;
				  2. start a Docker engine, so that Testcontainers can run redis:7.4;
				  3. put a redis-server binary on PATH (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis)."""
			.formatted(TestRedis.URL_VARIABLE));
	}

	private static TestRedis fromUrl(RedisAddress address) {
		try (RespConnection connection = RespConnection.open(address)) {
			Object size = connection.call("DBSIZE");
			Object claimed = connection.call("EXISTS", TestRedis.CLAIM_KEY);
			if (!Long.valueOf(0).equals(size) && !Long.valueOf(1).equals(claimed)) {
				throw new TestRedisUnavailableException(("Refusing to use database %d of %s for tests: it holds %s keys "
						+ "and is not marked as a test database (key %s). Point %s at an empty database, "
						+ "for example redis://host:port/15, which tests will then claim and flush.")
					.formatted(address.database(), address.redacted(), size, TestRedis.CLAIM_KEY, TestRedis.URL_VARIABLE));
			}
			connection.call("SET", TestRedis.CLAIM_KEY, "1");
		}
		catch (IllegalStateException ex) {
			throw (ex instanceof TestRedisUnavailableException) ? ex
					: new TestRedisUnavailableException("Redis at " + address.redacted() + " refused: " + ex.getMessage(),
							ex);
		}
		catch (RuntimeException ex) {
			throw new TestRedisUnavailableException(TestRedis.URL_VARIABLE + " names " + address.redacted()
					+ " but it does not answer: " + ex.getMessage(), ex);
		}
		return new TestRedis(address, TestRedis.Source.URL, true);
	}

}
