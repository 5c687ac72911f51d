package io.qless.scripts.reqless;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records {@code "<channel> <message>"} for the messages of a pattern or of named channels.
 * The subscription is in place when the factory returns; {@link #drain()} collects up to a
 * marker published on its own channel, so nothing needs to sleep.
 */
final class ChannelRecorder implements AutoCloseable {

	private static final String MARKER_CHANNEL = "reqless-test-marker";

	private final ReqlessScript reqless;

	private final StatefulRedisPubSubConnection<String, String> connection;

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private ChannelRecorder(ReqlessScript reqless) {
		this.reqless = reqless;
		this.connection = reqless.client().connectPubSub();
		this.connection.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String pattern, String channel, String message) {
				ChannelRecorder.this.received.add(channel + " " + message);
			}

			@Override
			public void message(String channel, String message) {
				ChannelRecorder.this.received.add(channel + " " + message);
			}

		});
		this.connection.sync().subscribe(MARKER_CHANNEL);
	}

	/** Records what is published on channels matching {@code pattern}. */
	static ChannelRecorder pattern(ReqlessScript reqless, String pattern) {
		ChannelRecorder recorder = new ChannelRecorder(reqless);
		recorder.connection.sync().psubscribe(pattern);
		return recorder;
	}

	/** Records what is published on the named channels. */
	static ChannelRecorder channels(ReqlessScript reqless, String... channels) {
		ChannelRecorder recorder = new ChannelRecorder(reqless);
		recorder.connection.sync().subscribe(channels);
		return recorder;
	}

	/** Everything recorded since the last drain, in order. */
	List<String> drain() {
		String marker = UUID.randomUUID().toString();
		this.reqless.redis().publish(MARKER_CHANNEL, marker);
		List<String> events = new ArrayList<>();
		while (true) {
			String event;
			try {
				event = this.received.poll(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			assertThat(event).as("marker arrives").isNotNull();
			if (event.equals(MARKER_CHANNEL + " " + marker)) {
				return events;
			}
			events.add(event);
		}
	}

	@Override
	public void close() {
		this.connection.close();
	}

}
