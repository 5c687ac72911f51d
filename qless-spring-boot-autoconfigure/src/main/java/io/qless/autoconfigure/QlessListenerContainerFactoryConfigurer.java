package io.qless.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.listener.DefaultQlessListenerContainerFactory;
import io.qless.listener.JobObserver;
import io.qless.listener.RetryBackOff;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Applies the {@code qless.listener.*} properties, the event subscriber, the job observer
 * and the observation registry to a {@link DefaultQlessListenerContainerFactory}. Use it to
 * build a second factory (named in {@code @QueueHandler(containerFactory = ...)}) that
 * starts from the same defaults as the auto-configured one.
 */
public final class QlessListenerContainerFactoryConfigurer {

	private final QlessProperties properties;

	private final @Nullable QlessEventSubscriber eventSubscriber;

	private final JobObserver observer;

	private final ObservationRegistry observationRegistry;

	QlessListenerContainerFactoryConfigurer(QlessProperties properties, @Nullable QlessEventSubscriber eventSubscriber,
			JobObserver observer, ObservationRegistry observationRegistry) {
		this.properties = properties;
		this.eventSubscriber = eventSubscriber;
		this.observer = observer;
		this.observationRegistry = observationRegistry;
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
		factory.setAutoStartup(listener.isAutoStartup());
		factory.setVirtualThreads(listener.isVirtualThreads());
		QlessProperties.BackOff backOff = listener.getBackOff();
		factory.setBackOff(new RetryBackOff(backOff.getInitial(), backOff.getMultiplier(), backOff.getMax()));
		factory.setNonRetryable(listener.getNonRetryable());
		factory.setEventSubscriber(this.eventSubscriber);
		factory.setObserver(this.observer);
		factory.setObservationRegistry(this.observationRegistry);
	}

}
