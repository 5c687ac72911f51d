package io.qless.core.event;

import org.jspecify.annotations.Nullable;

/**
 * An event the qless script published. Events from {@code ql:log} and the
 * worker channels {@code ql:w:<worker>} are JSON objects and map to the records named after
 * their {@code event} key; the tracked-job channels carry a bare jid and map to
 * {@link Tracked}. Anything else is an {@link Unknown}.
 * <p>
 * Events are plain objects, so a listener such as
 * {@code applicationEventPublisher::publishEvent} republishes them as Spring application
 * events.
 */
public sealed interface QlessEvent {

	/**
	 * Return the channel the event came from.
	 * @return the channel
	 */
	String channel();

	/**
	 * Return the job the event is about, if any.
	 * @return the jid, or {@code null} (config events)
	 */
	@Nullable String jid();

	/**
	 * A job was put or moved into a queue.
	 *
	 * @param channel the channel
	 * @param jid the jid
	 * @param queue the queue
	 */
	record Put(String channel, String jid, String queue) implements QlessEvent {
	}

	/**
	 * A worker lost the lock on a job (lock expired, job moved or timed out).
	 *
	 * @param channel the channel
	 * @param jid the jid
	 * @param worker the worker that lost it
	 */
	record LockLost(String channel, String jid, String worker) implements QlessEvent {
	}

	/**
	 * A job was canceled.
	 *
	 * @param channel the channel
	 * @param jid the jid
	 * @param worker the worker that held it, {@code null} if the job did not exist, {@code ""}
	 * if none
	 * @param queue its queue, {@code null} if the job did not exist
	 */
	record Canceled(String channel, String jid, @Nullable String worker, @Nullable String queue)
			implements QlessEvent {
	}

	/**
	 * A job was completed.
	 *
	 * @param channel the channel
	 * @param jid the jid
	 * @param queue the queue it ran in
	 */
	record Completed(String channel, String jid, String queue) implements QlessEvent {
	}

	/**
	 * A job was completed into a next queue.
	 *
	 * @param channel the channel
	 * @param jid the jid
	 * @param queue the queue it ran in
	 * @param to the queue it was put in
	 */
	record Advanced(String channel, String jid, String queue, String to) implements QlessEvent {
	}

	/**
	 * A job failed.
	 *
	 * @param channel the channel
	 * @param jid the jid
	 * @param worker the worker
	 * @param group the failure group
	 * @param message the failure message
	 */
	record Failed(String channel, String jid, String worker, String group, String message) implements QlessEvent {
	}

	/**
	 * A configuration option was set.
	 *
	 * @param channel the channel
	 * @param option the option
	 * @param value the value
	 */
	record ConfigSet(String channel, String option, String value) implements QlessEvent {

		@Override
		public @Nullable String jid() {
			return null;
		}

	}

	/**
	 * A configuration option was removed.
	 *
	 * @param channel the channel
	 * @param option the option
	 */
	record ConfigUnset(String channel, String option) implements QlessEvent {

		@Override
		public @Nullable String jid() {
			return null;
		}

	}

	/**
	 * An event of a tracked job, or a track/untrack call: the channel names what happened.
	 *
	 * @param channel the channel
	 * @param kind what happened
	 * @param jid the jid
	 */
	record Tracked(String channel, TrackedKind kind, String jid) implements QlessEvent {
	}

	/**
	 * Jobs became ready to pop in a queue without a {@code put} event: released by their
	 * last dependency, by a throttle slot coming free, by {@code unfail}, a retry without
	 * delay or a {@code timeout}. Published by this project's script on its own channel
	 * {@code ql:ready} ({@link QlessEventSubscriber#READY_CHANNEL}), whose payload is the
	 * queue name, so that idle workers pop at once instead of at their next poll.
	 *
	 * @param channel the channel
	 * @param queue the queue
	 */
	record Ready(String channel, String queue) implements QlessEvent {

		@Override
		public @Nullable String jid() {
			return null;
		}

	}

	/**
	 * An event this client does not know.
	 *
	 * @param channel the channel
	 * @param payload the raw payload
	 */
	record Unknown(String channel, String payload) implements QlessEvent {

		@Override
		public @Nullable String jid() {
			return null;
		}

	}

}
