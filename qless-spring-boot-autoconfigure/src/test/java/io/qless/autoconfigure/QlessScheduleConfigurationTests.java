package io.qless.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.qless.core.MisfirePolicy;
import io.qless.schedule.DeclaredSchedule;
import io.qless.schedule.QlessScheduler;
import io.qless.schedule.ScheduleManager;
import io.qless.schedule.ScheduleRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the schedule beans of {@link QlessAutoConfiguration} and the binding of
 * {@code qless.schedules.*}. Redis is out of reach: the scheduler only logs that it cannot
 * register yet.
 */
class QlessScheduleConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
				QlessAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1");

	@Test
	void schedulerRegistryAndManagerByDefault() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ScheduleManager.class)
				.hasSingleBean(ScheduleRegistry.class)
				.hasSingleBean(QlessScheduler.class);
			assertThat(context.getBean(QlessScheduler.class).isRunning()).isTrue();
			assertThat(ReflectionTestUtils.getField(context.getBean(QlessScheduler.class), "misfireThreshold"))
				.isEqualTo(Duration.ofMinutes(1));
		});
	}

	@Test
	void propertyDefaultsAreTheSchedulers() {
		QlessProperties.Schedules schedules = new QlessProperties().getSchedules();
		assertThat(schedules.getMisfireThreshold()).isEqualTo(QlessScheduler.DEFAULT_MISFIRE_THRESHOLD);
		assertThat(schedules.isEnabled()).isTrue();
		assertThat(schedules.isPrune()).isFalse();
	}

	@Test
	void disabledKeepsOnlyTheManager() {
		this.runner.withPropertyValues("qless.schedules.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(ScheduleManager.class)
				.doesNotHaveBean(ScheduleRegistry.class)
				.doesNotHaveBean(QlessScheduler.class);
		});
	}

	@Test
	void schedulesBindFromPropertiesBesideTheOptions() {
		this.runner
			.withPropertyValues("qless.schedules.prune=true", "qless.schedules.misfire-threshold=30s",
					"qless.schedules.nightly.cron=0 30 2 * * *", "qless.schedules.nightly.zone=Europe/Paris",
					"qless.schedules.nightly.queue=reports", "qless.schedules.nightly.klass=Reports::Build",
					"qless.schedules.nightly.data={\"kind\":\"daily\"}", "qless.schedules.nightly.priority=5",
					"qless.schedules.nightly.tags=a,b", "qless.schedules.nightly.throttles=db",
					"qless.schedules.nightly.retries=1", "qless.schedules.nightly.misfire=fire-all",
					"qless.schedules[sweep.often].interval=5m", "qless.schedules[sweep.often].queue=sweep",
					"qless.schedules[sweep.often].klass=Sweep")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<DeclaredSchedule> declared = context.getBean(ScheduleRegistry.class).getDeclared();
				assertThat(declared).extracting(DeclaredSchedule::name).containsExactlyInAnyOrder("nightly", "sweep.often");
				DeclaredSchedule nightly = declared.stream().filter((s) -> s.name().equals("nightly")).findFirst().get();
				assertThat(nightly.cron()).isEqualTo("0 30 2 * * *");
				assertThat(nightly.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
				assertThat(nightly.queue()).isEqualTo("reports");
				assertThat(nightly.klass()).isEqualTo("Reports::Build");
				assertThat(nightly.data()).isEqualTo("{\"kind\":\"daily\"}");
				assertThat(nightly.priority()).isEqualTo(5);
				assertThat(nightly.tags()).containsExactly("a", "b");
				assertThat(nightly.throttles()).containsExactly("db");
				assertThat(nightly.retries()).isEqualTo(1);
				assertThat(nightly.misfire()).isEqualTo(MisfirePolicy.FIRE_ALL);
				assertThat(nightly.source()).isEqualTo("in qless.schedules.nightly");
				DeclaredSchedule sweep = declared.stream().filter((s) -> s.name().equals("sweep.often")).findFirst().get();
				assertThat(sweep.interval()).isEqualTo(Duration.ofMinutes(5));
				assertThat(sweep.cron()).isNull();
				QlessProperties properties = context.getBean(QlessProperties.class);
				assertThat(properties.getSchedules().isPrune()).isTrue();
				assertThat(ReflectionTestUtils.getField(context.getBean(QlessScheduler.class), "misfireThreshold"))
					.isEqualTo(Duration.ofSeconds(30));
			});
	}

	@Test
	void incompleteOrInvalidSchedulesFailTheStart() {
		this.runner.withPropertyValues("qless.schedules.bad.cron=@hourly", "qless.schedules.bad.queue=q")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("needs a 'klass'"));
		this.runner
			.withPropertyValues("qless.schedules.bad.cron=@hourly", "qless.schedules.bad.interval=1m",
					"qless.schedules.bad.queue=q", "qless.schedules.bad.klass=K")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("needs either a cron expression or an interval"));
		this.runner
			.withPropertyValues("qless.schedules.bad.interval=1m", "qless.schedules.bad.misfire=skip",
					"qless.schedules.bad.queue=q", "qless.schedules.bad.klass=K")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("cannot skip"));
	}

	@Test
	void backsOffFromTheApplicationsScheduler() {
		this.runner.withUserConfiguration(OwnScheduler.class).run((context) -> {
			assertThat(context).hasSingleBean(QlessScheduler.class);
			assertThat(context.getBean(QlessScheduler.class)).isSameAs(context.getBean("ownScheduler"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnScheduler {

		@Bean
		QlessScheduler ownScheduler(ScheduleManager manager) {
			QlessScheduler scheduler = new QlessScheduler(manager, null, List.of());
			scheduler.setTickInterval(Duration.ofMinutes(1));
			return scheduler;
		}

	}

}
