package io.qless.scripts;

import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@QlessRedisTest
class QlessScriptsTests {

	private RedisClient client;

	private StatefulRedisConnection<String, String> connection;

	private RedisCommands<String, String> redis;

	@BeforeEach
	void connect(TestRedis testRedis) {
		this.client = RedisClient.create(testRedis.url());
		this.connection = this.client.connect();
		this.redis = this.connection.sync();
	}

	@AfterEach
	void close() {
		this.connection.close();
		this.client.shutdown();
	}

	@Test
	void shaIsTheOneRedisComputes() {
		LuaScript script = QlessScripts.qless();
		assertThat(this.redis.scriptLoad(script.text())).isEqualTo(script.sha1());
		assertThat(script.resource()).isEqualTo("io/qless/scripts/qless.lua");
	}

	@Test
	void scriptAnswersACommand() {
		LuaScript script = QlessScripts.qless();
		this.redis.scriptLoad(script.text());
		Object heartbeat = this.redis.evalsha(script.sha1(), ScriptOutputType.INTEGER, new String[0], "config.get",
				"0", "heartbeat");
		assertThat(heartbeat).isEqualTo(60L);
	}

	@Test
	void functionLibraryLoadsAndAnswersTheSame() {
		LuaScript library = QlessScripts.qlessFunctionLibrary();
		assertThat(library.text()).startsWith("#!lua name=qless");
		this.redis.functionLoad(library.text(), true);
		Object heartbeat = this.redis.fcall(QlessScripts.FUNCTION_NAME, ScriptOutputType.INTEGER, new String[0],
				"config.get", "0", "heartbeat");
		assertThat(heartbeat).isEqualTo(60L);
		List<Map<String, Object>> functions = this.redis.functionList("qless");
		assertThat(functions).hasSize(1);
	}

}
