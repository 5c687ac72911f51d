package io.qless.autoconfigure;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.core.JobState;
import io.qless.core.QlessOperations;
import io.qless.endpoint.QlessEndpoint;
import io.qless.health.QlessHealthIndicator;
import io.qless.metrics.QlessJobMetrics;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plain application with the auto-configuration and one handler bean: jobs put into its
 * queue run with no qless code in the application, and the meters, health indicator and
 * endpoint are there.
 */
@SpringBootTest(properties = { "qless.worker-name=app-test", "management.endpoints.web.exposure.include=qless" })
@QlessRedisTest
// Closed after the class, not by the JVM shutdown hook that may race the test Redis shutting down.
@DirtiesContext
class QlessApplicationTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
	}

	@Autowired
	private QlessOperations qless;

	@Autowired
	private Greeter greeter;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private QlessHealthIndicator health;

	@Autowired
	private QlessEndpoint endpoint;

	@Test
	void runsJobsWithZeroCode() throws InterruptedException {
		String jid = this.qless.queue("greetings").put("app.Greeter", new Greeting("Ada"));
		assertThat(this.greeter.greeted.poll(10, TimeUnit.SECONDS)).isEqualTo("Ada");
		awaitState(jid, JobState.COMPLETE);
		assertThat(this.qless.jobs().get(jid).history()).filteredOn((entry) -> "popped".equals(entry.what()))
			.singleElement()
			.satisfies((entry) -> assertThat(entry.worker()).isEqualTo("app-test"));
		// The worker counts the outcome when Redis answers the complete, just after the job's
		// state changes there.
		assertThat(awaitCompletedCount(1)).isEqualTo(1);
		assertThat(this.health.health(true).getStatus()).isEqualTo(Status.UP);
		assertThat(this.endpoint.overview().queues()).extracting("name").contains("greetings");
		assertThat(this.endpoint.overview().workers()).extracting("name").contains("app-test");
	}

	private double awaitCompletedCount(double count) throws InterruptedException {
		awaitUntil(() -> completedCount() >= count, Duration.ofSeconds(5));
		return completedCount();
	}

	private double completedCount() {
		Counter completed = this.meterRegistry.find(QlessJobMetrics.JOBS)
			.tags("queue", "greetings", "klass", "app.Greeter", "outcome", "completed")
			.counter();
		return (completed != null) ? completed.count() : 0;
	}

	private void awaitState(String jid, JobState state) throws InterruptedException {
		awaitUntil(() -> this.qless.jobs().get(jid).state() == state, Duration.ofSeconds(10));
		assertThat(this.qless.jobs().get(jid).state()).isEqualTo(state);
	}

	private static void awaitUntil(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
	}

	record Greeting(String name) {
	}

	@QlessJob("app.Greeter")
	static class Greeter {

		final BlockingQueue<String> greeted = new LinkedBlockingQueue<>();

		@QueueHandler("greetings")
		void greet(Greeting greeting) {
			this.greeted.add(greeting.name());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
