package io.qless.listener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.QlessTemplate;
import io.qless.handler.QlessJobContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Redis going away and coming back: the container survives, and a job that finished
 * during the outage is completed once Redis answers again.
 */
class QlessListenerContainerOutageTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final CountDownLatch started = new CountDownLatch(1);

	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch settled = new CountDownLatch(1);

	private RestartableRedis redis;

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	private QlessListenerContainer container;

	@BeforeEach
	void start() throws Exception {
		Path binary = RestartableRedis.findBinary();
		assumeThat(binary).as("redis-server on PATH").isNotNull();
		this.redis = RestartableRedis.start(binary);
		startContainer("outage-worker");
	}

	/**
	 * Connect to {@link #redis} (up or not) and start a container for queue {@code outage}.
	 */
	private void startContainer(String worker) {
		this.connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.redis.port()));
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		JsonMapper jsonMapper = JsonMapper.builder().build();
		this.qless = new QlessTemplate(this.connectionFactory, jsonMapper);
		this.qless.setTimeout(Duration.ofSeconds(1));
		DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(this.qless, jsonMapper);
		factory.setWorkerName(worker);
		factory.setIdlePollInterval(Duration.ofMillis(100));
		this.container = factory.createContainer("outage", List.of(new QlessListenerEndpoint("Outage", "outage", this,
				ReflectionUtils.findMethod(getClass(), "handle", Map.class, QlessJobContext.class), HandlerOptions.DEFAULTS)));
		this.container.start();
	}

	@AfterEach
	void stop() throws Exception {
		this.release.countDown();
		if (this.container != null) {
			CountDownLatch stopped = new CountDownLatch(1);
			this.container.stop(stopped::countDown);
			stopped.await(30, TimeUnit.SECONDS);
		}
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	void handle(Map<String, Object> data, QlessJobContext job) throws InterruptedException {
		if (Boolean.TRUE.equals(data.get("block"))) {
			this.started.countDown();
			this.release.await();
		}
		if (Boolean.TRUE.equals(data.get("explicit"))) {
			this.started.countDown();
			this.release.await();
			// Redis is down now: this waits until qless accepted the outcome.
			job.complete();
			this.settled.countDown();
		}
	}

	@Test
	void explicitCompleteDuringAnOutageReturnsOnceQlessAcceptedIt() throws Exception {
		String jid = this.qless.queue("outage").put("Outage", Map.of("explicit", true));
		assertThat(this.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		this.redis.shutdownSaving();
		this.release.countDown();
		assertThat(this.settled.await(1, TimeUnit.SECONDS)).as("complete() returned while Redis was down").isFalse();
		this.redis.start();

		assertThat(this.settled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.qless.jobs().get(jid).state()).isEqualTo(JobState.COMPLETE);
	}

	@Test
	void explicitCompleteRedisDoesNotAnswerInTimeIsSentAgainNotReportedAsRefused() throws Exception {
		String jid = this.qless.queue("outage").put("Outage", Map.of("explicit", true));
		assertThat(this.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		this.redis.freeze();
		this.release.countDown();
		// the complete waits in the socket of a Redis that does not answer within the timeout
		Thread.sleep(2_500);
		assertThat(this.settled.getCount()).as("complete() returned while Redis was frozen").isEqualTo(1);
		this.redis.thaw();

		assertThat(this.settled.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("complete() returned normally").isTrue();
		assertThat(this.qless.jobs().get(jid).state()).isEqualTo(JobState.COMPLETE);
	}

	@Test
	void jobFinishedWhileRedisWasDownIsCompletedWhenItComesBack() throws Exception {
		String jid = this.qless.queue("outage").put("Outage", Map.of("block", true));
		assertThat(this.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		this.redis.shutdownSaving();
		this.release.countDown();
		Thread.sleep(500);
		this.redis.start();

		assertThat(awaitState(jid, JobState.COMPLETE)).isNotNull();
		String next = this.qless.queue("outage").put("Outage", Map.of("block", false));
		assertThat(awaitState(next, JobState.COMPLETE)).isNotNull();
	}

	@Test
	void containerStartedWhileRedisIsDownServesJobsOnceRedisIsUp() throws Exception {
		stop();
		this.container = null;
		this.connectionFactory = null;
		this.redis = RestartableRedis.start(RestartableRedis.findBinary());
		this.redis.shutdownSaving();
		startContainer("late-redis-worker");
		// Not a timing assertion: time for the container's first calls to find no Redis (the
		// test passes either way; this is what made it fail before the fix). No hook tells
		// when a call failed.
		Thread.sleep(1_000);
		this.redis.start();

		String jid = this.qless.queue("outage").put("Outage", Map.of("block", false));
		assertThat(awaitState(jid, JobState.COMPLETE)).isNotNull();
	}

	private Job awaitState(String jid, JobState state) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		Job job = null;
		while (System.nanoTime() < deadline) {
			try {
				job = this.qless.jobs().get(jid);
				if (job != null && job.state() == state) {
					return job;
				}
			}
			catch (RuntimeException ex) {
				// Redis still reconnecting
			}
			Thread.sleep(50);
		}
		throw new AssertionError("Job " + jid + " did not reach " + state + " within " + WAIT + ": " + job);
	}

}
