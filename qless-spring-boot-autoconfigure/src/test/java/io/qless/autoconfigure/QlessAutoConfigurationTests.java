package io.qless.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import io.qless.annotation.QlessListenerAnnotationBeanPostProcessor;
import io.qless.annotation.QueueHandler;
import io.qless.core.JacksonPayloadConverter;
import io.qless.core.QlessOperations;
import io.qless.core.QlessPayloadConverter;
import io.qless.core.QlessTemplate;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.listener.CompositeJobObserver;
import io.qless.listener.DefaultQlessErrorHandler;
import io.qless.listener.DefaultQlessJobObservationConvention;
import io.qless.listener.DefaultQlessListenerContainerFactory;
import io.qless.listener.ErrorDecision;
import io.qless.listener.JobObserver;
import io.qless.listener.QlessErrorHandler;
import io.qless.listener.QlessJobInterceptor;
import io.qless.listener.QlessJobObservationConvention;
import io.qless.listener.QlessListenerEndpointRegistry;
import io.qless.producer.PutDefaults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QlessAutoConfiguration}. Nothing here talks to Redis: Lettuce connects
 * lazily and no handler is registered.
 */
@ExtendWith(OutputCaptureExtension.class)
class QlessAutoConfigurationTests {

	// Port 1: refused at once if anything ever tries to connect.
	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
				QlessAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1");

