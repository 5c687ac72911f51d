package io.qless.autoconfigure;

import io.qless.core.event.QlessApplicationEventBridge;
import io.qless.core.event.QlessEventSubscriber;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The qless pub/sub events: the application's {@link RedisMessageListenerContainer} if it
 * has one, else one of our own, the {@link QlessEventSubscriber} on it, and, with
 * {@code qless.events.application-events=true}, a bridge that publishes every qless event as
 * a Spring application event.
 */
@Configuration(proxyBeanMethods = false)
class QlessEventsConfiguration {

	/** Name of the message listener container created when the application has none. */
	static final String CONTAINER_BEAN_NAME = "qlessRedisMessageListenerContainer";

	@Bean(CONTAINER_BEAN_NAME)
	@ConditionalOnMissingBean(RedisMessageListenerContainer.class)
	RedisMessageListenerContainer qlessRedisMessageListenerContainer(RedisConnectionFactory connectionFactory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		return container;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnSingleCandidate(RedisMessageListenerContainer.class)
	QlessEventSubscriber qlessEventSubscriber(RedisMessageListenerContainer container,
			ObjectProvider<JsonMapper> jsonMapper) {
		return new QlessEventSubscriber(container, QlessJsonMappers.resolve(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(QlessEventSubscriber.class)
	@ConditionalOnBooleanProperty("qless.events.application-events")
	QlessApplicationEventBridge qlessApplicationEventBridge(QlessEventSubscriber subscriber,
			ApplicationEventPublisher publisher) {
		return new QlessApplicationEventBridge(subscriber, publisher);
	}

}
