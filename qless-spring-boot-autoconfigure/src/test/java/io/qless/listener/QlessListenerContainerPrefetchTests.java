package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qless.core.JobState;
import io.qless.core.QlessTemplate;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A container whose handlers are fast pops its next batch while its handlers still work
 * through the one before, so that they do not wait for each pop's round trip; and it holds
 * no more than that.
 */
@QlessRedisTest
class QlessListenerContainerPrefetchTests {

	private static final int JOBS = 40;

	private static final int BATCH = 4;

	private final List<Long> waitingAtStart = new ArrayList<>();

	/** Counts the jobs whose outcome qless accepted. */
	private final CountDownLatch finished = new CountDownLatch(JOBS);

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	private QlessListenerContainer container;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		JsonMapper jsonMapper = JsonMapper.builder().build();
		this.qless = new QlessTemplate(this.connectionFactory, jsonMapper);
		DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(this.qless, jsonMapper);
		factory.setConcurrency(1);
		factory.setBatchSize(BATCH);
		factory.setObserver(new JobObserver() {
			@Override
			public void jobFinished(String queue, String klass, String outcome, Duration handlerTime) {
				QlessListenerContainerPrefetchTests.this.finished.countDown();
			}
		});
		this.container = factory.createContainer("fast", List.of(new QlessListenerEndpoint("Fast", "fast", this,
				ReflectionUtils.findMethod(getClass(), "handle", Map.class), HandlerOptions.DEFAULTS)));
	}

	@AfterEach
	void tearDown() {
		this.container.stop();
		this.connectionFactory.destroy();
	}

	void handle(Map<String, Object> data) throws InterruptedException {
		synchronized (this.waitingAtStart) {
			this.waitingAtStart.add(this.qless.queue("fast").counts().waiting());
		}
		// a fast handler, whose time the container measures
		Thread.sleep(3);
	}

	@Test
	void popsTheNextBatchWhileItsHandlersWorkThroughTheOneBefore() throws Exception {
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < JOBS; i++) {
			jids.add(this.qless.queue("fast").put("Fast", Map.of("i", i)));
		}
		this.container.start();
		assertThat(this.finished.await(30, TimeUnit.SECONDS)).isTrue();
		for (String jid : jids) {
			assertThat(this.qless.jobs().get(jid).state()).as(jid).isEqualTo(JobState.COMPLETE);
		}

		List<Long> waiting;
		synchronized (this.waitingAtStart) {
			waiting = List.copyOf(this.waitingAtStart);
		}
		assertThat(waiting).hasSize(JOBS);
		// When job k starts, k - 1 have finished, and the container holds the running job
		// and those popped ahead of it: with one batch ahead at most 1 + 4, so at least
		// JOBS - (k - 1) - 5 would still wait in Redis.
		List<Integer> aheadOfOneBatch = new ArrayList<>();
		for (int k = 1; k <= JOBS; k++) {
			long waitingNow = waiting.get(k - 1);
			assertThat(waitingNow).as("never more than two batches ahead; waiting when job %d started: %s", k, waiting)
				.isGreaterThanOrEqualTo(Math.max(0, JOBS - (k - 1) - (1 + 2 * BATCH)));
			if (waitingNow < JOBS - (k - 1) - (1 + BATCH)) {
				aheadOfOneBatch.add(k);
			}
		}
		assertThat(aheadOfOneBatch).as("jobs that started with more than one batch popped ahead: %s", waiting)
			.isNotEmpty();
	}

}
