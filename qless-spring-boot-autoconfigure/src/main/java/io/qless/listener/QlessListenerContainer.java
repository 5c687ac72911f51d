package io.qless.listener;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.observation.ObservationRegistry;
import io.qless.core.JacksonPayloadConverter;
import io.qless.core.QlessOperations;
import io.qless.core.QlessPayloadConverter;
import io.qless.core.event.QlessEventSubscriber;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Runs the jobs of one queue: pops them in batches, calls the handler registered for each
 * job's {@code klass} with {@code concurrency} jobs at a time, heartbeats them while they
 * run, and sends their outcomes to qless in pipelined batches.
 * <p>
 * An idle container waits for qless's own {@code put} and {@code advanced} events for its
 * queue (published for jobs put by any client), and for this project's {@code ql:ready}
 * announcements, and pops at once, falling back to a poll every
 * {@link ContainerSettings#idlePollInterval()}.
 * <p>
 * {@link #stop()} stops popping, waits up to the shutdown timeout for running handlers,
 * sends their outcomes (within {@link ContainerRun#FLUSH_TIMEOUT} more), and leaves any job
 * still running to expire in qless (its partial work is never completed); it returns when
 * all that is done. {@link #stop(Runnable)} does the same on a thread of its own. A
 * {@link #start()} while a stop is in progress waits for it. {@link #pause()} stops popping
 * while the jobs already held run on. The worker name is deregistered by the
 * {@link QlessListenerEndpointRegistry}, once all containers stopped, not by each container.
 * <p>
 * Strategies are set before the container starts: the error handler (what becomes of a
 * job whose handler threw), interceptors around each handler, the payload converter, the
 * task executor handlers run on (by default a pool of {@code concurrency} platform threads
 * of the container's own), the observation registry and convention, and the job observer.
 */
public class QlessListenerContainer implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(QlessListenerContainer.class);

	private final String queue;

	private final List<QlessListenerEndpoint> endpoints;

	private final ContainerSettings settings;

	private final QlessOperations qless;

	private final ReentrantLock lifecycleLock = new ReentrantLock();

	private volatile @Nullable ContainerRun run;

	private volatile @Nullable CompletableFuture<Void> stopping;

	private volatile boolean pauseRequested;

	private @Nullable Map<String, JobHandler> handlers;

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
	 * Create a container.
	 * @param queue the queue it serves
	 * @param endpoints the handlers of the queue, one per klass
	 * @param qless the qless client
	 * @param settings how it runs
	 */
	public QlessListenerContainer(String queue, List<QlessListenerEndpoint> endpoints, QlessOperations qless,
			ContainerSettings settings) {
		Assert.hasText(queue, "'queue' must not be empty");
		Assert.notEmpty(endpoints, "'endpoints' must not be empty");
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(settings, "'settings' must not be null");
		this.queue = queue;
		this.endpoints = List.copyOf(endpoints);
		this.qless = qless;
		this.settings = settings;
		this.payloadConverter = new JacksonPayloadConverter(JsonMapper.builder().build());
	}

	/**
	 * Set the converter that turns job data into handler payloads; a Jackson converter
	 * with a default mapper unless set.
	 * @param payloadConverter the converter
	 */
	public void setPayloadConverter(QlessPayloadConverter payloadConverter) {
		Assert.notNull(payloadConverter, "'payloadConverter' must not be null");
		this.payloadConverter = payloadConverter;
		this.handlers = null;
	}

	/**
	 * Set what becomes of jobs whose handler threw; a {@link DefaultQlessErrorHandler}
	 * unless set.
	 * @param errorHandler the error handler
	 */
	public void setErrorHandler(QlessErrorHandler errorHandler) {
		Assert.notNull(errorHandler, "'errorHandler' must not be null");
		this.errorHandler = errorHandler;
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
	 * Set the executor handlers run on, for example one of virtual threads. It must be
	 * able to run {@code concurrency} handlers at once (more while timed-out handlers that
	 * ignore their interrupt are still running). Without one the container runs a pool of
	 * {@code concurrency} platform threads of its own.
	 * @param taskExecutor the executor, or {@code null} for the container's own pool
	 */
	public void setTaskExecutor(@Nullable Executor taskExecutor) {
		this.taskExecutor = taskExecutor;
	}

	/**
	 * Set the subscriber for wake-ups and lock-lost notices; without one the container
	 * only polls and heartbeats.
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
	 * Set the registry the container reports one observation per job to.
	 * @param observationRegistry the registry
	 */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Set the convention that names and tags the job observations; the
	 * {@link DefaultQlessJobObservationConvention} unless set.
	 * @param observationConvention the convention, or {@code null} for the default
	 */
	public void setObservationConvention(@Nullable QlessJobObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	/**
	 * Set the clock that tells whether a popped job's lease is still good.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	/**
	 * Return the queue this container serves.
	 * @return the queue name
	 */
	public String getQueue() {
		return this.queue;
	}

	/**
	 * Return the qless client the container pops and settles jobs with.
	 * @return the client
	 */
	public QlessOperations getOperations() {
		return this.qless;
	}

	/**
	 * Return the handlers of the queue.
	 * @return the endpoints
	 */
	public List<QlessListenerEndpoint> getEndpoints() {
		return this.endpoints;
	}

	/**
	 * Return the settings this container runs with.
	 * @return the settings
	 */
	public ContainerSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the jids of the jobs this container holds right now.
	 * @return the jids
	 */
	public List<String> getJobsInFlight() {
		ContainerRun current = this.run;
		return (current != null) ? current.jobsInFlight() : List.of();
	}

	/**
	 * Build the handlers now, so that a handler method whose parameters cannot be
	 * resolved fails at registration rather than when its first job arrives.
	 */
	public void validate() {
		handlers();
	}

	private Map<String, JobHandler> handlers() {
		Map<String, JobHandler> built = this.handlers;
		if (built == null) {
			Map<String, JobHandler> byKlass = new LinkedHashMap<>();
			for (QlessListenerEndpoint endpoint : this.endpoints) {
				JobHandler previous = byKlass.put(endpoint.klass(), new JobHandler(endpoint,
						new HandlerMethodInvoker(endpoint.bean(), endpoint.method(), this.payloadConverter)));
				Assert.state(previous == null, () -> "Two handlers for klass '" + endpoint.klass() + "' in queue '"
						+ this.queue + "'");
			}
			built = Map.copyOf(byKlass);
			this.handlers = built;
		}
		return built;
	}

	@Override
	public void start() {
		awaitStopInProgress();
		this.lifecycleLock.lock();
		try {
			if (this.run != null) {
				return;
			}
			ListenerComponents components = new ListenerComponents(this.queue, handlers(), this.settings, this.qless,
					this.payloadConverter, this.errorHandler, this.interceptors, this.observationRegistry,
					this.observationConvention, this.observer, this.clock);
			ContainerRun started = new ContainerRun(components, this.taskExecutor);
			started.start(this.eventSubscriber, this.pauseRequested);
			this.run = started;
		}
		finally {
			this.lifecycleLock.unlock();
		}
		logger.info("qless: worker " + this.settings.workerName() + " serves queue '" + this.queue + "' for "
				+ handlers().keySet() + " with concurrency " + this.settings.concurrency()
				+ (this.pauseRequested ? " (paused)" : ""));
	}

	private void awaitStopInProgress() {
		CompletableFuture<Void> inProgress = this.stopping;
		if (inProgress == null) {
			return;
		}
		try {
			inProgress.get(stopBudget().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("qless: container of queue '" + this.queue + "' did not stop in time", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the container to stop", ex);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			// the stop failed; start anew
		}
	}

	/**
	 * Return the longest a stop takes: the shutdown timeout, plus the time to send the last
	 * outcomes and a margin for the threads to end.
	 * @return the budget
	 */
	public Duration stopBudget() {
		return this.settings.shutdownTimeout().plus(ContainerRun.FLUSH_TIMEOUT).plusSeconds(2);
	}

	/**
	 * Stop, and return once stopped: within {@link #stopBudget()}.
	 */
	@Override
	public void stop() {
		CompletableFuture<Void> done = beginStop();
		try {
			done.get(stopBudget().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("qless: container of queue '" + this.queue + "' did not stop within " + stopBudget());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			logger.warn("qless: stopping the container of queue '" + this.queue + "' failed", ex.getCause());
		}
	}

	/**
	 * Stop on a thread of the container's own, and call {@code callback} when stopped.
	 * @param callback called once stopped
	 */
	@Override
	public void stop(Runnable callback) {
		beginStop().whenComplete((ignored, ex) -> callback.run());
	}

	private CompletableFuture<Void> beginStop() {
		this.lifecycleLock.lock();
		try {
			ContainerRun current = this.run;
			if (current == null) {
				CompletableFuture<Void> inProgress = this.stopping;
				return (inProgress != null) ? inProgress : CompletableFuture.completedFuture(null);
			}
			this.run = null;
			CompletableFuture<Void> done = new CompletableFuture<>();
			this.stopping = done;
			long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
			Thread stopper = new Thread(() -> {
				try {
					current.stop(deadline);
					logger.info("qless: worker " + this.settings.workerName() + " stopped serving queue '" + this.queue
							+ "'");
					done.complete(null);
				}
				catch (Throwable ex) {
					done.completeExceptionally(ex);
				}
			}, "qless-" + this.queue + "-stop");
			stopper.setDaemon(true);
			stopper.start();
			return done;
		}
		finally {
			this.lifecycleLock.unlock();
		}
	}

	/**
	 * Stop popping jobs; those already held run on and are settled. A container paused
	 * before it starts starts paused.
	 */
	public void pause() {
		this.pauseRequested = true;
		ContainerRun current = this.run;
		if (current != null) {
			current.fetcher().pause();
		}
		logger.info("qless: container of queue '" + this.queue + "' paused");
	}

	/**
	 * Pop jobs again after {@link #pause()}.
	 */
	public void resume() {
		this.pauseRequested = false;
		ContainerRun current = this.run;
		if (current != null) {
			current.fetcher().resume();
		}
		logger.info("qless: container of queue '" + this.queue + "' resumed");
	}

	/**
	 * Return whether {@link #pause()} was called (and not {@link #resume()} since).
	 * @return whether a pause is requested
	 */
	public boolean isPauseRequested() {
		return this.pauseRequested;
	}

	/**
	 * Return whether the container is running and paused: it pops nothing.
	 * @return whether it is paused
	 */
	public boolean isPaused() {
		ContainerRun current = this.run;
		return current != null && current.fetcher().isPaused();
	}

	@Override
	public boolean isRunning() {
		return this.run != null;
	}

	@Override
	public boolean isAutoStartup() {
		return this.settings.autoStartup();
	}

}
