package io.qless.core.event;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Publishes every qless event ({@code ql:log} and the tracked-job channels) as a Spring
 * application event while the context runs, so that beans can listen with
 * {@code @EventListener void on(QlessEvent.Completed event)}. Events are published from one
 * thread of the bridge's own ({@code qless-events}), in the order they arrived, so that a
 * slow listener never holds up the Redis connection.
 */
public class QlessApplicationEventBridge implements SmartLifecycle {

	private final QlessEventSubscriber subscriber;

	private final ApplicationEventPublisher publisher;

	private volatile QlessEventSubscriber.@Nullable Subscription subscription;

	private @Nullable ExecutorService publishing;

	/**
	 * Create a bridge.
	 * @param subscriber the qless event subscriber
	 * @param publisher where to publish the events
	 */
	public QlessApplicationEventBridge(QlessEventSubscriber subscriber, ApplicationEventPublisher publisher) {
		Assert.notNull(subscriber, "'subscriber' must not be null");
		Assert.notNull(publisher, "'publisher' must not be null");
		this.subscriber = subscriber;
		this.publisher = publisher;
	}

	@Override
	public synchronized void start() {
		if (this.subscription == null) {
			ExecutorService executor = Executors.newSingleThreadExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "qless-events");
				thread.setDaemon(true);
				return thread;
			});
			this.publishing = executor;
			this.subscription = this.subscriber
				.subscribe((event) -> executor.execute(() -> this.publisher.publishEvent(event)));
		}
	}

	@Override
	public synchronized void stop() {
		QlessEventSubscriber.Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
			this.subscription = null;
		}
		ExecutorService executor = this.publishing;
		if (executor != null) {
			executor.shutdown();
			this.publishing = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

}
