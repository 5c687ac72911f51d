package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationRegistry;
import io.qless.core.QlessOperations;
import io.qless.core.event.QlessEventSubscriber;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Builds {@link QlessListenerContainer}s from defaults that each {@code @QueueHandler} may
 * override. When several handlers (for different klasses) share a queue, the queue's
 * container uses the largest concurrency any of them asks for, and starts automatically
 * unless one of them says otherwise.
 */
public class DefaultQlessListenerContainerFactory implements QlessListenerContainerFactory {

	private final QlessOperations qless;

	private final JsonMapper jsonMapper;

	private String workerName;

	private int concurrency = 1;

	private int batchSize = 32;

	private Duration idlePollInterval = Duration.ofSeconds(1);

	private boolean wakeUp = true;

	private Duration shutdownTimeout = Duration.ofSeconds(30);

	private boolean autoStartup = true;

	private boolean virtualThreads;

	private RetryBackOff backOff = RetryBackOff.DEFAULT;

	private List<Class<? extends Throwable>> nonRetryable = List.of();

	private @Nullable QlessEventSubscriber eventSubscriber;

	private JobObserver observer = JobObserver.NONE;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	/**
	 * Create a factory.
	 * @param qless the qless client the containers use
	 * @param jsonMapper the mapper that converts job data to handler payloads
	 */
	public DefaultQlessListenerContainerFactory(QlessOperations qless, JsonMapper jsonMapper) {
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.qless = qless;
		this.jsonMapper = jsonMapper;
		this.workerName = qless.workerName();
	}

	@Override
	public QlessListenerContainer createContainer(String queue, List<QlessListenerEndpoint> endpoints) {
		Assert.notEmpty(endpoints, "'endpoints' must not be empty");
		int queueConcurrency = 0;
		boolean queueAutoStartup = this.autoStartup;
		List<JobHandler> handlers = new ArrayList<>();
		for (QlessListenerEndpoint endpoint : endpoints) {
			HandlerOptions options = endpoint.options();
			queueConcurrency = Math.max(queueConcurrency,
					(options.concurrency() != null) ? options.concurrency() : this.concurrency);
			if (options.autoStartup() != null && !options.autoStartup()) {
				queueAutoStartup = false;
			}
			List<Class<? extends Throwable>> nonRetryableTypes = new ArrayList<>(this.nonRetryable);
			nonRetryableTypes.addAll(options.nonRetryable());
			RetryBackOff handlerBackOff = (options.backOff() != null) ? options.backOff() : this.backOff;
			handlers.add(new JobHandler(endpoint, new HandlerMethodInvoker(endpoint.bean(), endpoint.method(),
					this.jsonMapper), new FailurePolicy(handlerBackOff, nonRetryableTypes, options.failureGroup())));
		}
		ContainerSettings settings = new ContainerSettings(this.workerName, queueConcurrency, this.batchSize,
				this.idlePollInterval, this.wakeUp, this.shutdownTimeout, queueAutoStartup, this.virtualThreads);
		return new QlessListenerContainer(queue, handlers, settings, this.qless, this.eventSubscriber, this.observer,
				this.observationRegistry);
	}

	/**
	 * Set the worker name containers pop and heartbeat under; by default the template's
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
	 * Set whether containers start with the application context.
	 * @param autoStartup whether to start automatically
	 */
	public void setAutoStartup(boolean autoStartup) {
		this.autoStartup = autoStartup;
	}

	/**
	 * Set whether handlers run on virtual threads (Java 21 and later).
	 * @param virtualThreads whether to use virtual threads
	 */
	public void setVirtualThreads(boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

	/**
	 * Set the default delay before retries.
	 * @param backOff the back-off
	 */
	public void setBackOff(RetryBackOff backOff) {
		Assert.notNull(backOff, "'backOff' must not be null");
		this.backOff = backOff;
	}

	/**
	 * Set the exceptions that fail a job at once instead of retrying it.
	 * @param nonRetryable the exception types
	 */
	public void setNonRetryable(List<Class<? extends Throwable>> nonRetryable) {
		Assert.notNull(nonRetryable, "'nonRetryable' must not be null");
		this.nonRetryable = List.copyOf(nonRetryable);
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

}