	@Test
	void defaults() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(QlessTemplate.class)
				.hasSingleBean(QlessEventSubscriber.class)
				.hasSingleBean(QlessListenerEndpointRegistry.class)
				.hasSingleBean(QlessListenerContainerFactoryConfigurer.class)
				.hasSingleBean(QlessServerConfigWriter.class)
				.hasBean(QlessListenerAnnotationBeanPostProcessor.BEAN_NAME)
				.hasBean(QueueHandler.DEFAULT_CONTAINER_FACTORY)
				.hasBean(QlessEventsConfiguration.CONTAINER_BEAN_NAME);
			assertThat(context.getBean(QlessTemplate.class).getJsonMapper()).isSameAs(context.getBean(JsonMapper.class));
			assertThat(context.getBean(QlessTemplate.class).isAfterCommitPuts()).isTrue();
			DefaultQlessListenerContainerFactory factory = context.getBean(DefaultQlessListenerContainerFactory.class);
			assertThat(factory.getBatchSize()).isEqualTo(64);
			assertThat(ReflectionTestUtils.getField(factory, "eventSubscriber"))
				.isSameAs(context.getBean(QlessEventSubscriber.class));
			assertThat(ReflectionTestUtils.getField(factory, "observer")).isSameAs(JobObserver.NONE);
			assertThat(factory.getWorkerName()).as("puts and pops under one worker name")
				.isEqualTo(context.getBean(QlessTemplate.class).workerName())
				.matches(".+-\\d+-[0-9a-f]{8}");
		});
	}

	@Test
	void logsWhichRedisItUses(CapturedOutput output) {
		this.runner.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1/3", "qless.worker-name=w9")
			.run((context) -> assertThat(output)
				.contains("qless: using Redis at 127.0.0.1:1 (database 3) with the qless dialect, as worker w9"));
	}

	@Test
	void listenerPropertiesBind() {
		this.runner
			.withPropertyValues("qless.worker-name=w1", "qless.timeout=2s", "qless.after-commit-puts=false", "qless.listener.concurrency=4", "qless.listener.batch-size=3",
					"qless.listener.idle-poll-interval=250ms", "qless.listener.wake-up=false",
					"qless.listener.shutdown-timeout=7s", "qless.listener.auto-startup=false",
					"qless.listener.handler-timeout=90s", "qless.listener.back-off.initial=2s",
					"qless.listener.back-off.multiplier=3", "qless.listener.back-off.max=1m",
					"qless.listener.non-retryable=java.lang.IllegalArgumentException,java.lang.IllegalStateException")
			.run((context) -> {
				assertThat(context.getBean(QlessTemplate.class).workerName()).isEqualTo("w1");
				assertThat(context.getBean(QlessTemplate.class).getTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(context.getBean(QlessTemplate.class).isAfterCommitPuts()).isFalse();
				DefaultQlessListenerContainerFactory factory = context
					.getBean(DefaultQlessListenerContainerFactory.class);
				assertThat(factory.getWorkerName()).isEqualTo("w1");
				assertThat(factory.getBatchSize()).isEqualTo(3);
				assertThat(factory).hasFieldOrPropertyWithValue("concurrency", 4)
					.hasFieldOrPropertyWithValue("idlePollInterval", Duration.ofMillis(250))
					.hasFieldOrPropertyWithValue("wakeUp", false)
					.hasFieldOrPropertyWithValue("shutdownTimeout", Duration.ofSeconds(7))
					.hasFieldOrPropertyWithValue("autoStartup", false)
					.hasFieldOrPropertyWithValue("handlerTimeout", Duration.ofSeconds(90))
					.hasFieldOrPropertyWithValue("taskExecutor", null);
				assertThat(factory.getErrorHandler()).isInstanceOfSatisfying(DefaultQlessErrorHandler.class,
						(errors) -> {
							assertThat(errors.getBackOff()).isEqualTo(
									new io.qless.listener.RetryBackOff(Duration.ofSeconds(2), 3.0, Duration.ofMinutes(1)));
							assertThat(errors.getNonRetryable()).contains(IllegalArgumentException.class,
									IllegalStateException.class);
						});
			});
	}

	@Test
	void serverPropertiesBind() {
		this.runner
			.withPropertyValues("qless.server.write-on-startup=false", "qless.server.heartbeat=2m",
					"qless.server.queue-heartbeat.slow=10m", "qless.server.max-concurrency.emails=3",
					"qless.server.jobs-history=3d", "qless.server.jobs-history-count=100",
					"qless.server.max-job-history=20", "qless.server.grace-period=15s",
					"qless.server.stats-history=14", "qless.server.histogram-history=3",
					"qless.server.max-worker-age=12h")
			.run((context) -> assertThat(context.getBean(QlessServerConfigWriter.class).wantedOptions())
				.containsExactly(entry("heartbeat", "120"), entry("slow-heartbeat", "600"),
						entry("emails-max-concurrency", "3"), entry("jobs-history", "259200"),
						entry("jobs-history-count", "100"), entry("max-job-history", "20"),
						entry("grace-period", "15"), entry("stats-history", "14"), entry("histogram-history", "3"),
						entry("max-worker-age", "43200")));
	}

	@Test
	void throttlePropertiesBindAndTheRegistryCustomizesPuts() {
		this.runner
			.withPropertyValues("qless.throttles.api.maximum=5", "qless.throttles.api.expiry=10m")
			// a key with colons, as "[ql\\:q\\:emails]" in a .properties file
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new org.springframework.core.env.MapPropertySource("queue-throttle",
						java.util.Map.of("qless.throttles[ql:q:emails].maximum", "2"))))
			.run((context) -> {
				QlessProperties properties = context.getBean(QlessProperties.class);
				assertThat(properties.getThrottles()).containsOnlyKeys("api", "ql:q:emails");
				assertThat(properties.getThrottles().get("api").getMaximum()).isEqualTo(5);
				assertThat(properties.getThrottles().get("api").getExpiry()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.getThrottles().get("ql:q:emails").getExpiry()).isNull();
				PutDefaults registry = context.getBean(PutDefaults.class);
				assertThat(registry.knownThrottles()).containsExactlyInAnyOrder("api", "ql:q:emails");
				assertThat(ReflectionTestUtils.getField(context.getBean(QlessTemplate.class), "putRequestCustomizers"))
					.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
					.containsExactly(registry);
				assertThat(ReflectionTestUtils.getField(context.getBean(QlessServerConfigWriter.class), "throttles"))
					.isSameAs(properties.getThrottles());
			});
	}

	@Test
	void customizersApply() {
		this.runner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
			assertThat(context.getBean(QlessTemplate.class).workerName()).isEqualTo("customized");
			assertThat(context.getBean(DefaultQlessListenerContainerFactory.class).getBatchSize()).isEqualTo(42);
		});
	}

	@Test
	void observersAndObservationRegistryAreWired() {
		this.runner.withUserConfiguration(ObserverConfiguration.class).run((context) -> {
			DefaultQlessListenerContainerFactory factory = context.getBean(DefaultQlessListenerContainerFactory.class);
			assertThat(ReflectionTestUtils.getField(factory, "observer")).isInstanceOf(CompositeJobObserver.class);
			assertThat(ReflectionTestUtils.getField(factory, "observationRegistry"))
				.isSameAs(context.getBean(ObservationRegistry.class));
		});
	}

	@Test
	void applicationStrategiesReachTheFactory() {
		this.runner.withUserConfiguration(StrategiesConfiguration.class).run((context) -> {
			DefaultQlessListenerContainerFactory factory = context.getBean(DefaultQlessListenerContainerFactory.class);
			assertThat(factory.getErrorHandler()).isSameAs(context.getBean(QlessErrorHandler.class));
			assertThat(ReflectionTestUtils.getField(factory, "interceptors"))
				.isEqualTo(List.of(context.getBean("first"), context.getBean("second")));
			assertThat(ReflectionTestUtils.getField(factory, "observationConvention"))
				.isSameAs(context.getBean(QlessJobObservationConvention.class));
			assertThat(ReflectionTestUtils.getField(factory, "payloadConverter"))
				.isSameAs(context.getBean(QlessPayloadConverter.class))
				.isSameAs(context.getBean(QlessTemplate.class).getPayloadConverter());
		});
	}

	@Test
	void handlersRunOnPlatformThreadsOfTheContainerByDefault() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(QlessAnnotationDrivenConfiguration.LISTENER_TASK_EXECUTOR);
			assertThat(ReflectionTestUtils.getField(context.getBean(DefaultQlessListenerContainerFactory.class),
					"taskExecutor"))
				.isNull();
		});
	}

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void handlersRunOnVirtualThreadsWhenSpringSaysSo() {
		this.runner.withPropertyValues("spring.threads.virtual.enabled=true").run((context) -> {
			Object executor = context.getBean(QlessAnnotationDrivenConfiguration.LISTENER_TASK_EXECUTOR);
			assertThat(executor).isInstanceOf(SimpleAsyncTaskExecutor.class);
			assertThat(ReflectionTestUtils.getField(context.getBean(DefaultQlessListenerContainerFactory.class),
					"taskExecutor"))
				.isSameAs(executor);
		});
	}

	@Test
	void userBeansWin() {
		this.runner.withUserConfiguration(UserBeansConfiguration.class).run((context) -> {
			assertThat(context).hasSingleBean(QlessOperations.class)
				.hasBean(QlessEventsConfiguration.CONTAINER_BEAN_NAME)
				.hasSingleBean(QlessListenerEndpointRegistry.class);
			// qless's own listener container does not compete with the application's by type
			assertThat(context.getBeanProvider(RedisMessageListenerContainer.class).getIfUnique())
				.isSameAs(context.getBean("myContainer"));
			assertThat(context.getBean(QlessOperations.class)).isSameAs(context.getBean("myQless"));
			assertThat(context.getBean(QueueHandler.DEFAULT_CONTAINER_FACTORY))
				.isInstanceOf(DefaultQlessListenerContainerFactory.class);
			assertThat(context.getBean(QueueHandler.DEFAULT_CONTAINER_FACTORY, DefaultQlessListenerContainerFactory.class)
				.getBatchSize()).isEqualTo(99);
			assertThat(context.getBean(QlessListenerEndpointRegistry.class)).isSameAs(context.getBean("myRegistry"));
			RedisMessageListenerContainer ours = context.getBean(QlessEventsConfiguration.CONTAINER_BEAN_NAME,
					RedisMessageListenerContainer.class);
			assertThat(ReflectionTestUtils.getField(context.getBean(QlessEventSubscriber.class), "container"))
				.isSameAs(ours);
			assertThat(ReflectionTestUtils.getField(ours, "taskExecutor")).isInstanceOf(SyncTaskExecutor.class);
		});
	}

	@Test
	void configurerBuildsASecondFactory() {
		this.runner.withUserConfiguration(SecondFactoryConfiguration.class)
			.withPropertyValues("qless.listener.batch-size=7")
			.run((context) -> {
				assertThat(context).hasBean(QueueHandler.DEFAULT_CONTAINER_FACTORY).hasBean("bulkFactory");
				assertThat(context.getBean("bulkFactory", DefaultQlessListenerContainerFactory.class).getBatchSize())
					.isEqualTo(7);
			});
	}

	@Test
	void backsOffWithoutRedisConnectionFactory() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(QlessAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(QlessOperations.class)
				.doesNotHaveBean(QlessProperties.class));
	}

	@Test
	void backsOffWithoutSpringDataRedis() {
		this.runner.withClassLoader(new FilteredClassLoader(RedisConnectionFactory.class))
			.run((context) -> assertThat(context).doesNotHaveBean(QlessOperations.class));
	}

	@Test
	void usesAPlainMapperWithoutJacksonAutoConfiguration() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, QlessAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1")
			.run((context) -> assertThat(context).hasSingleBean(QlessTemplate.class).doesNotHaveBean(JsonMapper.class));
	}

	@Test
	void templateAndContainersUseTheSystemClockByDefault() {
		this.runner.run((context) -> {
			assertThat(ReflectionTestUtils.getField(context.getBean(QlessTemplate.class), "clock"))
				.isEqualTo(Clock.systemUTC());
			assertThat(ReflectionTestUtils.getField(context.getBean(DefaultQlessListenerContainerFactory.class), "clock"))
				.isEqualTo(Clock.systemUTC());
		});
	}

	@Test
	void templateAndContainersUseTheQlessClockBean() {
		this.runner.withUserConfiguration(ClockConfiguration.class).run((context) -> {
			Clock clock = context.getBean(QlessAutoConfiguration.CLOCK_BEAN_NAME, Clock.class);
			assertThat(ReflectionTestUtils.getField(context.getBean(QlessTemplate.class), "clock")).isSameAs(clock);
			assertThat(ReflectionTestUtils.getField(context.getBean(DefaultQlessListenerContainerFactory.class), "clock"))
				.isSameAs(clock);
		});
	}

	@Test
	void clockBeanOfAnotherNameIsNotUsed() {
		this.runner.withBean("applicationClock", Clock.class, () -> Clock.fixed(Instant.EPOCH, ZoneOffset.UTC))
			.run((context) -> {
				assertThat(ReflectionTestUtils.getField(context.getBean(QlessTemplate.class), "clock"))
					.isEqualTo(Clock.systemUTC());
				assertThat(ReflectionTestUtils.getField(context.getBean(DefaultQlessListenerContainerFactory.class),
						"clock"))
					.isEqualTo(Clock.systemUTC());
			});
	}

	private static java.util.Map.Entry<String, String> entry(String key, String value) {
		return java.util.Map.entry(key, value);
	}

	@Configuration(proxyBeanMethods = false)
	static class ClockConfiguration {

		@Bean
		Clock applicationClock() {
			return Clock.systemDefaultZone();
		}

		@Bean(QlessAutoConfiguration.CLOCK_BEAN_NAME)
		Clock qlessClock() {
			return Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class StrategiesConfiguration {

		@Bean
		QlessErrorHandler myErrorHandler() {
			return (attempt) -> ErrorDecision.fail("mine", "no retries here");
		}

		@Bean
		@Order(2)
		QlessJobInterceptor second() {
			return (job, chain) -> chain.proceed();
		}

		@Bean
		@Order(1)
		QlessJobInterceptor first() {
			return (job, chain) -> chain.proceed();
		}

		@Bean
		QlessJobObservationConvention myConvention() {
			return new DefaultQlessJobObservationConvention() {
			};
		}

		@Bean
		QlessPayloadConverter myPayloadConverter() {
			return new JacksonPayloadConverter(JsonMapper.builder().build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CustomizerConfiguration {

		@Bean
		QlessTemplateCustomizer templateCustomizer() {
			return (template) -> template.setWorkerName("customized");
		}

		@Bean
		QlessListenerContainerFactoryCustomizer factoryCustomizer() {
			return (factory) -> factory.setBatchSize(42);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ObserverConfiguration {

		@Bean
		JobObserver firstObserver() {
			return new JobObserver() {
			};
		}

		@Bean
		JobObserver secondObserver() {
			return new JobObserver() {
			};
		}

		@Bean
		ObservationRegistry observationRegistry() {
			return ObservationRegistry.create();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeansConfiguration {

		@Bean
		QlessTemplate myQless(RedisConnectionFactory connectionFactory) {
			return new QlessTemplate(connectionFactory, JsonMapper.builder().build());
		}

		@Bean
		RedisMessageListenerContainer myContainer(RedisConnectionFactory connectionFactory) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connectionFactory);
			return container;
		}

		@Bean(QueueHandler.DEFAULT_CONTAINER_FACTORY)
		DefaultQlessListenerContainerFactory myFactory(QlessOperations qless) {
			DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(qless,
					JsonMapper.builder().build());
			factory.setBatchSize(99);
			return factory;
		}

		@Bean
		QlessListenerEndpointRegistry myRegistry() {
			return new QlessListenerEndpointRegistry();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondFactoryConfiguration {

		@Bean
		DefaultQlessListenerContainerFactory bulkFactory(QlessOperations qless,
				QlessListenerContainerFactoryConfigurer configurer) {
			DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(qless,
					JsonMapper.builder().build());
			configurer.configure(factory);
			return factory;
		}

	}

}
