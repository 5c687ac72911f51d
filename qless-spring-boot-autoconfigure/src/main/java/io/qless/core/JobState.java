package io.qless.core;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The state of a qless job, plus {@link #RECUR} for recurring templates.
 */
public enum JobState {

	/** Ready to be popped. */
	WAITING("waiting"),

	/** Delayed until a time. */
	SCHEDULED("scheduled"),

	/** Waiting for other jobs to complete. */
	DEPENDS("depends"),

	/** Handed to a worker and holding a lock. */
	RUNNING("running"),

	/** Timed out; back in the work queue ahead of everything else. */
	STALLED("stalled"),

	/**
	 * Waiting for a throttle lock: not running, so it cannot be completed,
	 * failed or retried. It reads {@code throttled} until popped, even once it is back in
	 * the work queue.
	 */
	THROTTLED("throttled"),

	/** Failed explicitly or ran out of retries. */
	FAILED("failed"),

	/** Finished; kept until it expires. */
	COMPLETE("complete"),

	/** A recurring template, not a job. */
	RECUR("recur"),

	/** A state this client does not know. */
	UNKNOWN("");

	private final String wireName;

	JobState(String wireName) {
		this.wireName = wireName;
	}

	/**
	 * Return the name the script uses for this state.
	 * @return the wire name
	 */
	@JsonValue
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Return the state the script names.
	 * @param wireName the name the script uses
	 * @return the state, {@link #UNKNOWN} if the name is not known
	 */
	public static JobState fromWireName(String wireName) {
		for (JobState state : values()) {
			if (state != UNKNOWN && state.wireName.equals(wireName)) {
				return state;
			}
		}
		return UNKNOWN;
	}

}
