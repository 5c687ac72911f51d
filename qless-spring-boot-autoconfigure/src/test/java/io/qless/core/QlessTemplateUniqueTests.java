package io.qless.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Unique keys through the template ({@link PutRequest#unique(String)}), in both dialects.
 */
@QlessRedisTest
class QlessTemplateUniqueTests {

	private QlessTestSupport support;

	private QlessTemplate qless;

	private QueueOperations queue;

	private LettuceConnectionFactory connectionFactory;

	private StringRedisTemplate redis;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
		this.qless = this.support.template;
		this.queue = this.qless.queue("orders");
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		this.redis = new StringRedisTemplate(this.connectionFactory);
	}

	@AfterEach
	void tearDown() {
		this.support.close();
		this.connectionFactory.destroy();
	}

	@Test
	void aDuplicatePutReturnsTheHolder() {
		String first = this.queue.put(PutRequest.of("Ship", Map.of("n", 1)).unique("order-1"));
		assertThat(this.queue.put(PutRequest.of("Ship", Map.of("n", 2)).jid("second").unique("order-1")))
			.isEqualTo(first);
		assertThat(this.qless.jobs().get("second")).isNull();
		assertThat(this.qless.queue("other").put(PutRequest.of("Other", Map.of()).unique("order-1"))).isEqualTo(first);
		assertThat(this.redis.opsForValue().get("ql:u:order-1")).isEqualTo(first);
		assertThat(this.redis.<String, String>opsForHash().entries("ql:j:" + first)).containsEntry("unique", "order-1")
			.containsEntry("unique-mode", "finish");
	}

	@Test
	void putForResultTellsADuplicate() {
		PutResult first = this.queue.putForResult(PutRequest.of("Ship", Map.of()).unique("order-1"));
		assertThat(first.duplicate()).isFalse();
		assertThat(first.jid()).matches("[0-9a-f]{32}");
		PutResult second = this.queue.putForResult(PutRequest.of("Ship", Map.of()).unique("order-1"));
		assertThat(second).isEqualTo(new PutResult(first.jid(), true));
		PutResult rePut = this.queue.putForResult(PutRequest.of("Ship", Map.of()).jid(first.jid()).unique("order-1"));
		assertThat(rePut).isEqualTo(new PutResult(first.jid(), false));
	}

	@Test
	void completingTheHolderFreesTheKey() {
		String first = this.queue.put(PutRequest.of("Ship", Map.of()).unique("order-1"));
		Job job = this.queue.pop("worker", 1).get(0);
		assertThat(this.queue.put(PutRequest.of("Ship", Map.of()).unique("order-1"))).isEqualTo(first);
		this.qless.jobs().complete(job.jid(), "worker", "orders", Map.of());
		assertThat(this.queue.put(PutRequest.of("Ship", Map.of()).unique("order-1"))).isNotEqualTo(first);
	}

	@Test
	void startModeFreesTheKeyWhenPopped() {
		PutRequest request = PutRequest.of("Ship", Map.of()).unique("order-1", UniqueMode.START);
		String first = this.queue.put(request);
		assertThat(this.queue.put(request)).isEqualTo(first);
		this.queue.pop("worker", 1);
		assertThat(this.queue.put(request)).isNotEqualTo(first);
	}

	@Test
	void debounceReplacesThePayloadAndPushesTheStartBack() {
		PutRequest request = PutRequest.of("Ship", Map.of("n", 1)).unique("order-1", UniqueMode.DEBOUNCE);
		String first = this.queue.put(request.delay(Duration.ofSeconds(10)));
		this.support.clock.advance(Duration.ofSeconds(5));
		String second = this.queue.put(PutRequest.of("Ship", Map.of("n", 2))
			.unique("order-1", UniqueMode.DEBOUNCE)
			.delay(Duration.ofSeconds(10)));
		assertThat(second).isEqualTo(first);
		Job job = this.qless.jobs().get(first);
		assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
		assertThat(job.data()).isEqualTo("{\"n\":2}");
		this.support.clock.advance(Duration.ofSeconds(6));
		assertThat(this.queue.pop("worker", 1)).isEmpty();
		this.support.clock.advance(Duration.ofSeconds(4));
		assertThat(this.queue.pop("worker", 1)).extracting(Job::jid).containsExactly(first);
	}

	@Test
	void theTtlIsSentInWholeSeconds() {
		this.queue.put(PutRequest.of("Ship", Map.of()).unique("short").uniqueTtl(Duration.ofMillis(59_500)));
		assertThat(this.redis.getExpire("ql:u:short")).isBetween(55L, 60L);
		this.queue.put(PutRequest.of("Ship", Map.of()).unique("forever").uniqueTtl(Duration.ZERO));
		assertThat(this.redis.getExpire("ql:u:forever")).isEqualTo(-1L);
		this.queue.put(PutRequest.of("Ship", Map.of()).unique("default"));
		assertThat(this.redis.getExpire("ql:u:default")).isBetween(2592000L - 5, 2592000L);
	}

	@Test
	void requestsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> PutRequest.of("Ship", Map.of()).unique(""));
		assertThatIllegalStateException()
			.isThrownBy(() -> PutRequest.of("Ship", Map.of()).uniqueTtl(Duration.ofMinutes(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PutRequest.of("Ship", Map.of()).unique("k").uniqueTtl(Duration.ofSeconds(-1)));
		assertThat(UniqueMode.of("Debounce")).isEqualTo(UniqueMode.DEBOUNCE);
		assertThatIllegalArgumentException().isThrownBy(() -> UniqueMode.of("later"));
	}

	@Test
	void putAllAndBatchesCarryTheKey() {
		List<BatchResult<String>> results = this.queue.putAll(List.of(PutRequest.of("Ship", Map.of()).unique("a"),
				PutRequest.of("Ship", Map.of()).unique("a"), PutRequest.of("Ship", Map.of()).unique("b")));
		assertThat(results.get(1).getRequired()).isEqualTo(results.get(0).getRequired());
		assertThat(results.get(2).getRequired()).isNotEqualTo(results.get(0).getRequired());
		QlessBatch batch = this.qless.batch();
		CompletableFuture<String> put = batch.put("orders", PutRequest.of("Ship", Map.of()).unique("a"));
		batch.execute();
		assertThat(put.join()).isEqualTo(results.get(0).getRequired());
		assertThat(this.queue.length()).isEqualTo(2);
	}

	@Test
	void theReqlessDialectSharesTheKeys(TestRedis redis) {
		try (QlessTestSupport reqless = new QlessTestSupport(redis, QlessDialect.REQLESS)) {
			String first = this.queue.put(PutRequest.of("Ship", Map.of()).unique("order-1"));
			assertThat(reqless.template.queue("orders").put(PutRequest.of("Ship", Map.of()).unique("order-1")))
				.isEqualTo(first);
			PutRequest start = PutRequest.of("Ship", Map.of()).unique("order-2", UniqueMode.START);
			String held = reqless.template.queue("orders").put(start);
			assertThat(this.queue.put(start)).isEqualTo(held);
		}
	}

}
