package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.qless.core.QlessOperations;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Holds the listener containers, one per queue, and starts and stops them with the
 * application context. Stopping stops every container at once and waits for all of them
 * together, within one budget (the longest container's
 * {@link QlessListenerContainer#stopBudget()}); then the worker names the containers used
 * are removed from qless's worker list, once each, waiting at most
 * {@link #DEREGISTER_TIMEOUT} (when Redis is gone the workers age out of the list).
 * <p>
 * Containers can be paused and resumed by queue, or by the id of a handler
 * ({@link QlessListenerEndpoint#id()}).
 */
public class QlessListenerEndpointRegistry implements SmartLifecycle, DisposableBean {

	/** Longest the registry waits to remove its worker names from qless after a stop. */
	public static final Duration DEREGISTER_TIMEOUT = Duration.ofSeconds(2);

	private static final Log logger = LogFactory.getLog(QlessListenerEndpointRegistry.class);

	private final Map<Key, List<QlessListenerEndpoint>> pending = new LinkedHashMap<>();

	private final Map<String, QlessListenerContainer> containers = new LinkedHashMap<>();

	private final Map<String, QlessOperations> workers = new LinkedHashMap<>();

	private volatile boolean running;

	/**
	 * Register a handler; its container is created when the registry starts (or at once if
	 * it is already running).
	 * @param endpoint the handler
	 * @param factory the factory that builds the container for its queue
	 */
	public synchronized void registerEndpoint(QlessListenerEndpoint endpoint, QlessListenerContainerFactory factory) {
		Assert.notNull(endpoint, "'endpoint' must not be null");
		Assert.notNull(factory, "'factory' must not be null");
		Key key = new Key(factory, endpoint.queue());
		List<QlessListenerEndpoint> endpoints = this.pending.computeIfAbsent(key, (k) -> new ArrayList<>());
		for (QlessListenerEndpoint existing : endpoints) {
			Assert.state(!existing.klass().equals(endpoint.klass()), () -> "Two handlers for klass '"
					+ endpoint.klass() + "' in queue '" + endpoint.queue() + "': " + existing.description() + " and "
					+ endpoint.description());
		}
		endpoints.add(endpoint);
	}

	/**
	 * Return the container that serves {@code queue}, creating the containers if needed.
	 * @param queue the queue name
	 * @return the container, or {@code null} if no handler serves the queue
	 */
	public synchronized @Nullable QlessListenerContainer getContainer(String queue) {
		createContainers();
		return this.containers.get(queue);
	}

	/**
	 * Return the containers that run the handler with the given id.
	 * @param endpointId the handler's id
	 * @return the containers, empty if no handler has that id
	 */
	public synchronized List<QlessListenerContainer> getContainersOfEndpoint(String endpointId) {
		createContainers();
		List<QlessListenerContainer> found = new ArrayList<>();
		for (QlessListenerContainer container : this.containers.values()) {
			if (container.getEndpoints().stream().anyMatch((endpoint) -> endpoint.id().equals(endpointId))) {
				found.add(container);
			}
		}
		return found;
	}

	/**
	 * Return all containers, creating them if needed.
	 * @return the containers
	 */
	public synchronized Collection<QlessListenerContainer> getContainers() {
		createContainers();
		return List.copyOf(this.containers.values());
	}

	/**
	 * Pause the container of a queue.
	 * @param queue the queue
	 * @return whether a container serves the queue
	 */
	public boolean pause(String queue) {
		QlessListenerContainer container = getContainer(queue);
		if (container != null) {
			container.pause();
		}
		return container != null;
	}

	/**
	 * Resume the container of a queue.
	 * @param queue the queue
	 * @return whether a container serves the queue
	 */
	public boolean resume(String queue) {
		QlessListenerContainer container = getContainer(queue);
		if (container != null) {
			container.resume();
		}
		return container != null;
	}

	/**
	 * Pause every container that runs the handler with the given id (with the other
	 * handlers of those queues).
	 * @param endpointId the handler's id
	 * @return the queues paused
	 */
	public List<String> pauseEndpoint(String endpointId) {
		List<String> queues = new ArrayList<>();
		for (QlessListenerContainer container : getContainersOfEndpoint(endpointId)) {
			container.pause();
			queues.add(container.getQueue());
		}
		return queues;
	}

	/**
	 * Resume every container that runs the handler with the given id.
	 * @param endpointId the handler's id
	 * @return the queues resumed
	 */
	public List<String> resumeEndpoint(String endpointId) {
		List<String> queues = new ArrayList<>();
		for (QlessListenerContainer container : getContainersOfEndpoint(endpointId)) {
			container.resume();
			queues.add(container.getQueue());
		}
		return queues;
	}

	private void createContainers() {
		this.pending.forEach((key, endpoints) -> {
			QlessListenerContainer container = key.factory().createContainer(key.queue(), List.copyOf(endpoints));
			QlessListenerContainer previous = this.containers.putIfAbsent(key.queue(), container);
			Assert.state(previous == null, () -> "Queue '" + key.queue() + "' is served by two container factories");
			this.workers.putIfAbsent(container.getSettings().workerName(), container.getOperations());
		});
		this.pending.clear();
	}

	@Override
	public void start() {
		List<QlessListenerContainer> toStart;
		synchronized (this) {
			createContainers();
			toStart = new ArrayList<>(this.containers.values());
			this.running = true;
		}
		for (QlessListenerContainer container : toStart) {
			if (container.isAutoStartup()) {
				container.start();
			}
		}
	}

	/**
	 * Stop all containers in parallel and deregister the workers; returns once done,
	 * within the longest container's stop budget plus {@link #DEREGISTER_TIMEOUT}.
	 */
	@Override
	public void stop() {
		List<QlessListenerContainer> toStop;
		Map<String, QlessOperations> toDeregister;
		synchronized (this) {
			this.running = false;
			toStop = new ArrayList<>(this.containers.values());
			toDeregister = new LinkedHashMap<>(this.workers);
		}
		List<CompletableFuture<Void>> stopped = new ArrayList<>();
		Duration budget = Duration.ZERO;
		for (QlessListenerContainer container : toStop) {
			CompletableFuture<Void> done = new CompletableFuture<>();
			container.stop(() -> done.complete(null));
			stopped.add(done);
			budget = (container.stopBudget().compareTo(budget) > 0) ? container.stopBudget() : budget;
		}
		try {
			CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new))
				.get(budget.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("qless: containers did not stop within " + budget
					+ "; unfinished jobs are left to expire and will be handed out again");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			logger.warn("qless: stopping containers failed", ex.getCause());
		}
		deregister(toDeregister);
	}

	private static void deregister(Map<String, QlessOperations> workers) {
		if (workers.isEmpty()) {
			return;
		}
		CompletableFuture<Void> done = CompletableFuture.runAsync(() -> workers.forEach((worker, qless) -> {
			try {
				qless.workers().deregister(worker);
			}
			catch (RuntimeException ex) {
				logger.debug("qless: could not deregister worker " + worker, ex);
			}
		}));
		try {
			done.get(DEREGISTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.debug("qless: workers " + workers.keySet() + " not deregistered in time; they age out of the list");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException ex) {
			logger.debug("qless: could not deregister workers " + workers.keySet(), ex.getCause());
		}
	}

	@Override
	public void stop(Runnable callback) {
		Thread stopper = new Thread(() -> {
			try {
				stop();
			}
			finally {
				callback.run();
			}
		}, "qless-registry-stop");
		stopper.setDaemon(true);
		stopper.start();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stop before the Redis connection factory and the task executors.
		return SmartLifecycle.DEFAULT_PHASE - 100;
	}

	@Override
	public void destroy() {
		if (this.running) {
			stop();
		}
	}

	/**
	 * Return the queues of all containers and, for each, whether it is running and paused,
	 * and the jobs it holds.
	 * @return the container states, by queue
	 */
	public Map<String, ContainerState> getContainerStates() {
		Map<String, ContainerState> states = new LinkedHashMap<>();
		for (QlessListenerContainer container : getContainers()) {
			Set<String> ids = new LinkedHashSet<>();
			container.getEndpoints().forEach((endpoint) -> ids.add(endpoint.id()));
			states.put(container.getQueue(), new ContainerState(container.isRunning(), container.isPauseRequested(),
					container.getSettings().concurrency(), container.getJobsInFlight().size(), List.copyOf(ids)));
		}
		return states;
	}

	/**
	 * What a container is doing.
	 *
	 * @param running whether it runs
	 * @param paused whether it is paused (or asked to pause)
	 * @param concurrency how many jobs it runs at once
	 * @param jobsInFlight how many jobs it holds now
	 * @param endpoints the ids of its handlers
	 */
	public record ContainerState(boolean running, boolean paused, int concurrency, int jobsInFlight,
			List<String> endpoints) {
	}

	private record Key(QlessListenerContainerFactory factory, String queue) {
	}

}
