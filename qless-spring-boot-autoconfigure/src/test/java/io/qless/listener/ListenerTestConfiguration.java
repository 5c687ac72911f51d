package io.qless.listener;

import java.time.Duration;
import java.util.List;

import io.qless.annotation.QlessListenerAnnotationBeanPostProcessor;
import io.qless.core.QlessTemplate;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.producer.PutDefaults;
import io.qless.test.TestRedis;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The listener infrastructure wired by hand, as the auto-configuration will wire it, on
 * the test Redis.
 */
@Configuration(proxyBeanMethods = false)
class ListenerTestConfiguration {

	static final String WORKER = "test-worker";

	@Bean
	static QlessListenerAnnotationBeanPostProcessor qlessListenerAnnotationBeanPostProcessor() {
		return new QlessListenerAnnotationBeanPostProcessor();
	}

	@Bean
	LettuceConnectionFactory redisConnectionFactory() {
		TestRedis redis = TestRedis.shared();
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
		configuration.setDatabase(redis.database());
		return new LettuceConnectionFactory(configuration);
	}

	@Bean
	JsonMapper jsonMapper() {
		return JsonMapper.builder().build();
	}

	@Bean
	PutDefaults putDefaults(JsonMapper jsonMapper) {
		return new PutDefaults(jsonMapper);
	}

	@Bean
	QlessTemplate qlessTemplate(LettuceConnectionFactory connectionFactory, JsonMapper jsonMapper,
			PutDefaults putDefaults) {
		QlessTemplate template = new QlessTemplate(connectionFactory, jsonMapper);
		template.addPutRequestCustomizer(putDefaults);
		return template;
	}

	@Bean
	RedisMessageListenerContainer redisMessageListenerContainer(LettuceConnectionFactory connectionFactory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.setTaskExecutor(new SyncTaskExecutor());
		return container;
	}

	@Bean
	QlessEventSubscriber qlessEventSubscriber(RedisMessageListenerContainer container, JsonMapper jsonMapper) {
		return new QlessEventSubscriber(container, jsonMapper);
	}

	@Bean
	DefaultQlessListenerContainerFactory qlessListenerContainerFactory(QlessTemplate qless, JsonMapper jsonMapper,
			QlessEventSubscriber events, ObjectProvider<JobObserver> observer) {
		DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(qless, jsonMapper);
		factory.setWorkerName(WORKER);
		factory.setIdlePollInterval(Duration.ofMillis(200));
		factory.setShutdownTimeout(Duration.ofSeconds(5));
		factory.setErrorHandler(new DefaultQlessErrorHandler(RetryBackOff.fixed(Duration.ofMillis(300)),
				List.of(IllegalArgumentException.class)));
		factory.setEventSubscriber(events);
		observer.ifAvailable(factory::setObserver);
		return factory;
	}

	@Bean
	QlessListenerEndpointRegistry qlessListenerEndpointRegistry() {
		return new QlessListenerEndpointRegistry();
	}

}
