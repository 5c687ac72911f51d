package io.qless.core.event;

import org.jspecify.annotations.Nullable;

/**
 * The tracked-job channels; their payload is the bare jid.
 */
public enum TrackedKind {

	/** {@code ql:track}: a job was tracked. */
	TRACK("ql:track"),

	/** {@code ql:untrack}: a job was untracked. */
	UNTRACK("ql:untrack"),

	/** {@code ql:put}: a tracked job was put. */
	PUT("ql:put"),

	/** {@code ql:popped}: a tracked job was popped. */
	POPPED("ql:popped"),

	/** {@code ql:completed}: a tracked job was completed (also into a next queue). */
	COMPLETED("ql:completed"),

	/** {@code ql:failed}: a tracked job failed. */
	FAILED("ql:failed"),

	/** {@code ql:stalled}: a tracked job's lock expired. */
	STALLED("ql:stalled"),

	/** {@code ql:canceled}: a tracked job was canceled. */
	CANCELED("ql:canceled");

	private final String channel;

	TrackedKind(String channel) {
		this.channel = channel;
	}

	/**
	 * Return the channel of this kind.
	 * @return the channel
	 */
	public String channel() {
		return this.channel;
	}

	static @Nullable TrackedKind fromChannel(String channel) {
		for (TrackedKind kind : values()) {
			if (kind.channel.equals(channel)) {
				return kind;
			}
		}
		return null;
	}

}
