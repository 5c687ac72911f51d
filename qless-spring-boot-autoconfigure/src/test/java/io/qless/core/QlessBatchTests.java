package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@QlessRedisTest
class QlessBatchTests {

	private QlessTestSupport support;

	private QlessTemplate qless;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
		this.qless = this.support.template;
		for (String jid : List.of("a", "b", "c", "d", "e")) {
			this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid(jid));
		}
		assertThat(this.qless.queue("q").pop("w", 5)).hasSize(5);
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	void executeSendsAllCallsAndKeepsErrorsPerCall() {
		QlessBatch batch = this.qless.batch();
		CompletableFuture<JobState> completed = batch.complete(this.qless.jobs().get("a"));
		CompletableFuture<JobState> lost = batch.complete("b", "someone-else", "q", Map.of());
		CompletableFuture<Long> retried = batch.retry("c", "q", "w", Duration.ofSeconds(10), "g", "m");
		CompletableFuture<String> failed = batch.fail("d", "w", "g", "m");
		CompletableFuture<Instant> beat = batch.heartbeat("e", "w");
		CompletableFuture<JobState> advanced = batch.complete("e", "w", "q", Map.of(), "next", Duration.ZERO,
				List.of());
		CompletableFuture<String> put = batch.put("q", PutRequest.of("K", Map.of()).jid("f"));
		assertThat(batch.size()).isEqualTo(7);
		batch.execute();
		assertThat(completed).isCompletedWithValue(JobState.COMPLETE);
		assertThat(lost).isCompletedExceptionally();
		assertThat(lost.handle((value, ex) -> ex)).isCompletedWithValueMatching(
				(ex) -> ex instanceof LockLostException lockLost
						&& lockLost.getReason() == LockLostException.Reason.OTHER_WORKER);
		assertThat(retried).isCompletedWithValue(4L);
		assertThat(failed).isCompletedWithValue("d");
		assertThat(beat).isCompletedWithValue(Instant.ofEpochSecond(QlessTestSupport.START.getEpochSecond() + 60));
		assertThat(advanced).isCompletedWithValue(JobState.WAITING);
		assertThat(put).isCompletedWithValue("f");
		assertThat(this.qless.jobs().get("b").state()).isEqualTo(JobState.RUNNING);
		assertThatIllegalStateException().isThrownBy(batch::execute);
	}

	@Test
	void executeAsyncDoesNotBlockAndCompletesEveryFuture() throws Exception {
		QlessBatch batch = this.qless.batch();
		CompletableFuture<JobState> a = batch.complete(this.qless.jobs().get("a"));
		CompletableFuture<JobState> gone = batch.complete("zzz", "w", "q", Map.of());
		batch.executeAsync().get(10, TimeUnit.SECONDS);
		assertThat(a).isCompletedWithValue(JobState.COMPLETE);
		assertThat(gone.handle((value, ex) -> ex)).isCompletedWithValueMatching(
				(ex) -> ex instanceof LockLostException lockLost
						&& lockLost.getReason() == LockLostException.Reason.JOB_GONE);
	}

	@Test
	void worksOnDedicatedConnectionsWhenTheNativeConnectionIsNotShared(TestRedis redis) throws Exception {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
		configuration.setDatabase(redis.database());
		LettuceConnectionFactory dedicated = new LettuceConnectionFactory(configuration);
		dedicated.setShareNativeConnection(false);
		dedicated.afterPropertiesSet();
		dedicated.start();
		try {
			QlessTemplate template = new QlessTemplate(dedicated, this.support.mapper, this.support.clock);
			assertThat(template.queue("q").length()).isEqualTo(5);
			QlessBatch batch = template.batch();
			CompletableFuture<Instant> beat = batch.heartbeat("a", "w");
			batch.executeAsync().get(10, TimeUnit.SECONDS);
			assertThat(beat).isCompleted();
			assertThat(template.queue("q").putAll(List.of(PutRequest.of("K", 1), PutRequest.of("K", 2))))
				.allMatch(BatchResult::isSuccess);
		}
		finally {
			dedicated.destroy();
		}
	}

	@Test
	void emptyBatch() {
		this.qless.batch().execute();
	}

	@Test
	void scriptIsReloadedAfterScriptFlushForSingleAndPipelinedCalls() {
		QlessTemplate evalsha = new QlessTemplate(this.support.connectionFactory, this.support.mapper, this.support.clock);
		evalsha.setUseFunctions(false);
		this.qless = evalsha;
		this.support.redis("SCRIPT", "FLUSH");
		assertThat(this.qless.queue("q").length()).isEqualTo(5);
		this.support.redis("SCRIPT", "FLUSH");
		QlessBatch batch = this.qless.batch();
		CompletableFuture<Instant> one = batch.heartbeat("a", "w");
		CompletableFuture<Instant> two = batch.heartbeat("b", "w");
		batch.execute();
		assertThat(one).isCompleted();
		assertThat(two).isCompleted();
		this.support.redis("SCRIPT", "FLUSH");
		List<BatchResult<String>> puts = this.qless.queue("q")
			.putAll(List.of(PutRequest.of("K", 1).jid("x"), PutRequest.of("K", 2).jid("y")));
		assertThat(puts).extracting(BatchResult::get).containsExactly("x", "y");
		assertThat(evalsha.getCallMode()).startsWith("EVALSHA ");
	}

}
