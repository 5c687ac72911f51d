package io.qless.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import io.qless.annotation.QlessListenerAnnotationBeanPostProcessor;
import io.qless.annotation.QueueHandler;
import io.qless.core.QlessOperations;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.listener.CompositeJobObserver;
import io.qless.listener.DefaultQlessListenerContainerFactory;
import io.qless.listener.JobObserver;
import io.qless.listener.QlessListenerEndpointRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * {@code @QueueHandler} support: the annotation post-processor, the endpoint registry and
 * the default container factory.
 */
@Configuration(proxyBeanMethods = false)
class QlessAnnotationDrivenConfiguration {

	@Bean(QlessListenerAnnotationBeanPostProcessor.BEAN_NAME)
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(name = QlessListenerAnnotationBeanPostProcessor.BEAN_NAME)
	static QlessListenerAnnotationBeanPostProcessor qlessListenerAnnotationBeanPostProcessor() {
		return new QlessListenerAnnotationBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	QlessListenerEndpointRegistry qlessListenerEndpointRegistry(QlessProperties properties) {
		return new QlessListenerEndpointRegistry(properties.getListener().getShutdownTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	QlessListenerContainerFactoryConfigurer qlessListenerContainerFactoryConfigurer(QlessProperties properties,
			ObjectProvider<QlessEventSubscriber> eventSubscriber, ObjectProvider<JobObserver> observers,
			ObjectProvider<ObservationRegistry> observationRegistry) {
		return new QlessListenerContainerFactoryConfigurer(properties, eventSubscriber.getIfUnique(),
				CompositeJobObserver.of(observers.orderedStream().toList()),
				observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP));
	}

	@Bean(QueueHandler.DEFAULT_CONTAINER_FACTORY)
	@ConditionalOnMissingBean(name = QueueHandler.DEFAULT_CONTAINER_FACTORY)
	@ConditionalOnSingleCandidate(QlessOperations.class)
	DefaultQlessListenerContainerFactory qlessListenerContainerFactory(QlessOperations qless,
			ObjectProvider<JsonMapper> jsonMapper, QlessListenerContainerFactoryConfigurer configurer,
			ObjectProvider<QlessListenerContainerFactoryCustomizer> customizers) {
		DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(qless,
				QlessJsonMappers.resolve(jsonMapper));
		configurer.configure(factory);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(factory));
		return factory;
	}

}
