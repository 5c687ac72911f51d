package io.qless.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;

import io.micrometer.observation.ObservationRegistry;
import io.qless.core.QlessPayloadConverter;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.listener.DefaultQlessErrorHandler;
import io.qless.listener.DefaultQlessListenerContainerFactory;
import io.qless.listener.JobObserver;
import io.qless.listener.QlessErrorHandler;
import io.qless.listener.QlessJobInterceptor;
import io.qless.listener.QlessJobObservationConvention;
import io.qless.listener.RetryBackOff;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Applies the {@code qless.listener.*} properties and the application's qless beans (error
 * handler, interceptors, payload converter, observation registry and convention, job
 * observers, the virtual-thread executor when {@code spring.threads.virtual.enabled=true},
 * the {@code qlessClock} when there is one) to a {@link DefaultQlessListenerContainerFactory}. Use it to build a second factory
 * (named in {@code @QueueHandler(containerFactory = ...)}) that starts from the same
 * defaults as the auto-configured one.
 */
public final class QlessListenerContainerFactoryConfigurer {

	private final QlessProperties properties;

	private final @Nullable QlessEventSubscriber eventSubscriber;

	private final JobObserver observer;

	private final ObservationRegistry observationRegistry;

	private final @Nullable QlessJobObservationConvention observationConvention;

	private final @Nullable QlessErrorHandler errorHandler;

	private final List<QlessJobInterceptor> interceptors;

	private final QlessPayloadConverter payloadConverter;

	private final @Nullable Executor taskExecutor;

	private final Clock clock;

	QlessListenerContainerFactoryConfigurer(QlessProperties properties, @Nullable QlessEventSubscriber eventSubscriber,
			JobObserver observer, ObservationRegistry observationRegistry,
			@Nullable QlessJobObservationConvention observationConvention, @Nullable QlessErrorHandler errorHandler,
			List<QlessJobInterceptor> interceptors, QlessPayloadConverter payloadConverter,
			@Nullable Executor taskExecutor, Clock clock) {
		this.properties = properties;
		this.eventSubscriber = eventSubscriber;
		this.observer = observer;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.errorHandler = errorHandler;
		this.interceptors = List.copyOf(interceptors);
		this.payloadConverter = payloadConverter;
		this.taskExecutor = taskExecutor;
		this.clock = clock;
	}

	/**
	 * Configure a factory with the auto-configured defaults.
	 * @param factory the factory to configure
	 */
	public void configure(DefaultQlessListenerContainerFactory factory) {
		Assert.notNull(factory, "'factory' must not be null");
		QlessProperties.Listener listener = this.properties.getListener();
		String workerName = this.properties.getWorkerName();
		if (workerName != null && !workerName.isBlank()) {
			factory.setWorkerName(workerName);
		}
		factory.setConcurrency(listener.getConcurrency());
		factory.setBatchSize(listener.getBatchSize());
		factory.setIdlePollInterval(listener.getIdlePollInterval());
		factory.setWakeUp(listener.isWakeUp());
		factory.setShutdownTimeout(listener.getShutdownTimeout());
		factory.setHandlerTimeout(listener.getHandlerTimeout());
		factory.setAutoStartup(listener.isAutoStartup());
		factory.setPayloadConverter(this.payloadConverter);
		factory.setErrorHandler((this.errorHandler != null) ? this.errorHandler : defaultErrorHandler(listener));
		factory.setInterceptors(this.interceptors);
		factory.setTaskExecutor(this.taskExecutor);
		factory.setEventSubscriber(this.eventSubscriber);
		factory.setObserver(this.observer);
		factory.setObservationRegistry(this.observationRegistry);
		factory.setObservationConvention(this.observationConvention);
		factory.setClock(this.clock);
	}

	private static QlessErrorHandler defaultErrorHandler(QlessProperties.Listener listener) {
		QlessProperties.BackOff backOff = listener.getBackOff();
		return new DefaultQlessErrorHandler(
				new RetryBackOff(backOff.getInitial(), backOff.getMultiplier(), backOff.getMax()),
				listener.getNonRetryable());
	}

}
