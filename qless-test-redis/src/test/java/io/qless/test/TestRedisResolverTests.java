package io.qless.test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

@QlessRedisTest
class TestRedisResolverTests {

	@Test
	void urlIsUsedAndItsEmptyDatabaseClaimed(TestRedis redis) {
		assumeOwnServer(redis);
		String url = "redis://127.0.0.1:" + redis.port() + "/9";
		flushDatabase(redis, 9);

		TestRedis resolved = resolver(Map.of(TestRedis.URL_VARIABLE, url), false).resolve();

		assertThat(resolved.source()).isEqualTo(TestRedis.Source.URL);
		assertThat(resolved.database()).isEqualTo(9);
		assertThat(resolved.url()).isEqualTo(url);
		try (RespConnection connection = RespConnection.open(new RedisAddress("127.0.0.1", redis.port(), 9, null, null))) {
			assertThat(connection.call("EXISTS", TestRedis.CLAIM_KEY)).isEqualTo(1L);
			connection.call("SET", "left-by-a-test", "x");
			resolved.flush();
			assertThat(connection.call("EXISTS", "left-by-a-test")).isEqualTo(0L);
			assertThat(connection.call("EXISTS", TestRedis.CLAIM_KEY)).as("still claimed after a flush").isEqualTo(1L);
		}
	}

	@Test
	void claimedDatabaseIsAcceptedAgainByALaterRun(TestRedis redis) {
		assumeOwnServer(redis);
		String url = "redis://127.0.0.1:" + redis.port() + "/11";
		flushDatabase(redis, 11);
		resolver(Map.of(TestRedis.URL_VARIABLE, url), false).resolve();
		try (RespConnection connection = RespConnection.open(new RedisAddress("127.0.0.1", redis.port(), 11, null, null))) {
			connection.call("SET", "ql:leftover", "from the last run");
		}

		TestRedis again = resolver(Map.of(TestRedis.URL_VARIABLE, url), false).resolve();

		assertThat(again.source()).isEqualTo(TestRedis.Source.URL);
	}

	@Test
	void urlWithForeignDataIsRefusedAndLeftAlone(TestRedis redis) {
		assumeOwnServer(redis);
		RedisAddress db10 = new RedisAddress("127.0.0.1", redis.port(), 10, null, null);
		flushDatabase(redis, 10);
		try (RespConnection connection = RespConnection.open(db10)) {
			connection.call("SET", "precious", "data");
		}

		assertThatExceptionOfType(TestRedisUnavailableException.class)
			.isThrownBy(() -> resolver(Map.of(TestRedis.URL_VARIABLE, db10.url()), false).resolve())
			.withMessageContaining("Refusing to use database 10")
			.withMessageContaining(TestRedis.CLAIM_KEY);
		try (RespConnection connection = RespConnection.open(db10)) {
			assertThat(connection.call("GET", "precious")).isEqualTo("data");
		}
	}

	@Test
	void urlThatDoesNotAnswerFailsClearly() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		String url = "redis://127.0.0.1:" + port;

		assertThatExceptionOfType(TestRedisUnavailableException.class)
			.isThrownBy(() -> resolver(Map.of(TestRedis.URL_VARIABLE, url), false).resolve())
			.withMessageContaining(TestRedis.URL_VARIABLE)
			.withMessageContaining("does not answer");
	}

	@Test
	void localBinaryIsStartedWhenThereIsNoUrlAndNoDocker() {
		String path = System.getenv("PATH");
		Path binary = RedisServerProcess.findBinary(path);
		assumeThat(binary).as("redis-server on PATH").isNotNull();

		TestRedis started = resolver(Map.of("PATH", path), false).resolve();

		assertThat(started.source()).isEqualTo(TestRedis.Source.LOCAL_BINARY);
		assertThat(started.host()).isEqualTo("127.0.0.1");
		try (RespConnection connection = RespConnection.open(new RedisAddress(started.host(), started.port(), 0, null, null))) {
			assertThat(connection.call("PING")).isEqualTo("PONG");
			assertThat(connection.call("CONFIG", "GET", "save")).isEqualTo(List.of("save", ""));
		}
	}

	@Test
	void nothingAvailableFailsAtOnceListingTheThreeFixes() {
		assertThatExceptionOfType(TestRedisUnavailableException.class)
			.isThrownBy(() -> resolver(Map.of("PATH", "/nonexistent/bin"), false).resolve())
			.withMessageContaining("No Redis is available for tests")
			.withMessageContaining("set " + TestRedis.URL_VARIABLE)
			.withMessageContaining("start a Docker engine")
			.withMessageContaining("put a redis-server binary on PATH");
	}

	@Test
	void malformedUrlIsReported() {
		assertThatIllegalArgumentException(() -> resolver(Map.of(TestRedis.URL_VARIABLE, "http://localhost"), false).resolve());
	}

	private static void assertThatIllegalArgumentException(Runnable action) {
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(action::run)
			.withMessageContaining("redis://");
	}

	private static TestRedisResolver resolver(Map<String, String> environment, boolean docker) {
		return new TestRedisResolver((name) -> lookup(environment, name), () -> docker);
	}

	private static @Nullable String lookup(Map<String, String> environment, String name) {
		return environment.get(name);
	}

	private static void assumeOwnServer(TestRedis redis) {
		assumeThat(redis.source()).as("these tests use other databases of a server the test support started")
			.isNotEqualTo(TestRedis.Source.URL);
	}

	private static void flushDatabase(TestRedis redis, int database) {
		try (RespConnection connection = RespConnection
			.open(new RedisAddress(redis.host(), redis.port(), database, null, null))) {
			connection.call("FLUSHDB");
		}
	}

}
