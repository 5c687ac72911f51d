package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Holds the listener containers, one per queue and container factory, and starts and
 * stops them with the application context. Stopping stops every container at once and
 * waits for all of them together, up to the shutdown timeout.
 */
public class QlessListenerEndpointRegistry implements SmartLifecycle, DisposableBean {

	private static final Log logger = LogFactory.getLog(QlessListenerEndpointRegistry.class);

	private final Map<Key, List<QlessListenerEndpoint>> pending = new LinkedHashMap<>();

	private final Map<String, QlessListenerContainer> containers = new LinkedHashMap<>();

	private final Duration shutdownTimeout;

	private volatile boolean running;

	/**
	 * Create a registry.
	 * @param shutdownTimeout how long {@link #stop()} waits for in-flight jobs in total
	 */
	public QlessListenerEndpointRegistry(Duration shutdownTimeout) {
		Assert.notNull(shutdownTimeout, "'shutdownTimeout' must not be null");
		this.shutdownTimeout = shutdownTimeout;
	}

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
	 * Return all containers, creating them if needed.
	 * @return the containers
	 */
	public synchronized Collection<QlessListenerContainer> getContainers() {
		createContainers();
		return List.copyOf(this.containers.values());
	}

	private void createContainers() {
		this.pending.forEach((key, endpoints) -> {
			QlessListenerContainer container = key.factory().createContainer(key.queue(), List.copyOf(endpoints));
			QlessListenerContainer previous = this.containers.putIfAbsent(key.queue(), container);
			Assert.state(previous == null, () -> "Queue '" + key.queue() + "' is served by two container factories");
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

	@Override
	public void stop() {
		List<QlessListenerContainer> toStop;
		synchronized (this) {
			this.running = false;
			toStop = new ArrayList<>(this.containers.values());
		}
		List<CompletableFuture<Void>> stopped = new ArrayList<>();
		for (QlessListenerContainer container : toStop) {
			CompletableFuture<Void> done = new CompletableFuture<>();
			container.stop(() -> done.complete(null));
			stopped.add(done);
		}
		try {
			CompletableFuture.allOf(stopped.toArray(CompletableFuture[]::new))
				.get(this.shutdownTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			logger.warn("qless containers did not stop within " + this.shutdownTimeout
					+ "; unfinished jobs are left to expire and will be handed out again");
		}
		catch (Exception ex) {
			logger.warn("Interrupted while stopping qless containers", ex);
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void stop(Runnable callback) {
		stop();
		callback.run();
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

	private record Key(QlessListenerContainerFactory factory, String queue) {
	}

}
