package io.qless.core.event;

/**
 * Receives qless events. Called on the listener container's thread; keep it short.
 */
@FunctionalInterface
public interface QlessEventListener {

	/**
	 * Handle an event.
	 * @param event the event
	 */
	void onEvent(QlessEvent event);

	/**
	 * Return whether to parse and deliver a message: a listener that needs few of the
	 * messages of its channels (such as only the {@code put} events of one queue among
	 * every job's events on {@code ql:log}) can leave the others unparsed. It must not
	 * throw, and when unsure it should answer {@code true}.
	 * @param channel the channel, named as without shards ({@code ql:log})
	 * @param message the message as published
	 * @return whether {@link #onEvent(QlessEvent)} gets this message; {@code true} by default
	 */
	default boolean accepts(String channel, String message) {
		return true;
	}

}
