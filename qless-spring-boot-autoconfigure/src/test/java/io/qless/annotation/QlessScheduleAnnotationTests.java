package io.qless.annotation;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.qless.core.MisfirePolicy;
import io.qless.core.ScheduleDefinition;
import io.qless.listener.QlessListenerContainerFactory;
import io.qless.listener.QlessListenerEndpointRegistry;
import io.qless.producer.PutDefaults;
import io.qless.schedule.DeclaredSchedule;
import io.qless.schedule.ScheduleRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link QlessSchedule} on handler methods and classes, as the post-processor declares them.
 */
class QlessScheduleAnnotationTests {

	private static final JsonMapper mapper = JsonMapper.builder().build();

	@Test
	void scheduleOnAHandlerMethodPutsIntoItsQueueWithTheBeanKlass() {
		try (AnnotationConfigApplicationContext context = context(ReportHandlers.class)) {
			List<DeclaredSchedule> declared = context.getBean(ScheduleRegistry.class).getDeclared();
			assertThat(declared).extracting(DeclaredSchedule::name)
				.containsExactly("ReportHandlers.build", "reports.hourly");
			DeclaredSchedule daily = declared.get(0);
			assertThat(daily.cron()).isEqualTo("0 30 2 * * *");
			assertThat(daily.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
			assertThat(daily.queue()).isEqualTo("reports");
			assertThat(daily.klass()).isEqualTo("Reports::Build");
			assertThat(daily.data()).isEqualTo("{\"kind\":\"daily\",\"size\":6}");
			assertThat(daily.misfire()).isEqualTo(MisfirePolicy.SKIP);
			assertThat(daily.priority()).isEqualTo(7);
			assertThat(daily.tags()).containsExactly("nightly");
			DeclaredSchedule hourly = declared.get(1);
			assertThat(hourly.interval()).isEqualTo(Duration.ofHours(1));
			assertThat(hourly.zone()).isEqualTo(ZoneId.of("UTC"));
			assertThat(hourly.data()).isEqualTo("{}");
			assertThat(hourly.misfire()).isEqualTo(MisfirePolicy.FIRE_ONCE);
			assertThat(hourly.priority()).isNull();
		}
	}

	@Test
	void handlerDeclaredThrottlesTagsAndPriorityApplyToScheduledJobs() {
		try (AnnotationConfigApplicationContext context = context(ReportHandlers.class)) {
			PutDefaults putDefaults = context.getBean(PutDefaults.class);
			List<DeclaredSchedule> declared = context.getBean(ScheduleRegistry.class).getDeclared();
			ScheduleDefinition daily = declared.get(0).definition(List.of(putDefaults), mapper);
			assertThat(daily.throttles()).containsExactly("reporting");
			assertThat(daily.tags()).containsExactly("nightly", "reports");
			// Declared on the schedule: wins over the handler's.
			assertThat(daily.priority()).isEqualTo(7);
			assertThat(daily.retries()).isEqualTo(2);
			ScheduleDefinition hourly = declared.get(1).definition(List.of(putDefaults), mapper);
			assertThat(hourly.priority()).isEqualTo(3);
			assertThat(hourly.throttles()).containsExactly("reporting");
		}
	}

	@Test
	void scheduleOnAClassGoesIntoTheQueueItNames() {
		try (AnnotationConfigApplicationContext context = context(CleanupJob.class)) {
			DeclaredSchedule declared = context.getBean(ScheduleRegistry.class).getDeclared().get(0);
			assertThat(declared.name()).isEqualTo("CleanupJob");
			assertThat(declared.queue()).isEqualTo("cleanup-eu");
			assertThat(declared.klass()).isEqualTo(CleanupJob.class.getName());
			assertThat(declared.interval()).isEqualTo(Duration.ofSeconds(300));
		}
	}

	@Test
	void ambiguousOrInvalidSchedulesFailTheStart() {
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> context(Unnamed.class))
			.withMessageContaining("each needs a name but one");
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> context(NoQueue.class))
			.withMessageContaining("needs a 'queue'");
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> context(BadCron.class))
			.withMessageContaining("Invalid @QlessSchedule 'BadCron.handle'");
		assertThatExceptionOfType(BeanCreationException.class).isThrownBy(() -> context(BadData.class))
			.withMessageContaining("is not JSON");
	}

	private static AnnotationConfigApplicationContext context(Class<?>... classes) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("report.zone", "Europe/Paris", "report.size", "6")));
		context.register(Infrastructure.class);
		context.register(classes);
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	static class Infrastructure {

		@Bean
		static QlessListenerAnnotationBeanPostProcessor qlessListenerAnnotationBeanPostProcessor() {
			return new QlessListenerAnnotationBeanPostProcessor();
		}

		@Bean
		QlessListenerEndpointRegistry registry() {
			return new QlessListenerEndpointRegistry() {

				@Override
				public void registerEndpoint(io.qless.listener.QlessListenerEndpoint endpoint,
						QlessListenerContainerFactory factory) {
				}

			};
		}

		@Bean(QueueHandler.DEFAULT_CONTAINER_FACTORY)
		QlessListenerContainerFactory defaultFactory() {
			return (queue, endpoints) -> {
				throw new UnsupportedOperationException("not started in these tests");
			};
		}

		@Bean
		PutDefaults putDefaults() {
			return new PutDefaults(mapper);
		}

		@Bean
		ScheduleRegistry scheduleRegistry() {
			return new ScheduleRegistry(mapper);
		}

	}

	@QlessJob(value = "Reports::Build", tags = "reports", priority = "3")
	static class ReportHandlers {

		@QueueHandler(value = "reports", throttles = "reporting", retries = "2")
		@QlessSchedule(cron = "0 30 2 * * *", zone = "${report.zone}",
				data = "{\"kind\":\"daily\",\"size\":#{${report.size}}}", misfire = "skip", priority = "7",
				tags = "nightly")
		@QlessSchedule(name = "reports.hourly", interval = "1h")
		void build(Map<String, Object> request) {
		}

	}

	@QlessSchedule(interval = "300", queue = "cleanup-eu")
	static class CleanupJob {

		@QueueHandler({ "cleanup", "cleanup-eu" })
		void clean(Map<String, Object> request) {
		}

	}

	static class Unnamed {

		@QueueHandler("q")
		@QlessSchedule(cron = "@hourly")
		@QlessSchedule(cron = "@daily")
		void handle(Map<String, Object> request) {
		}

	}

	@QlessSchedule(cron = "@hourly")
	static class NoQueue {

		@QueueHandler({ "a", "b" })
		void handle(Map<String, Object> request) {
		}

	}

	static class BadCron {

		@QueueHandler("q")
		@QlessSchedule(cron = "every minute")
		void handle(Map<String, Object> request) {
		}

	}

	static class BadData {

		@QueueHandler("q")
		@QlessSchedule(cron = "@hourly", data = "{oops")
		void handle(Map<String, Object> request) {
		}

	}

}
