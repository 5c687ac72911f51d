package io.qless.core.event;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.qless.core.QlessShard;
import io.qless.core.QlessShards;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.data.redis.listener.Topic;
import org.springframework.util.Assert;

/**
 * Subscribes {@link QlessEventListener}s to the qless channels through a Spring Data Redis
 * {@link RedisMessageListenerContainer}, which owns the subscription connection and the
 * threads. The container's lifecycle (start, stop) stays with its owner. Listeners are
 * called on the container's dispatch thread: with the auto-configured container, which
 * dispatches on the thread that received the message, that is the Redis I/O thread, so a
 * listener must be quick and never block (hand longer work to an executor, as
 * {@link QlessApplicationEventBridge} does). Events then reach listeners in the order the
 * script published them on each channel.
 */
public class QlessEventSubscriber {

	/** The event log channel. */
	public static final String LOG_CHANNEL = "ql:log";

	/** The channel on which this project's script announces jobs that became ready. */
	public static final String READY_CHANNEL = "ql:ready";

	private final RedisMessageListenerContainer container;

	private final QlessEventParser parser;

	private volatile List<String> prefixes = List.of(QlessShard.PLAIN_PREFIX);

	/**
	 * Create a new instance.
	 * @param container the listener container to subscribe through
	 * @param jsonMapper the mapper for the JSON payloads
	 */
	public QlessEventSubscriber(RedisMessageListenerContainer container, JsonMapper jsonMapper) {
		Assert.notNull(container, "'container' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.container = container;
		this.parser = new QlessEventParser(jsonMapper);
	}

	/**
	 * Listen to the channels of every given shard: each shard's script publishes on its own
	 * channels, named like its keys ({@code ql:{orders}:log}). Channels are named here as
	 * they are without shards ({@code ql:log}); each subscription covers that channel in
	 * every shard, and events name the channel without the shard's hash tag. Set before
	 * subscribing.
	 * @param shards the shards
	 */
	public void setShards(QlessShards shards) {
		Assert.notNull(shards, "'shards' must not be null");
		this.prefixes = shards.all().stream().map(QlessShard::keyPrefix).toList();
	}

	/**
	 * Subscribe to {@code ql:log} and every tracked-job channel.
	 * @param listener the listener
	 * @return the subscription, to cancel it
	 */
	public Subscription subscribe(QlessEventListener listener) {
		List<String> channels = new ArrayList<>();
		channels.add(LOG_CHANNEL);
		for (TrackedKind kind : TrackedKind.values()) {
			channels.add(kind.channel());
		}
		return subscribe(listener, channels);
	}

	/**
	 * Subscribe to the channel of one worker ({@code ql:w:<worker>}): {@code lock_lost} and
	 * {@code canceled} events of the jobs it holds.
	 * @param worker the worker name
	 * @param listener the listener
	 * @return the subscription, to cancel it
	 */
	public Subscription subscribeWorker(String worker, QlessEventListener listener) {
		Assert.hasText(worker, "'worker' must not be empty");
		return subscribe(listener, List.of("ql:w:" + worker));
	}

	/**
	 * Subscribe to the given qless channels.
	 * @param listener the listener
	 * @param channels the channel names
	 * @return the subscription, to cancel it
	 */
	public Subscription subscribe(QlessEventListener listener, Collection<String> channels) {
		Assert.notNull(listener, "'listener' must not be null");
		Assert.notEmpty(channels, "'channels' must not be empty");
		List<Topic> topics = new ArrayList<>();
		for (String channel : channels) {
			if (channel.startsWith(QlessShard.PLAIN_PREFIX)) {
				String rest = channel.substring(QlessShard.PLAIN_PREFIX.length());
				for (String prefix : this.prefixes) {
					topics.add(ChannelTopic.of(prefix + rest));
				}
			}
			else {
				topics.add(ChannelTopic.of(channel));
			}
		}
		MessageListener adapter = (message, pattern) -> {
			String channel = unsharded(new String(message.getChannel(), StandardCharsets.UTF_8));
			String body = new String(message.getBody(), StandardCharsets.UTF_8);
			if (listener.accepts(channel, body)) {
				listener.onEvent(this.parser.parse(channel, body));
			}
		};
		this.container.addMessageListener(adapter, topics);
		return () -> this.container.removeMessageListener(adapter, topics);
	}

	private String unsharded(String channel) {
		for (String prefix : this.prefixes) {
			if (!QlessShard.PLAIN_PREFIX.equals(prefix) && channel.startsWith(prefix)) {
				return QlessShard.PLAIN_PREFIX + channel.substring(prefix.length());
			}
		}
		return channel;
	}

	/**
	 * A subscription of one listener.
	 */
	@FunctionalInterface
	public interface Subscription extends AutoCloseable {

		/**
		 * Stop delivering events to the listener.
		 */
		void cancel();

		@Override
		default void close() {
			cancel();
		}

	}

}
