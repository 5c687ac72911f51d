package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;

/**
 * Records every message published on {@code ql:*} (or, made by {@link #channels}, on the
 * named channels only). The subscription is confirmed before the constructor returns, so
 * it is in place before the command under test runs.
 * {@link #drain()} publishes a marker on a channel outside {@code ql:*} and collects up to
 * it: Redis delivers messages to one subscriber in publication order, so everything the
 * script published arrives before the marker, and nothing needs to sleep.
 */
final class EventRecorder implements AutoCloseable {

	private static final String MARKER_CHANNEL = "qless-test-marker";

	private static final long TIMEOUT_SECONDS = 10;

	private final QlessScript qless;

	private final StatefulRedisPubSubConnection<String, String> connection;

	private final BlockingQueue<Event> received = new LinkedBlockingQueue<>();

	EventRecorder(QlessScript qless) {
		this(qless, (String[]) null);
	}

	private EventRecorder(QlessScript qless, String @Nullable [] channels) {
		this.qless = qless;
		this.connection = qless.client().connectPubSub();
		this.connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String pattern, String channel, String message) {
				EventRecorder.this.received.add(new Event(channel, message));
			}

			@Override
			public void message(String channel, String message) {
				EventRecorder.this.received.add(new Event(channel, message));
			}

		});
		if (channels != null) {
			this.connection.sync().subscribe(channels);
		}
		else {
			this.connection.sync().psubscribe("ql:*");
		}
		this.connection.sync().subscribe(MARKER_CHANNEL);
	}

	/** Records the messages of the named channels, subscribed by name (no pattern). */
	static EventRecorder channels(QlessScript qless, String... channels) {
		return new EventRecorder(qless, channels);
	}

	/** Everything published on {@code ql:*} since the last drain, in order. */
	List<Event> drain() {
		String marker = UUID.randomUUID().toString();
		this.qless.redis().publish(MARKER_CHANNEL, marker);
		List<Event> events = new ArrayList<>();
		while (true) {
			Event event;
			try {
				event = this.received.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return fail("interrupted");
			}
			if (event == null) {
				return fail("marker not received within %d s; got %s", TIMEOUT_SECONDS, events);
			}
			if (event.channel().equals(MARKER_CHANNEL) && event.message().equals(marker)) {
				return events;
			}
			events.add(event);
		}
	}

	@Override
	public void close() {
		this.connection.close();
	}

	record Event(String channel, String message) {

		@Override
		public String toString() {
			return this.channel + " " + this.message;
		}

	}

}
