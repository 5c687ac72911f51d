package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.qless.scripts.QlessScripts;
import io.qless.test.TestRedis;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A connection factory, a settable clock and a template on the test Redis, plus raw script
 * calls that bypass the template.
 */
final class QlessTestSupport implements AutoCloseable {

	static final Instant START = Instant.parse("2026-01-05T10:00:00.250Z");

	final LettuceConnectionFactory connectionFactory;

	final MutableClock clock = new MutableClock(START);

	final JsonMapper mapper = JsonMapper.builder().build();

	final QlessTemplate template;

	QlessTestSupport(TestRedis redis) {
		this(redis, QlessDialect.valueOf(System.getProperty("qless.test.dialect", "qless").toUpperCase(Locale.ROOT)));
	}

	/** Support whose template speaks the given dialect. */
	QlessTestSupport(TestRedis redis, QlessDialect dialect) {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
		configuration.setDatabase(redis.database());
		this.connectionFactory = new LettuceConnectionFactory(configuration);
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.template = new QlessTemplate(this.connectionFactory, this.mapper, this.clock, dialect);
		this.template.setWorkerName("test-client");
	}

	String now() {
		return Double.toString(this.clock.millis() / 1000.0);
	}

	/**
	 * Call the script with SCRIPT LOAD and EVALSHA, not through the template; bulk replies
	 * come back as strings.
	 */
	@Nullable Object raw(ReturnType type, String command, String... args) {
		List<byte[]> argv = new ArrayList<>();
		argv.add(command.getBytes(StandardCharsets.UTF_8));
		argv.add(now().getBytes(StandardCharsets.UTF_8));
		for (String arg : args) {
			argv.add(arg.getBytes(StandardCharsets.UTF_8));
		}
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			String sha = connection.scriptingCommands()
				.scriptLoad(QlessScripts.qless().text().getBytes(StandardCharsets.UTF_8));
			Object reply = connection.scriptingCommands().evalSha(sha, type, 0, argv.toArray(byte[][]::new));
			return (reply instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : reply;
		}
	}

	void redis(String... command) {
		byte[][] args = new byte[command.length - 1][];
		for (int i = 1; i < command.length; i++) {
			args[i - 1] = command[i].getBytes(StandardCharsets.UTF_8);
		}
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			connection.execute(command[0], args);
		}
	}

	boolean exists(String key) {
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			return Boolean.TRUE.equals(connection.keyCommands().exists(key.getBytes(StandardCharsets.UTF_8)));
		}
	}

	@Override
	public void close() {
		this.connectionFactory.destroy();
	}

}
