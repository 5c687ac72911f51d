package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qless.core.BatchResult;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
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
 * The Redis client's I/O threads hand out the jobs of a busy worker's answers, but job
 * observers are told on the container's own thread: an observer that takes its time
 * never holds up the application's Redis traffic.
 */
@QlessRedisTest
class QlessListenerContainerObserverThreadTests {

	private static final int JOBS = 300;

	private final Set<String> observerThreads = ConcurrentHashMap.newKeySet();

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
		factory.setConcurrency(4);
		factory.setBatchSize(8);
		factory.setObserver(new JobObserver() {
			@Override
			public void jobFinished(String queue, String klass, String outcome, Duration handlerTime) {
				QlessListenerContainerObserverThreadTests.this.observerThreads.add(Thread.currentThread().getName());
				QlessListenerContainerObserverThreadTests.this.finished.countDown();
			}
		});
		this.container = factory.createContainer("observed", List.of(new QlessListenerEndpoint("Noop", "observed",
				this, ReflectionUtils.findMethod(getClass(), "handle", Map.class), HandlerOptions.DEFAULTS)));
	}

	@AfterEach
	void tearDown() {
		this.container.stop();
		this.connectionFactory.destroy();
	}

	void handle(Map<String, Object> data) {
	}

	@Test
	void observersAreToldOnTheContainersThreadNotTheClients() throws Exception {
		this.container.start();
		List<PutRequest> puts = new ArrayList<>();
		for (int i = 0; i < JOBS; i++) {
			puts.add(PutRequest.of("Noop", Map.of("i", i)));
		}
		List<String> jids = this.qless.queue("observed").putAll(puts).stream().map(BatchResult::value).toList();
		assertThat(this.finished.await(30, TimeUnit.SECONDS)).as("every outcome observed").isTrue();
		for (String jid : jids) {
			assertThat(this.qless.jobs().get(jid).state()).as(jid).isEqualTo(JobState.COMPLETE);
		}
		assertThat(this.observerThreads).isNotEmpty()
			.allSatisfy((name) -> assertThat(name).startsWith("qless-observed-"));
	}

}
