package io.qless.listener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.qless.core.HistoryEntry;
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
 * Redis restarted under load, with an outage longer than the heartbeat interval: commands
 * the workers issued while Redis was away must not run later with the time they were
 * issued at, or the script would grant leases that have, by its own clock, already
 * expired, and hand one job to two workers at once.
 */
class QlessListenerContainerRestartTests {

	private static final int JOBS = 150;

	private static final Duration WAIT = Duration.ofSeconds(60);

	private final Map<String, AtomicInteger> running = new ConcurrentHashMap<>();

	private final Set<String> concurrentRuns = ConcurrentHashMap.newKeySet();

	private final Set<String> finished = ConcurrentHashMap.newKeySet();

	private final List<LettuceConnectionFactory> connectionFactories = new ArrayList<>();

	private final List<QlessListenerContainer> containers = new ArrayList<>();

	private RestartableRedis redis;

	private QlessTemplate qless;

	@BeforeEach
	void start() throws Exception {
		Path binary = RestartableRedis.findBinary();
		assumeThat(binary).as("redis-server on PATH").isNotNull();
		this.redis = RestartableRedis.start(binary);
		this.qless = template();
		this.qless.config().set("heartbeat", 2);
		this.qless.config().set("grace-period", 0);
		for (String worker : List.of("restart-a", "restart-b")) {
			QlessTemplate workerTemplate = template();
			DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(workerTemplate,
					JsonMapper.builder().build());
			factory.setWorkerName(worker);
			factory.setConcurrency(3);
			factory.setIdlePollInterval(Duration.ofMillis(50));
			QlessListenerContainer container = factory.createContainer("restart",
					List.of(new QlessListenerEndpoint("Restart", "restart", this,
							ReflectionUtils.findMethod(getClass(), "handle", QlessJobContext.class),
							HandlerOptions.DEFAULTS)));
			this.containers.add(container);
		}
	}

	private QlessTemplate template() {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.redis.port()));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		this.connectionFactories.add(connectionFactory);
		return new QlessTemplate(connectionFactory, JsonMapper.builder().build());
	}

	@AfterEach
	void stop() throws Exception {
		for (QlessListenerContainer container : this.containers) {
			CountDownLatch stopped = new CountDownLatch(1);
			container.stop(stopped::countDown);
			stopped.await(30, TimeUnit.SECONDS);
		}
		for (LettuceConnectionFactory connectionFactory : this.connectionFactories) {
			connectionFactory.destroy();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	void handle(QlessJobContext job) throws InterruptedException {
		AtomicInteger count = this.running.computeIfAbsent(job.jid(), (jid) -> new AtomicInteger());
		if (count.incrementAndGet() > 1) {
			this.concurrentRuns.add(job.jid());
		}
		try {
			// Jobs of different lengths, so that one worker pops while the other still runs.
			Thread.sleep(100 + 300 * (job.data(Map.class).get("n").hashCode() % 5));
		}
		finally {
			count.decrementAndGet();
			this.finished.add(job.jid());
		}
	}

	@Test
	void noJobRunsTwiceAtOnceAndHistoriesStayInTimeOrderAcrossARestart() throws Exception {
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < JOBS; i++) {
			jids.add(this.qless.queue("restart").put("Restart", Map.of("n", i)));
		}
		this.containers.forEach(QlessListenerContainer::start);
		awaitFinished(10);

		this.redis.shutdownSaving();
		// Longer than the heartbeat interval: every lease stamped before the outage is over.
		Thread.sleep(4_000);
		this.redis.start();

		for (String jid : jids) {
			Job job = awaitState(jid, JobState.COMPLETE);
			List<HistoryEntry> history = job.history();
			for (int i = 1; i < history.size(); i++) {
				assertThat(history.get(i).when()).as("history of %s: %s", jid, history)
					.isGreaterThanOrEqualTo(history.get(i - 1).when());
			}
		}
		assertThat(this.concurrentRuns).as("jobs that ran on two workers at once").isEmpty();
	}

	@Test
	void noJobRunsTwiceAtOnceWhenRedisIsFrozenLongerThanALease() throws Exception {
		// With no grace period qless hands a job out the moment its lease is over, and a
		// heartbeat that a frozen Redis runs late (with the time it was written at) leaves
		// it over: no worker can renew in time. qless's default grace period sends the
		// holder a lock_lost courtesy instead, and its next heartbeat keeps the job.
		this.qless.config().unset("grace-period");
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			jids.add(this.qless.queue("restart").put("Restart", Map.of("n", i)));
		}
		this.containers.forEach(QlessListenerContainer::start);
		awaitFinished(6);

		// Pops written while Redis is frozen run with the time they were written at.
		this.redis.freeze();
		Thread.sleep(4_000);
		this.redis.thaw();

		for (String jid : jids) {
			awaitState(jid, JobState.COMPLETE);
		}
		assertThat(this.concurrentRuns).as("jobs that ran on two workers at once").isEmpty();
	}

	private void awaitFinished(int count) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (this.finished.size() < count && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
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
