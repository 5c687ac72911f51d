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

}
