package io.qless.test.autoconfigure;

import io.qless.core.QlessOperations;
import io.qless.listener.QlessListenerEndpointRegistry;
import io.qless.test.jobs.InlineJobRunner;
import io.qless.test.jobs.InlineQlessOperations;
import io.qless.test.jobs.JobRecorder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * The inline mode ({@code qless.test.inline=true}), for tests only: the containers hand
 * each job to an {@link InlineJobRunner} (it takes the place of the
 * {@value #LISTENER_TASK_EXECUTOR} the qless auto-configuration gives the containers), and
 * the qless client is wrapped in an {@link InlineQlessOperations} whose puts wait for
 * their jobs and run them on the calling thread.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("qless.test.inline")
class QlessInlineConfiguration {

	/** Name of the executor the qless auto-configuration gives the listener containers. */
	static final String LISTENER_TASK_EXECUTOR = "qlessListenerTaskExecutor";

	@Bean(LISTENER_TASK_EXECUTOR)
	InlineJobRunner qlessListenerTaskExecutor() {
		return new InlineJobRunner();
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static InlineOperationsPostProcessor qlessInlineOperationsPostProcessor(ObjectProvider<InlineJobRunner> runner,
			ObjectProvider<JobRecorder> recorder, ObjectProvider<QlessListenerEndpointRegistry> registry,
			ObjectProvider<QlessTestProperties> properties) {
		return new InlineOperationsPostProcessor(runner, recorder, registry, properties);
	}

	/**
	 * Wraps the qless client in an {@link InlineQlessOperations}.
	 */
	static final class InlineOperationsPostProcessor implements BeanPostProcessor {

		private final ObjectProvider<InlineJobRunner> runner;

		private final ObjectProvider<JobRecorder> recorder;

		private final ObjectProvider<QlessListenerEndpointRegistry> registry;

		private final ObjectProvider<QlessTestProperties> properties;

		InlineOperationsPostProcessor(ObjectProvider<InlineJobRunner> runner, ObjectProvider<JobRecorder> recorder,
				ObjectProvider<QlessListenerEndpointRegistry> registry, ObjectProvider<QlessTestProperties> properties) {
			this.runner = runner;
			this.recorder = recorder;
			this.registry = registry;
			this.properties = properties;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof QlessOperations qless && !(bean instanceof InlineQlessOperations)) {
				return new InlineQlessOperations(qless, this.runner.getObject(), this.recorder.getObject(),
						this.registry::getObject, this.properties.getObject().getTimeout());
			}
			return bean;
		}

	}

}
