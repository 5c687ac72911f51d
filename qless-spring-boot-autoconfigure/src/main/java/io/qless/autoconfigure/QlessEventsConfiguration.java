package io.qless.autoconfigure;

import io.qless.core.event.QlessEventSubscriber;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The qless pub/sub events: the application's {@link RedisMessageListenerContainer} if it
 * has one, else one of our own, and the {@link QlessEventSubscriber} on it.
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

}
