package io.qless.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.qless.core.Job;
import io.qless.core.PutRequest;
import io.qless.core.QlessTemplate;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An idle container pops at once when jobs become ready in its queue, not only on a put:
 * here a job whose last dependency completes, with a poll interval far longer than the
 * wait allowed.
 */
@QlessRedisTest
class QlessListenerContainerWakeUpTests {

	private final BlockingQueue<String> started = new LinkedBlockingQueue<>();

	private LettuceConnectionFactory connectionFactory;

	private RedisMessageListenerContainer listeners;

	private QlessTemplate qless;

	private QlessListenerContainer container;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		JsonMapper jsonMapper = JsonMapper.builder().build();
		this.qless = new QlessTemplate(this.connectionFactory, jsonMapper);
		this.listeners = new RedisMessageListenerContainer();
		this.listeners.setConnectionFactory(this.connectionFactory);
		this.listeners.setTaskExecutor(new SyncTaskExecutor());
		this.listeners.afterPropertiesSet();
		this.listeners.start();
		DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(this.qless, jsonMapper);
		factory.setIdlePollInterval(Duration.ofSeconds(60));
		factory.setEventSubscriber(new QlessEventSubscriber(this.listeners, jsonMapper));
		this.container = factory.createContainer("released", List.of(new QlessListenerEndpoint("Released", "released",
				this, ReflectionUtils.findMethod(getClass(), "handle", Map.class), HandlerOptions.DEFAULTS)));
		this.container.start();
	}

	@AfterEach
	void tearDown() {
		this.container.stop();
		this.listeners.stop();
		this.connectionFactory.destroy();
	}

	void handle(Map<String, Object> data) {
		this.started.add((String) data.get("name"));
	}

	@Test
	void jobPutIntoAnIdleQueueStartsAtOnceWhileOtherJobsComeAndGo() throws Exception {
		this.qless.queue("released").put("Released", Map.of("name", "first"));
		assertThat(this.started.poll(10, TimeUnit.SECONDS)).isEqualTo("first");
		// events of other jobs and queues on ql:log, which the container leaves unparsed
		for (int i = 0; i < 20; i++) {
			this.qless.queue("elsewhere").put("Other", Map.of());
		}
		Job other = this.qless.queue("elsewhere").pop("another-worker", 1).get(0);
		this.qless.jobs().complete(other);
		Thread.sleep(200);

		this.qless.queue("released").put("Released", Map.of("name", "second"));

		assertThat(this.started.poll(5, TimeUnit.SECONDS)).as("started long before the next poll").isEqualTo("second");
	}

	@Test
	void jobAdvancedIntoAnIdleQueueStartsAtOnce() throws Exception {
		this.qless.queue("released").put("Released", Map.of("name", "first"));
		assertThat(this.started.poll(10, TimeUnit.SECONDS)).isEqualTo("first");
		this.qless.queue("elsewhere").put("Released", Map.of("name", "advanced"));
		Job popped = this.qless.queue("elsewhere").pop("another-worker", 1).get(0);
		Thread.sleep(200);

		this.qless.jobs()
			.complete(popped.jid(), "another-worker", "elsewhere", Map.of("name", "advanced"), "released", Duration.ZERO,
					List.of());

		assertThat(this.started.poll(5, TimeUnit.SECONDS)).as("started long before the next poll")
			.isEqualTo("advanced");
	}

	@ParameterizedTest
	@ValueSource(strings = { "reports/daily", "odd\u007fname" })
	void queueWhoseNameJsonEscapesIsWokenToo(String queue) throws Exception {
		JsonMapper jsonMapper = JsonMapper.builder().build();
		DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(this.qless, jsonMapper);
		factory.setIdlePollInterval(Duration.ofSeconds(60));
		factory.setEventSubscriber(new QlessEventSubscriber(this.listeners, jsonMapper));
		QlessListenerContainer slashed = factory.createContainer(queue, List.of(new QlessListenerEndpoint("Released", queue, this, ReflectionUtils.findMethod(getClass(), "handle", Map.class),
				HandlerOptions.DEFAULTS)));
		slashed.start();
		try {
			Thread.sleep(500);
			this.qless.queue(queue).put("Released", Map.of("name", "escaped"));

			assertThat(this.started.poll(5, TimeUnit.SECONDS)).as("started long before the next poll")
				.isEqualTo("escaped");
		}
		finally {
			slashed.stop();
		}
	}

	@Test
	void jobReleasedByItsLastDependencyStartsAtOnce() throws Exception {
		// Let the idle container settle into its 60 s wait.
		this.qless.queue("released").put("Released", Map.of("name", "first"));
		assertThat(this.started.poll(10, TimeUnit.SECONDS)).isEqualTo("first");
		String dependency = this.qless.queue("elsewhere").put("Other", Map.of());
		this.qless.queue("released")
			.put(PutRequest.of("Released", Map.of("name", "dependent")).depends(dependency));
		Thread.sleep(200);
		assertThat(this.started).isEmpty();

		Job popped = this.qless.queue("elsewhere").pop("another-worker", 1).get(0);
		this.qless.jobs().complete(popped);

		assertThat(this.started.poll(5, TimeUnit.SECONDS)).as("started long before the next poll")
			.isEqualTo("dependent");
	}

}
