package io.qless.test.autoconfigure;

import java.time.Clock;
import java.time.Instant;

import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.core.QlessOperations;
import io.qless.core.QlessTemplate;
import io.qless.listener.DefaultQlessListenerContainerFactory;
import io.qless.test.TestRedis;
import io.qless.test.jobs.InlineJobRunner;
import io.qless.test.jobs.InlineQlessOperations;
import io.qless.test.jobs.JobRecorder;
import io.qless.test.jobs.QlessTestClock;
import io.qless.test.jobs.QlessTestJobs;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QlessTestAutoConfiguration} and {@link QlessTestJobsAutoConfiguration}.
 * Only {@link #replacesTheRedisWithTheTestRedis()} talks to Redis; the others point
 * Spring Data Redis at a closed port, which nothing connects to.
 */
class QlessTestAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QlessTestAutoConfiguration.class, QlessTestJobsAutoConfiguration.class,
				DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class, QlessAutoConfiguration.class))
		.withPropertyValues("qless.test.replace-redis=false", "spring.data.redis.url=redis://127.0.0.1:1");

	@Test
	void templateAndContainersUseTheTestClock() {
		this.runner.withPropertyValues("qless.test.clock.start=2030-01-02T03:04:05Z").run((context) -> {
			QlessTestClock clock = context.getBean(QlessTestClock.class);
			assertThat(context.getBean(QlessAutoConfiguration.CLOCK_BEAN_NAME)).isSameAs(clock);
			assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-02T03:04:05Z"));
			assertThat(ReflectionTestUtils.getField(context.getBean(QlessTemplate.class), "clock")).isSameAs(clock);
			assertThat(ReflectionTestUtils.getField(context.getBean(DefaultQlessListenerContainerFactory.class),
					"clock"))
				.isSameAs(clock);
		});
	}

	@Test
	void clockStartsAtTheCurrentSecondByDefault() {
		Instant before = Instant.now().minusSeconds(1);
		this.runner.run((context) -> assertThat(context.getBean(QlessTestClock.class).instant())
			.isAfterOrEqualTo(before)
			.isBeforeOrEqualTo(Instant.now())
			.isEqualTo(context.getBean(QlessTestClock.class).instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
	}

	@Test
	void providesTheTestJobsAndRunsEveryJobThroughTheRecorder() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(QlessTestJobs.class)
				.hasSingleBean(JobRecorder.class)
				.hasSingleBean(TestDatabase.class)
				.doesNotHaveBean(InlineJobRunner.class);
			assertThat(context.getBean(QlessOperations.class)).isInstanceOf(QlessTemplate.class);
			DefaultQlessListenerContainerFactory factory = context.getBean(DefaultQlessListenerContainerFactory.class);
			assertThat(ReflectionTestUtils.getField(factory, "interceptors"))
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
				.containsExactly(context.getBean(JobRecorder.class));
		});
	}

	@Test
	void inlineModeRunsHandlersOnTheInlineRunnerAndWrapsTheClient() {
		this.runner.withPropertyValues("qless.test.inline=true").run((context) -> {
			InlineJobRunner runner = context.getBean(InlineJobRunner.class);
			assertThat(ReflectionTestUtils.getField(context.getBean(DefaultQlessListenerContainerFactory.class),
					"taskExecutor"))
				.isSameAs(runner);
			assertThat(context.getBean(QlessOperations.class)).isInstanceOfSatisfying(InlineQlessOperations.class,
					(inline) -> assertThat(inline.getDelegate()).isInstanceOf(QlessTemplate.class));
			assertThat(ReflectionTestUtils.getField(context.getBean(DefaultQlessListenerContainerFactory.class),
					"qless"))
				.isSameAs(context.getBean(QlessOperations.class));
		});
	}

	@Test
	void backsOffFromTheApplicationsQlessClock() {
		Clock clock = Clock.systemUTC();
		this.runner.withBean(QlessAutoConfiguration.CLOCK_BEAN_NAME, Clock.class, () -> clock)
			.run((context) -> assertThat(context).doesNotHaveBean(QlessTestClock.class)
				.doesNotHaveBean(QlessTestJobs.class)
				.getBean(QlessAutoConfiguration.CLOCK_BEAN_NAME)
				.isSameAs(clock));
	}

	@Test
	void keepsTheApplicationsRedisWhenAskedTo() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TestRedisConnectionDetails.class));
	}

	@Test
	void backsOffFromAServiceConnection() {
		DataRedisConnectionDetails declared = new DataRedisConnectionDetails() {

			@Override
			public Standalone getStandalone() {
				return Standalone.of("127.0.0.1", 1);
			}

		};
		this.runner.withPropertyValues("qless.test.replace-redis=true")
			.withBean(DataRedisConnectionDetails.class, () -> declared)
			.run((context) -> assertThat(context).doesNotHaveBean(TestRedisConnectionDetails.class)
				.getBean(DataRedisConnectionDetails.class)
				.isSameAs(declared));
	}

	@Test
	void replacesTheRedisWithTheTestRedis() {
		this.runner.withPropertyValues("qless.test.replace-redis=true").run((context) -> {
			assertThat(context).hasSingleBean(TestRedisConnectionDetails.class);
			LettuceConnectionFactory connectionFactory = context.getBean(LettuceConnectionFactory.class);
			TestRedis redis = TestRedis.shared();
			assertThat(connectionFactory.getHostName()).isEqualTo(redis.host());
			assertThat(connectionFactory.getPort()).isEqualTo(redis.port());
			assertThat(connectionFactory.getDatabase()).isEqualTo(redis.database());
		});
	}

}
