package io.qless.listener;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

import io.micrometer.observation.ObservationRegistry;
import io.qless.core.JacksonPayloadConverter;
import io.qless.core.QlessOperations;
import io.qless.core.QlessPayloadConverter;
import io.qless.core.event.QlessEventSubscriber;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Builds {@link QlessListenerContainer}s from defaults that each {@code @QueueHandler} may
 * override. When several handlers (for different klasses) share a queue, the queue's
 * container uses the largest concurrency any of them asks for, and starts automatically
 * unless one of them says otherwise. The defaults are {@link ContainerSettings}'
 * {@code DEFAULT_*} constants.
 */
public class DefaultQlessListenerContainerFactory implements QlessListenerContainerFactory {

	private final QlessOperations qless;

	private String workerName;

	private int concurrency = ContainerSettings.DEFAULT_CONCURRENCY;

	private int batchSize = ContainerSettings.DEFAULT_BATCH_SIZE;

	private Duration idlePollInterval = ContainerSettings.DEFAULT_IDLE_POLL_INTERVAL;

	private boolean wakeUp = ContainerSettings.DEFAULT_WAKE_UP;

	private Duration shutdownTimeout = ContainerSettings.DEFAULT_SHUTDOWN_TIMEOUT;

	private Duration handlerTimeout = ContainerSettings.DEFAULT_HANDLER_TIMEOUT;

	private boolean autoStartup = ContainerSettings.DEFAULT_AUTO_STARTUP;

	private QlessPayloadConverter payloadConverter;

	private QlessErrorHandler errorHandler = new DefaultQlessErrorHandler();

	private List<QlessJobInterceptor> interceptors = List.of();

	private @Nullable Executor taskExecutor;

	private @Nullable QlessEventSubscriber eventSubscriber;

	private JobObserver observer = JobObserver.NONE;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable QlessJobObservationConvention observationConvention;

	private Clock clock = Clock.systemUTC();

	/**
	 * Create a factory that reads payloads with {@code jsonMapper}.
	 * @param qless the qless client the containers use
	 * @param jsonMapper the mapper that converts job data to handler payloads
	 */
	public DefaultQlessListenerContainerFactory(QlessOperations qless, JsonMapper jsonMapper) {
		this(qless, new JacksonPayloadConverter(jsonMapper));
	}

	/**
	 * Create a factory.
	 * @param qless the qless client the containers use
	 * @param payloadConverter the converter of job data to handler payloads
	 */
	public DefaultQlessListenerContainerFactory(QlessOperations qless, QlessPayloadConverter payloadConverter) {
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(payloadConverter, "'payloadConverter' must not be null");
		this.qless = qless;
		this.payloadConverter = payloadConverter;
		this.workerName = qless.workerName();
	}

	@Override
	public QlessListenerContainer createContainer(String queue, List<QlessListenerEndpoint> endpoints) {
		Assert.notEmpty(endpoints, "'endpoints' must not be empty");
		int queueConcurrency = 0;
		boolean queueAutoStartup = this.autoStartup;
		for (QlessListenerEndpoint endpoint : endpoints) {
			HandlerOptions options = endpoint.options();
			queueConcurrency = Math.max(queueConcurrency,
					(options.concurrency() != null) ? options.concurrency() : this.concurrency);
			if (options.autoStartup() != null && !options.autoStartup()) {
				queueAutoStartup = false;
			}
		}
		ContainerSettings settings = new ContainerSettings(this.workerName, queueConcurrency, this.batchSize,
				this.idlePollInterval, this.wakeUp, this.shutdownTimeout, this.handlerTimeout, queueAutoStartup);
		QlessListenerContainer container = new QlessListenerContainer(queue, endpoints, this.qless, settings);
		container.setPayloadConverter(this.payloadConverter);
		container.setErrorHandler(this.errorHandler);
		container.setInterceptors(this.interceptors);
		container.setTaskExecutor(this.taskExecutor);
		container.setEventSubscriber(this.eventSubscriber);
		container.setObserver(this.observer);
		container.setObservationRegistry(this.observationRegistry);
		container.setObservationConvention(this.observationConvention);
		container.setClock(this.clock);
		container.validate();
		return container;
	}

	/**
	 * Set the worker name containers pop and heartbeat under; by default the client's
	 * ({@code hostname-pid-<short id>}), so that moving a job from a handler through the
	 * template does not look like another worker taking it.
	 * @param workerName the worker name
	 */
	public void setWorkerName(String workerName) {
		Assert.hasText(workerName, "'workerName' must not be empty");
		this.workerName = workerName;
	}

