package io.qless.autoconfigure;

import io.qless.core.QlessShards;
import io.qless.core.event.QlessApplicationEventBridge;
import io.qless.core.event.QlessEventSubscriber;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * The qless pub/sub events: a {@link RedisMessageListenerContainer} of qless's own, the
 * {@link QlessEventSubscriber} on it, and, with {@code qless.events.application-events=true},
 * a bridge that publishes every qless event as a Spring application event.
 * <p>
 * The container is qless's own, whatever else the application has (Boot's
 * {@code redisMessageListenerContainer}, for one), because it hands each message to the
 * listeners on the thread that received it: qless publishes several events per job, and a
 * container that gives each message to a task executor (Boot's starts a thread per message
 * unless virtual threads are on) would cost more than the jobs. It is not a default
 * candidate for injection by type, so the application's own container is unaffected.
 */
@Configuration(proxyBeanMethods = false)
class QlessEventsConfiguration {

	/** Name of qless's message listener container. */
	static final String CONTAINER_BEAN_NAME = "qlessMessageListenerContainer";

	@Bean(name = CONTAINER_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = CONTAINER_BEAN_NAME)
	RedisMessageListenerContainer qlessMessageListenerContainer(RedisConnectionFactory connectionFactory) {
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(connectionFactory);
		container.setTaskExecutor(new SyncTaskExecutor());
		return container;
	}

	@Bean
	@ConditionalOnMissingBean
	QlessEventSubscriber qlessEventSubscriber(
			@Qualifier(CONTAINER_BEAN_NAME) RedisMessageListenerContainer container,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<QlessShards> shards) {
		QlessEventSubscriber subscriber = new QlessEventSubscriber(container, QlessJsonMappers.resolve(jsonMapper));
		subscriber.setShards(shards.getIfAvailable(QlessShards::single));
		return subscriber;
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
