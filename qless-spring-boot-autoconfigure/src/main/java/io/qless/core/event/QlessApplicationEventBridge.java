package io.qless.core.event;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Publishes every qless event ({@code ql:log} and the tracked-job channels) as a Spring
 * application event while the context runs, so that beans can listen with
 * {@code @EventListener void on(QlessEvent.Completed event)}. Events arrive on the Redis
 * listener container's threads, in publication order per channel.
 */
public class QlessApplicationEventBridge implements SmartLifecycle {

	private final QlessEventSubscriber subscriber;

	private final ApplicationEventPublisher publisher;

	private volatile QlessEventSubscriber.@Nullable Subscription subscription;

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
			this.subscription = this.subscriber.subscribe(this.publisher::publishEvent);
		}
	}

	@Override
	public synchronized void stop() {
		QlessEventSubscriber.Subscription current = this.subscription;
		if (current != null) {
			current.cancel();
			this.subscription = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.subscription != null;
	}

}