	/**
	 * Return the worker name containers pop and heartbeat under.
	 * @return the worker name
	 */
	public String getWorkerName() {
		return this.workerName;
	}

	/**
	 * Set the default number of jobs of a queue run at the same time.
	 * @param concurrency the concurrency, at least 1
	 */
	public void setConcurrency(int concurrency) {
		Assert.isTrue(concurrency > 0, "'concurrency' must be positive");
		this.concurrency = concurrency;
	}

	/**
	 * Set the most jobs one pop asks for.
	 * @param batchSize the batch size, at least 1
	 */
	public void setBatchSize(int batchSize) {
		Assert.isTrue(batchSize > 0, "'batchSize' must be positive");
		this.batchSize = batchSize;
	}

	/**
	 * Return the most jobs one pop asks for.
	 * @return the batch size
	 */
	public int getBatchSize() {
		return this.batchSize;
	}

	/**
	 * Set how long an idle container waits for a wake-up before polling anyway.
	 * @param idlePollInterval the interval
	 */
	public void setIdlePollInterval(Duration idlePollInterval) {
		Assert.isTrue(idlePollInterval != null && idlePollInterval.toMillis() > 0,
				"'idlePollInterval' must be positive");
		this.idlePollInterval = idlePollInterval;
	}

	/**
	 * Set whether idle containers pop at once when qless announces work in their queue.
	 * @param wakeUp whether to wake up on events
	 */
	public void setWakeUp(boolean wakeUp) {
		this.wakeUp = wakeUp;
	}

	/**
	 * Set how long stopping waits for running handlers.
	 * @param shutdownTimeout the timeout
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		Assert.isTrue(shutdownTimeout != null && !shutdownTimeout.isNegative(),
				"'shutdownTimeout' must not be negative");
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Set the longest a handler may run before its job is given up
	 * ({@link Duration#ZERO}, the default, for no limit); {@code @QueueHandler(timeout)}
	 * overrides it per handler.
	 * @param handlerTimeout the timeout
	 */
	public void setHandlerTimeout(Duration handlerTimeout) {
		Assert.isTrue(handlerTimeout != null && !handlerTimeout.isNegative(), "'handlerTimeout' must not be negative");
		this.handlerTimeout = handlerTimeout;
	}

	/**
	 * Set whether containers start with the application context.
	 * @param autoStartup whether to start automatically
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * Set the converter of job data to handler payloads.
	 * @param payloadConverter the converter
	 */
	public void setPayloadConverter(QlessPayloadConverter payloadConverter) {
		Assert.notNull(payloadConverter, "'payloadConverter' must not be null");
		this.payloadConverter = payloadConverter;
	}

	/**
	 * Set what becomes of jobs whose handler threw.
	 * @param errorHandler the error handler
	 */
	public void setErrorHandler(QlessErrorHandler errorHandler) {
		Assert.notNull(errorHandler, "'errorHandler' must not be null");
		this.errorHandler = errorHandler;
	}

	/**
	 * Return what becomes of jobs whose handler threw.
	 * @return the error handler
	 */
	public QlessErrorHandler getErrorHandler() {
		return this.errorHandler;
	}

	/**
	 * Set the interceptors run around each handler invocation, in order.
	 * @param interceptors the interceptors
	 */
	public void setInterceptors(List<QlessJobInterceptor> interceptors) {
		Assert.notNull(interceptors, "'interceptors' must not be null");
		this.interceptors = List.copyOf(interceptors);
	}

	/**
	 * Set the executor handlers run on, shared by the containers; by default each
	 * container runs a pool of {@code concurrency} platform threads of its own.
	 * @param taskExecutor the executor
	 */
	public void setTaskExecutor(@Nullable Executor taskExecutor) {
		this.taskExecutor = taskExecutor;
	}

	/**
	 * Set the subscriber containers use for wake-ups and lock-lost notices; without one
	 * they only poll and heartbeat.
	 * @param eventSubscriber the subscriber
	 */
	public void setEventSubscriber(@Nullable QlessEventSubscriber eventSubscriber) {
		this.eventSubscriber = eventSubscriber;
	}

	/**
	 * Set the observer told about each job's outcome.
	 * @param observer the observer
	 */
	public void setObserver(JobObserver observer) {
		Assert.notNull(observer, "'observer' must not be null");
		this.observer = observer;
	}

	/**
	 * Set the registry the containers report one observation per job to, so that tracing
	 * and timing work when the application has them.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Set the convention that names and tags the job observations.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable QlessJobObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Set the clock the containers check popped jobs' leases with.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

}
