package io.qless.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.qless.core.QlessTemplate;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handlers on virtual threads, through a virtual-thread task executor, on Java 21 and
 * later (skipped on older runtimes).
 */
@QlessRedisTest
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualThreadsTests {

	private final BlockingQueue<Boolean> virtual = new LinkedBlockingQueue<>();

	void handle(Map<String, Object> data) throws Exception {
		this.virtual.add((Boolean) Thread.class.getMethod("isVirtual").invoke(Thread.currentThread()));
	}

	@Test
	void handlersRunOnTheGivenVirtualThreadExecutor(TestRedis redis) throws Exception {
		LettuceConnectionFactory connectionFactory = TestRedisConnections.lettuce(redis);
		try {
			JsonMapper jsonMapper = JsonMapper.builder().build();
			QlessTemplate qless = new QlessTemplate(connectionFactory, jsonMapper);
			DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(qless, jsonMapper);
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("qless-virtual-");
			executor.setVirtualThreads(true);
			factory.setTaskExecutor(executor);
			factory.setIdlePollInterval(Duration.ofMillis(100));
			QlessListenerContainer container = factory.createContainer("virtual", List.of(new QlessListenerEndpoint(
					"Virtual", "virtual", this, ReflectionUtils.findMethod(getClass(), "handle", Map.class),
					HandlerOptions.DEFAULTS)));
			container.start();
			qless.queue("virtual").put("Virtual", Map.of("n", 1));

			assertThat(this.virtual.poll(10, TimeUnit.SECONDS)).isTrue();

			CountDownLatch stopped = new CountDownLatch(1);
			container.stop(stopped::countDown);
			assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			connectionFactory.destroy();
		}
	}

}
