package io.qless.core;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.qless.listener.RestartableRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A template whose Redis goes away: calls fail within the template's timeout with a
 * {@link QlessUnavailableException} naming the server, and work again once it is back.
 */
class QlessTemplateOutageTests {

	private RestartableRedis redis;

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	@BeforeEach
	void start() throws Exception {
		Path binary = RestartableRedis.findBinary();
		assumeThat(binary).as("redis-server on PATH").isNotNull();
		this.redis = RestartableRedis.start(binary);
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.redis.port()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.qless = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build());
		this.qless.setTimeout(Duration.ofMillis(500));
	}

	@AfterEach
	void stop() {
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void putFailsWithinTheTimeoutWhileRedisIsDownAndIsNeverSentLater() throws Exception {
		this.qless.queue("q").put("K", Map.of());
		this.redis.shutdownSaving();

		long start = System.nanoTime();
		assertThatExceptionOfType(QlessUnavailableException.class)
			.isThrownBy(() -> this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("during-outage")))
			.satisfies((ex) -> {
				assertThat(ex.getCommand()).isEqualTo("put");
				assertThat(ex.getScriptMessage()).contains("127.0.0.1:" + this.redis.port()).contains("unreachable");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

		this.redis.start();
		String after = awaitPut();
		assertThat(this.qless.jobs().get(after)).isNotNull();
		// The put that timed out was cancelled while the driver held it: it never ran.
		assertThat(this.qless.jobs().get("during-outage")).isNull();
	}

	@Test
	void batchRepliesFailWithinTheTimeoutWhileRedisIsDown() throws Exception {
		this.qless.queue("q").put("K", Map.of());
		this.redis.shutdownSaving();
		QlessBatch batch = this.qless.batch();
		var first = batch.put("q", PutRequest.of("K", Map.of()));
		var second = batch.put("q", PutRequest.of("K", Map.of()));
		long start = System.nanoTime();
		batch.execute();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(first).isCompletedExceptionally();
		assertThat(second).failsWithin(Duration.ZERO)
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.withCauseInstanceOf(QlessUnavailableException.class);
	}

	@Test
	void aSettleCallThatRedisDoesNotAnswerFailsAfterTheTimeout() throws Exception {
		this.qless.queue("q").put("K", Map.of());
		this.redis.freeze();
		try {
			long start = System.nanoTime();
			CompletableFuture<SettleResult> reply = this.qless.queue("q").settleAsync("w", List.of(), 1);
			assertThat(reply).failsWithin(Duration.ofSeconds(5))
				.withThrowableOfType(ExecutionException.class)
				.withCauseInstanceOf(QlessUnavailableException.class);
			assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not before the timeout")
				.isGreaterThanOrEqualTo(Duration.ofMillis(500));
		}
		finally {
			this.redis.thaw();
		}
		// Redis answers again; the call that timed out still ran once Redis woke up (it
		// was in its socket): its job is running, leased to the worker until it expires.
		assertThat(this.qless.queue("q").settleAsync("w", List.of(), 1).get(5, TimeUnit.SECONDS).jobs()).isEmpty();
		assertThat(this.qless.queue("q").counts().running()).isEqualTo(1);
	}

	private String awaitPut() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			try {
				return this.qless.queue("q").put("K", Map.of());
			}
			catch (QlessUnavailableException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				Thread.sleep(100);
			}
		}
	}

}
