package io.qless.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qless.annotation.QlessJob;
import io.qless.annotation.QlessSchedule;
import io.qless.annotation.QueueHandler;
import io.qless.core.QlessOperations;
import io.qless.core.RecurringJob;
import io.qless.core.ScheduleInfo;
import io.qless.core.ScheduleJids;
import io.qless.core.SchedulePage;
import io.qless.endpoint.QlessEndpoint;
import io.qless.metrics.QlessScheduleMetrics;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with a scheduled handler and a schedule in properties, on the real clock:
 * both are registered at startup (the handler's declared throttles and tags included), the
 * every-second schedule's jobs run in the handler, the meters count them, and the endpoint
 * lists the schedules. Redis is emptied before the application starts, not before the test.
 */
@SpringBootTest(properties = { "qless.worker-name=schedule-test", "management.endpoints.web.exposure.include=qless",
		"qless.schedules.sweep.interval=1h", "qless.schedules.sweep.queue=sweeps",
		"qless.schedules.sweep.klass=app.Sweeper", "qless.schedules.sweep.data={\"older-than\":\"P7D\"}" })
@QlessRedisTest(flushBeforeEach = false)
@DirtiesContext
class QlessScheduleApplicationTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
	}

	@BeforeAll
	static void emptyRedis() {
		TestRedis.shared().flush();
	}

	@Autowired
	private QlessOperations qless;

	@Autowired
	private Ticker ticker;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private QlessEndpoint endpoint;

	@Test
	void declaredSchedulesAreRegisteredAndFiredOncePerSecond() throws InterruptedException {
		ScheduleInfo tick = this.qless.schedules().get("Ticker.tick");
		assertThat(tick).isNotNull();
		assertThat(tick.definition().cron()).isEqualTo("* * * * * *");
		assertThat(tick.definition().klass()).isEqualTo("app.Ticker");
		assertThat(tick.definition().throttles()).containsExactly("ticks-api");
		assertThat(tick.definition().tags()).containsExactly("scheduled", "ticks");
		Map<String, Object> first = this.ticker.ticks.poll(15, TimeUnit.SECONDS);
		assertThat(first).containsEntry("n", 1);
		assertThat(this.ticker.ticks.poll(15, TimeUnit.SECONDS)).as("a second fire time").isNotNull();
		// The scheduler counts a fire time when its put returns; the worker may have run the
		// job by then, so the second count can trail the second tick by a moment.
		Timer lag = awaitLagCount(2, Duration.ofSeconds(5));
		assertThat(lag.count()).isGreaterThanOrEqualTo(2);
		double fired = this.meterRegistry.get(QlessScheduleMetrics.FIRED)
			.tags("schedule", "Ticker.tick")
			.counter()
			.count();
		assertThat(fired).isGreaterThanOrEqualTo(2);
		ScheduleInfo fresh = this.qless.schedules().get("Ticker.tick");
		assertThat(fresh.fired()).isGreaterThanOrEqualTo(2);
		assertThat(this.qless.jobs().get(fresh.lastJid())).isNotNull();
		assertThat(fresh.lastJid()).isEqualTo(ScheduleJids.fireJid("Ticker.tick", fresh.last()));
	}

	private Timer awaitLagCount(long count, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Timer lag = lagTimer();
		while ((lag == null || lag.count() < count) && System.nanoTime() < deadline) {
			Thread.sleep(10);
			lag = lagTimer();
		}
		assertThat(lag).as("the schedule's lag timer").isNotNull();
		return lag;
	}

	private @Nullable Timer lagTimer() {
		return this.meterRegistry.find(QlessScheduleMetrics.LAG).tags("schedule", "Ticker.tick").timer();
	}

	@Test
	void intervalSchedulesAreQlessRecurringTemplates() {
		RecurringJob template = this.qless.recurring().get(ScheduleJids.templateJid("sweep"));
		assertThat(template).isNotNull();
		assertThat(template.interval()).isEqualTo(Duration.ofHours(1));
		assertThat(template.klass()).isEqualTo("app.Sweeper");
		assertThat(template.queue()).isEqualTo("sweeps");
		assertThat(template.data()).isEqualTo("{\"older-than\":\"P7D\"}");
		SchedulePage page = (SchedulePage) this.endpoint.section("schedules");
		assertThat(page.schedules()).extracting(ScheduleInfo::name).containsExactly("Ticker.tick", "sweep");
	}

	@QlessJob(value = "app.Ticker", tags = "ticks")
	static class Ticker {

		final BlockingQueue<Map<String, Object>> ticks = new LinkedBlockingQueue<>();

		@QueueHandler(value = "ticks", throttles = "ticks-api")
		@QlessSchedule(cron = "* * * * * *", data = "{\"n\":1}", tags = "scheduled")
		void tick(Map<String, Object> data) {
			this.ticks.add(data);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Ticker ticker() {
			return new Ticker();
		}

		@Bean
		SimpleMeterRegistry simpleMeterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

}
