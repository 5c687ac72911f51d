package io.qless.core;

/**
 * The per-queue job listings of the {@code jobs} command.
 */
public enum QueueJobState {

	/** Jobs whose lock has not expired, soonest expiry first. */
	RUNNING("running"),

	/** Jobs whose lock has expired, oldest expiry first. */
	STALLED("stalled"),

	/** Delayed jobs, soonest first (promotes the ones that are due first). */
	SCHEDULED("scheduled"),

	/** Jobs waiting on dependencies, in the order they entered the set. */
	DEPENDS("depends"),

	/** Recurring templates of the queue. */
	RECURRING("recurring"),

	/** Jobs parked because a throttle was full, oldest first. */
	THROTTLED("throttled");

	private final String wireName;

	QueueJobState(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * Return the name the script uses.
	 * @return the wire name
	 */
	public String wireName() {
		return this.wireName;
	}

}
