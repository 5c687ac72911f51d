package io.qless.listener;

import io.qless.core.event.QlessEvent;
import io.qless.core.event.QlessEventListener;
import io.qless.core.event.QlessEventSubscriber;

/**
 * Wakes a container's loop when qless announces work in its queue: a {@code put} or an
 * {@code advanced} into it on {@code ql:log}, or its name on {@code ql:ready}.
 * <p>
 * {@code ql:log} carries an event for every job that changes (each complete, each fail),
 * and the container needs few of them. Messages that cannot be a put or an advance into
 * this queue are left unparsed: those that name neither event, and, for a queue name
 * that a JSON encoder writes as it is, those that do not contain the name.
 */
final class WakeUpListener implements QlessEventListener {

	private final String queue;

	private final JobLoop loop;

	/** Whether the queue's name appears verbatim in an encoded event. */
	private final boolean plainName;

	WakeUpListener(String queue, JobLoop loop) {
		this.queue = queue;
		this.loop = loop;
		// cjson escapes control characters, DEL, quotes, backslashes and slashes
		this.plainName = queue.chars().allMatch((c) -> c >= 0x20 && c != 0x7f && c != '"' && c != '\\' && c != '/');
	}

	@Override
	public boolean accepts(String channel, String message) {
		if (!QlessEventSubscriber.LOG_CHANNEL.equals(channel)) {
			return true;
		}
		return (message.contains("\"put\"") || message.contains("\"advanced\""))
				&& (!this.plainName || message.contains(this.queue));
	}

	@Override
	public void onEvent(QlessEvent event) {
		if ((event instanceof QlessEvent.Put put && this.queue.equals(put.queue()))
				|| (event instanceof QlessEvent.Advanced advanced && this.queue.equals(advanced.to()))
				|| (event instanceof QlessEvent.Ready ready && this.queue.equals(ready.queue()))) {
			this.loop.wakeUp();
		}
	}

}
