package io.qless.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.qless.core.Job;
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
 * Starting, stopping, pausing and resuming containers: a start waits for a stop in
 * progress, a stop returns within its budget even when handlers hang, and a paused
 * container pops nothing until resumed.
 */
@QlessRedisTest
class QlessListenerContainerLifecycleTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final CountDownLatch started = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final AtomicBoolean ignoreInterrupts = new AtomicBoolean();

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	private DefaultQlessListenerContainerFactory factory;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		this.qless = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build());
		this.factory = new DefaultQlessListenerContainerFactory(this.qless, JsonMapper.builder().build());
		this.factory.setIdlePollInterval(Duration.ofMillis(100));
		this.factory.setShutdownTimeout(Duration.ofSeconds(10));
	}

	@AfterEach
	void tearDown() {
		this.ignoreInterrupts.set(false);
		this.release.countDown();
		this.connectionFactory.destroy();
	}

	void handle(Map<String, Object> data) {
		if (Boolean.TRUE.equals(data.get("block"))) {
			this.started.countDown();
			while (true) {
				try {
					if (this.release.await(30, TimeUnit.SECONDS)) {
						return;
					}
				}
				catch (InterruptedException ex) {
					if (!this.ignoreInterrupts.get()) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
		}
	}

	private QlessListenerEndpoint endpoint(String queue) {
		return new QlessListenerEndpoint("lifecycle-handler", "Lifecycle", queue, this,
				ReflectionUtils.findMethod(getClass(), "handle", Map.class), HandlerOptions.DEFAULTS);
	}

	@Test
	void startDuringAStopWaitsForTheStopToFinish() throws Exception {
		QlessListenerContainer container = this.factory.createContainer("lifecycle", List.of(endpoint("lifecycle")));
		container.start();
		String blocked = this.qless.queue("lifecycle").put("Lifecycle", Map.of("block", true));
		assertThat(this.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		CountDownLatch stopped = new CountDownLatch(1);
		container.stop(stopped::countDown);
		CountDownLatch restarted = new CountDownLatch(1);
		Thread starter = new Thread(() -> {
			container.start();
			restarted.countDown();
		});
		starter.start();

		assertThat(restarted.await(300, TimeUnit.MILLISECONDS)).as("start returned while a stop was in progress")
			.isFalse();
		this.release.countDown();
		assertThat(stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(restarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(container.isRunning()).isTrue();
		awaitState(blocked, JobState.COMPLETE);
		String after = this.qless.queue("lifecycle").put("Lifecycle", Map.of("block", false));
		awaitState(after, JobState.COMPLETE);
		container.stop();
		assertThat(container.isRunning()).isFalse();
	}

	@Test
	void stopReturnsWithinItsBudgetWhenAHandlerHangs() throws Exception {
		this.factory.setShutdownTimeout(Duration.ofMillis(500));
		QlessListenerEndpointRegistry registry = new QlessListenerEndpointRegistry();
		registry.registerEndpoint(endpoint("hanging"), this.factory);
		registry.start();
		this.ignoreInterrupts.set(true);
		String jid = this.qless.queue("hanging").put("Lifecycle", Map.of("block", true));
		assertThat(this.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		Duration budget = registry.getContainer("hanging").stopBudget();

		long start = System.nanoTime();
		registry.stop();
		Duration took = Duration.ofNanos(System.nanoTime() - start);

		assertThat(took).isLessThan(budget.plus(QlessListenerEndpointRegistry.DEREGISTER_TIMEOUT));
		assertThat(registry.isRunning()).isFalse();
		// The hung job was left to expire: never settled by this worker.
		Job job = this.qless.jobs().get(jid);
		assertThat(job.state()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void pausedContainerPopsNothingUntilResumed() throws Exception {
		QlessListenerEndpointRegistry registry = new QlessListenerEndpointRegistry();
		registry.registerEndpoint(endpoint("pausing"), this.factory);
		registry.start();
		assertThat(registry.pauseEndpoint("lifecycle-handler")).containsExactly("pausing");
		String jid = this.qless.queue("pausing").put("Lifecycle", Map.of("block", false));

		Thread.sleep(500);
		assertThat(this.qless.jobs().get(jid).state()).isEqualTo(JobState.WAITING);
		assertThat(registry.getContainer("pausing").isPaused()).isTrue();
		assertThat(registry.getContainerStates().get("pausing").paused()).isTrue();

		assertThat(registry.resume("pausing")).isTrue();
		awaitState(jid, JobState.COMPLETE);
		assertThat(registry.getContainerStates().get("pausing").paused()).isFalse();
		registry.stop();
	}

	private Job awaitState(String jid, JobState state) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		Job job = null;
		while (System.nanoTime() < deadline) {
			job = this.qless.jobs().get(jid);
			if (job != null && job.state() == state) {
				return job;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("Job " + jid + " did not reach " + state + " within " + WAIT + ": " + job);
	}

}
