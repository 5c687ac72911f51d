package io.qless.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qless.core.Job;
import io.qless.core.PutRequest;
import io.qless.core.QlessShards;
import io.qless.core.QlessTemplate;
import io.qless.core.ShardProbe;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that the qless meters report what qless holds, on a real Redis.
 */
@QlessRedisTest
class QlessMetricsTests {

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@BeforeEach
	void setUp(TestRedis redis) {
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		this.qless = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build());
	}

	@AfterEach
	void tearDown() {
		this.connectionFactory.destroy();
	}

	@Test
	void queueGaugesReportCountsAndStats() {
		this.qless.queue("emails").put("Send", null);
		this.qless.queue("emails").put("Send", null);
		this.qless.queue("emails").put(PutRequest.of("Send", null).delay(Duration.ofHours(1)));
		this.qless.queue("reports").put("Build", null);
		this.qless.queue("reports").pause();
		Job popped = this.qless.queue("emails").pop("w1", 1).get(0);
		this.qless.jobs().complete(popped);
		QlessQueueMetrics metrics = new QlessQueueMetrics(this.qless, Duration.ofMinutes(1),
				java.time.Clock.systemUTC());
		metrics.bindTo(this.registry);
		assertThat(this.registry.get(QlessQueueMetrics.QUEUES).gauge().value()).isEqualTo(2);
		assertThat(gauge(QlessQueueMetrics.QUEUE_JOBS, "emails", "state", "waiting")).isEqualTo(1);
		assertThat(gauge(QlessQueueMetrics.QUEUE_JOBS, "emails", "state", "scheduled")).isEqualTo(1);
		assertThat(gauge(QlessQueueMetrics.QUEUE_JOBS, "emails", "state", "running")).isEqualTo(0);
		assertThat(gauge(QlessQueueMetrics.QUEUE_JOBS, "reports", "state", "waiting")).isEqualTo(1);
		assertThat(gauge(QlessQueueMetrics.QUEUE_PAUSED, "reports")).isEqualTo(1);
		assertThat(gauge(QlessQueueMetrics.QUEUE_PAUSED, "emails")).isEqualTo(0);
		assertThat(gauge("qless.queue.wait.count", "emails")).isEqualTo(1);
		assertThat(gauge("qless.queue.run.count", "emails")).isEqualTo(1);
		assertThat(gauge("qless.queue.wait.mean", "emails")).isGreaterThanOrEqualTo(0);
		assertThat(this.registry.get("qless.queue.run.std").tag("queue", "emails").gauge()).isNotNull();
		assertThat(gauge("qless.queue.failures", "emails")).isEqualTo(0);
	}

	@Test
	void queuesOfEveryShardAreReportedWithTheirShard() {
		assumeTrue(ShardProbe.scriptTakesKeyPrefix(this.connectionFactory),
				"the script does not take its key prefix from KEYS[1] yet");
		this.qless.setShards(QlessShards.of(false, Map.of("orders", List.of("orders-*"))));
		this.qless.queue("orders-eu").put("Order", null);
		this.qless.queue("mail").put("Send", null);
		QlessQueueMetrics metrics = new QlessQueueMetrics(this.qless, Duration.ofMinutes(1),
				java.time.Clock.systemUTC());
		metrics.bindTo(this.registry);
		assertThat(this.registry.get(QlessQueueMetrics.QUEUES).gauge().value()).isEqualTo(2);
		assertThat(this.registry.get(QlessQueueMetrics.QUEUE_JOBS)
			.tags("queue", "orders-eu", "shard", "orders", "state", "waiting")
			.gauge()
			.value()).isEqualTo(1);
		assertThat(this.registry.get(QlessQueueMetrics.QUEUE_JOBS)
			.tags("queue", "mail", "shard", "default", "state", "waiting")
			.gauge()
			.value()).isEqualTo(1);
	}

	@Test
	void readsRedisAtMostOncePerRefreshInterval() {
		this.qless.queue("emails").put("Send", null);
		QlessQueueMetrics metrics = new QlessQueueMetrics(this.qless, Duration.ofHours(1), java.time.Clock.systemUTC());
		metrics.bindTo(this.registry);
		assertThat(this.registry.get(QlessQueueMetrics.QUEUES).gauge().value()).isEqualTo(1);
		assertThat(gauge(QlessQueueMetrics.QUEUE_JOBS, "emails", "state", "waiting")).isEqualTo(1);
		this.qless.queue("emails").put("Send", null);
		this.qless.queue("other").put("Send", null);
		assertThat(gauge(QlessQueueMetrics.QUEUE_JOBS, "emails", "state", "waiting")).isEqualTo(1);
		assertThat(this.registry.find(QlessQueueMetrics.QUEUE_JOBS).tag("queue", "other").gauges()).isEmpty();
		metrics.refresh();
		assertThat(gauge(QlessQueueMetrics.QUEUE_JOBS, "emails", "state", "waiting")).isEqualTo(2);
		assertThat(gauge(QlessQueueMetrics.QUEUE_JOBS, "other", "state", "waiting")).isEqualTo(1);
	}

	@Test
	void throttledJobsAreAQueueState() {
		this.qless.throttles().set("api", 1);
		this.qless.queue("emails").put(PutRequest.of("Send", null).throttles("api"));
		this.qless.queue("emails").put(PutRequest.of("Send", null).throttles("api"));
		this.qless.queue("emails").pop("w1", 2);
		QlessQueueMetrics metrics = new QlessQueueMetrics(this.qless, Duration.ofMinutes(1),
				java.time.Clock.systemUTC());
		metrics.bindTo(this.registry);
		assertThat(this.registry.get(QlessQueueMetrics.QUEUES).gauge().value()).isEqualTo(1);
		assertThat(gauge(QlessQueueMetrics.QUEUE_JOBS, "emails", "state", "throttled")).isEqualTo(1);
		assertThat(gauge(QlessQueueMetrics.QUEUE_JOBS, "emails", "state", "running")).isEqualTo(1);
	}

	@Test
	void throttleGaugesReportLocksPendingAndMaximumOfKnownThrottles() {
		this.qless.throttles().set("api", 1);
		this.qless.queue("emails").put(PutRequest.of("Send", null).throttles("api"));
		this.qless.queue("emails").put(PutRequest.of("Send", null).throttles("api"));
		this.qless.queue("emails").pop("w1", 2);
		Set<String> known = new LinkedHashSet<>(List.of("api"));
		QlessThrottleMetrics metrics = new QlessThrottleMetrics(this.qless, () -> known, Duration.ofHours(1),
				java.time.Clock.systemUTC());
		metrics.bindTo(this.registry);

		assertThat(throttleGauge(QlessThrottleMetrics.LOCKS, "api")).isEqualTo(1);
		assertThat(throttleGauge(QlessThrottleMetrics.PENDING, "api")).isEqualTo(1);
		assertThat(throttleGauge(QlessThrottleMetrics.MAXIMUM, "api")).isEqualTo(1);

		// cached until the interval has passed; a throttle that became known gets its gauges on refresh
		this.qless.throttles().set("api", 3);
		known.add("ql:q:emails");
		assertThat(throttleGauge(QlessThrottleMetrics.MAXIMUM, "api")).isEqualTo(1);
		assertThat(this.registry.find(QlessThrottleMetrics.LOCKS).tag("throttle", "ql:q:emails").gauges()).isEmpty();
		metrics.refresh();
		assertThat(throttleGauge(QlessThrottleMetrics.MAXIMUM, "api")).isEqualTo(3);
		assertThat(throttleGauge(QlessThrottleMetrics.LOCKS, "ql:q:emails")).isEqualTo(1);
		assertThat(throttleGauge(QlessThrottleMetrics.MAXIMUM, "ql:q:emails")).isEqualTo(0);
	}

	private double throttleGauge(String name, String throttle) {
		return this.registry.get(name).tag("throttle", throttle).gauge().value();
	}

	@Test
	void statsAreOfTheClocksDay() {
		this.qless.queue("emails").put("Send", null);
		this.qless.queue("emails").pop("w1", 1);
		java.time.Clock yesterday = java.time.Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC);
		QlessQueueMetrics metrics = new QlessQueueMetrics(this.qless, Duration.ZERO, yesterday);
		metrics.refresh();
		metrics.bindTo(this.registry);
		assertThat(gauge("qless.queue.wait.count", "emails")).isEqualTo(0);
	}

	@Test
	void jobMetricsCountOutcomes() {
		QlessJobMetrics metrics = new QlessJobMetrics();
		metrics.bindTo(this.registry);
		metrics.jobFinished("emails", "Send", "completed", Duration.ofMillis(30));
		metrics.jobFinished("emails", "Send", "completed", Duration.ofMillis(10));
		metrics.jobFinished("emails", "Send", "failed", Duration.ofMillis(5));
		metrics.lockLost("emails", "Send");
		assertThat(counter("completed")).isEqualTo(2);
		assertThat(counter("failed")).isEqualTo(1);
		assertThat(counter(QlessJobMetrics.LOCK_LOST)).isEqualTo(1);
		assertThat(this.registry.find("qless.jobs.handler").timer()).as("handler time is the observation's").isNull();
	}

	private double counter(String outcome) {
		return this.registry.get(QlessJobMetrics.JOBS)
			.tags("queue", "emails", "klass", "Send", "outcome", outcome)
			.counter()
			.count();
	}

	private double gauge(String name, String queue, String... tags) {
		return this.registry.get(name).tag("queue", queue).tags(tags).gauge().value();
	}

}
