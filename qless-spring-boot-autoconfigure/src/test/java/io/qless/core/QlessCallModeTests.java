package io.qless.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.qless.scripts.FunctionLibrary;
import io.qless.scripts.QlessScripts;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@QlessRedisTest
class QlessCallModeTests {

	private final FunctionLibrary library = QlessScripts.versionedFunctionLibrary();

	private QlessTestSupport support;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	void functionLibraryIsLoadedUnderAVersionedNameAndCalled() {
		this.support.template.queue("q").put("K", Map.of("a", 1));

		assertThat(this.support.template.getCallMode()).isEqualTo("FCALL " + this.library.functionName());
		assertThat(this.library.name()).matches("qless_[0-9a-f]{12}");
		assertThat(libraries()).contains(this.library.name());
		assertThat(this.support.template.isScriptLoaded()).isTrue();
	}

	@Test
	void evalshaWhenFunctionsAreSwitchedOff() {
		QlessTemplate template = new QlessTemplate(this.support.connectionFactory, this.support.mapper,
				this.support.clock);
		template.setUseFunctions(false);

		template.queue("q").put("K", Map.of("a", 1));

		assertThat(template.getCallMode()).isEqualTo("EVALSHA " + QlessScripts.qless().sha1());
		assertThat(template.queue("q").length()).isEqualTo(1);
	}

	@Test
	void deletedLibraryIsLoadedAgainForSingleAndPipelinedCalls() {
		QlessTemplate template = this.support.template;
		template.queue("q").put("K", Map.of("a", 1));
		this.support.redis("FUNCTION", "DELETE", this.library.name());

		assertThat(template.queue("q").length()).isEqualTo(1);

		this.support.redis("FUNCTION", "DELETE", this.library.name());
		QlessBatch batch = template.batch();
		CompletableFuture<String> one = batch.put("q", PutRequest.of("K", 2).jid("one"));
		CompletableFuture<String> two = batch.put("q", PutRequest.of("K", 3).jid("two"));
		batch.execute();
		assertThat(one).isCompletedWithValue("one");
		assertThat(two).isCompletedWithValue("two");
		assertThat(libraries()).contains(this.library.name());
	}

	@Test
	void scriptErrorsThroughFcallKeepTheScriptMessage() {
		this.support.template.queue("q").put("K", Map.of("a", 1));
		assertThat(this.support.template.getCallMode()).startsWith("FCALL");

		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> this.support.template.jobs().complete("nope", "w", "q", Map.of()))
			.satisfies((ex) -> assertThat(ex.getScriptMessage()).isEqualTo("Complete(): Job nope does not exist"));
		assertThatExceptionOfType(JobNotFoundException.class)
			.isThrownBy(() -> this.support.template.jobs().priority("nope", 5))
			.satisfies((ex) -> assertThat(ex.getScriptMessage()).isEqualTo("Priority(): Job nope does not exist"));
	}

	@SuppressWarnings("unchecked")
	private List<Object> libraries() {
		try (RedisConnection connection = this.support.connectionFactory.getConnection()) {
			RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) connection
				.getNativeConnection();
			return commands.functionList().toCompletableFuture().join().stream()
				.map((library) -> library.get("library_name"))
				.map((name) -> (name instanceof byte[] bytes) ? new String(bytes) : name)
				.toList();
		}
	}

}
