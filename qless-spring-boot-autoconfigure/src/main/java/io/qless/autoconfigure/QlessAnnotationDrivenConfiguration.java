package io.qless.autoconfigure;

import java.time.Clock;
import java.util.concurrent.Executor;

import io.micrometer.observation.ObservationRegistry;
import io.qless.annotation.QlessListenerAnnotationBeanPostProcessor;
import io.qless.annotation.QueueHandler;
import io.qless.core.QlessOperations;
import io.qless.core.QlessPayloadConverter;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.listener.CompositeJobObserver;
import io.qless.listener.DefaultQlessListenerContainerFactory;
import io.qless.listener.JobObserver;
import io.qless.listener.QlessErrorHandler;
import io.qless.listener.QlessJobInterceptor;
import io.qless.listener.QlessJobObservationConvention;
import io.qless.listener.QlessListenerEndpointRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * {@code @QueueHandler} support: the annotation post-processor, the endpoint registry and
 * the default container factory.
 */
@Configuration(proxyBeanMethods = false)
class QlessAnnotationDrivenConfiguration {

	/**
	 * Name of the executor handlers run on: auto-configured with virtual threads when
	 * {@code spring.threads.virtual.enabled=true}; define a bean of this name to choose
	 * another.
	 */
	static final String LISTENER_TASK_EXECUTOR = "qlessListenerTaskExecutor";

	@Bean(QlessListenerAnnotationBeanPostProcessor.BEAN_NAME)
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(name = QlessListenerAnnotationBeanPostProcessor.BEAN_NAME)
	static QlessListenerAnnotationBeanPostProcessor qlessListenerAnnotationBeanPostProcessor() {
		return new QlessListenerAnnotationBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	QlessListenerEndpointRegistry qlessListenerEndpointRegistry() {
		return new QlessListenerEndpointRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	QlessListenerContainerFactoryConfigurer qlessListenerContainerFactoryConfigurer(QlessProperties properties,
			ObjectProvider<QlessEventSubscriber> eventSubscriber, ObjectProvider<JobObserver> observers,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<QlessJobObservationConvention> observationConvention,
			ObjectProvider<QlessErrorHandler> errorHandler, ObjectProvider<QlessJobInterceptor> interceptors,
			QlessPayloadConverter payloadConverter,
			@Qualifier(LISTENER_TASK_EXECUTOR) ObjectProvider<Executor> taskExecutor,
			@Qualifier(QlessAutoConfiguration.CLOCK_BEAN_NAME) ObjectProvider<Clock> clock) {
		return new QlessListenerContainerFactoryConfigurer(properties, eventSubscriber.getIfUnique(),
				CompositeJobObserver.of(observers.orderedStream().toList()),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique(),
				errorHandler.getIfUnique(), interceptors.orderedStream().toList(), payloadConverter,
				taskExecutor.getIfAvailable(), QlessAutoConfiguration.clock(clock));
	}

	@Bean(LISTENER_TASK_EXECUTOR)
	@ConditionalOnMissingBean(name = LISTENER_TASK_EXECUTOR)
	@ConditionalOnThreading(Threading.VIRTUAL)
	SimpleAsyncTaskExecutor qlessListenerTaskExecutor() {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("qless-");
		executor.setVirtualThreads(true);
		return executor;
	}

	@Bean(QueueHandler.DEFAULT_CONTAINER_FACTORY)
	@ConditionalOnMissingBean(name = QueueHandler.DEFAULT_CONTAINER_FACTORY)
	@ConditionalOnSingleCandidate(QlessOperations.class)
	DefaultQlessListenerContainerFactory qlessListenerContainerFactory(QlessOperations qless,
			QlessPayloadConverter payloadConverter, QlessListenerContainerFactoryConfigurer configurer,
			ObjectProvider<QlessListenerContainerFactoryCustomizer> customizers) {
		DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(qless,
				payloadConverter);
		configurer.configure(factory);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
		return factory;
	}

}
