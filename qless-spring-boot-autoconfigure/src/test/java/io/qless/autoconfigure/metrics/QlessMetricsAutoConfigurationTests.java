package io.qless.autoconfigure.metrics;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.listener.DefaultQlessListenerContainerFactory;
import io.qless.metrics.QlessJobMetrics;
import io.qless.metrics.QlessQueueMetrics;
import io.qless.metrics.QlessThrottleMetrics;
import io.qless.producer.PutDefaults;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QlessMetricsAutoConfiguration}.
 */
class QlessMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
				MetricsAutoConfiguration.class, QlessAutoConfiguration.class, QlessMetricsAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1");

	@Test
	void bindsMetersAndObservesJobsWhenThereIsARegistry() {
		this.runner.withUserConfiguration(RegistryConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(QlessJobMetrics.class)
				.hasSingleBean(QlessQueueMetrics.class)
				.hasSingleBean(QlessThrottleMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find(QlessQueueMetrics.QUEUES).gauge()).isNotNull();
			assertThat(ReflectionTestUtils.getField(context.getBean(DefaultQlessListenerContainerFactory.class),
					"observer"))
				.isSameAs(context.getBean(QlessJobMetrics.class));
		});
	}

	@Test
	void queuesOfTheHandlersHaveGaugesBeforeAnyScrape() {
		this.runner.withUserConfiguration(RegistryConfiguration.class, Handlers.class)
			.withPropertyValues("qless.listener.auto-startup=false")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find(QlessQueueMetrics.QUEUE_JOBS).tag("queue", "known").tag("state", "waiting")
					.gauge()).isNotNull();
				assertThat(registry.find(QlessQueueMetrics.QUEUE_PAUSED).tag("queue", "known").gauge()).isNotNull();
			});
	}

	@io.qless.annotation.QlessJob("Known")
	static class Handlers {

		@io.qless.annotation.QueueHandler("known")
		void handle(String data) {
		}

	}

	@Test
	void refreshIntervalBinds() {
		this.runner.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("qless.metrics.refresh-interval=42s")
			.run((context) -> assertThat(context.getBean(QlessQueueMetrics.class))
				.hasFieldOrPropertyWithValue("refreshInterval", java.time.Duration.ofSeconds(42)));
	}

	@Test
	void throttleGaugesCoverConfiguredAndDeclaredThrottles() {
		this.runner.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("qless.throttles.api.maximum=5")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new org.springframework.core.env.MapPropertySource("queue-throttle",
						java.util.Map.of("qless.throttles[ql:q:emails].maximum", "2"))))
			.run((context) -> {
				context.getBean(PutDefaults.class).declare("Send", "emails", List.of("db", "tenant-#{payload}"));
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				assertThat(registry.find(QlessThrottleMetrics.LOCKS).gauges()).extracting((gauge) -> gauge.getId()
					.getTag("throttle")).containsExactlyInAnyOrder("api", "ql:q:emails");
				assertThat(ReflectionTestUtils.getField(context.getBean(QlessThrottleMetrics.class), "throttles"))
					.satisfies((supplier) -> assertThat(((java.util.function.Supplier<?>) supplier).get())
						.isEqualTo(java.util.Set.of("api", "ql:q:emails", "db")));
			});
	}

	@Test
	void offWithoutARegistry() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(QlessJobMetrics.class)
			.doesNotHaveBean(QlessQueueMetrics.class)
			.doesNotHaveBean(QlessThrottleMetrics.class));
	}

	@Test
	void offWhenDisabled() {
		this.runner.withUserConfiguration(RegistryConfiguration.class)
			.withPropertyValues("qless.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(QlessJobMetrics.class)
				.doesNotHaveBean(QlessQueueMetrics.class));
	}

	@Test
	void offWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).doesNotHaveBean(QlessJobMetrics.class));
	}

	@Test
	void userBeansWin() {
		this.runner.withUserConfiguration(RegistryConfiguration.class, UserMetricsConfiguration.class)
			.run((context) -> assertThat(context.getBean(QlessJobMetrics.class)).isSameAs(context.getBean("myMetrics")));
	}

	@Configuration(proxyBeanMethods = false)
	static class RegistryConfiguration {

		@Bean
		SimpleMeterRegistry meterRegistry() {
			return new SimpleMeterRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		@Bean
		QlessJobMetrics myMetrics() {
			return new QlessJobMetrics();
		}

	}

}
