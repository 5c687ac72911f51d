package io.qless.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A throttle as {@code throttle.get} describes it: a named concurrency
 * limit. A throttle that was never set, was deleted or has expired reads as maximum
 * {@code 0}, which means unlimited.
 *
 * @param id the throttle id; a queue's implicit throttle is {@code ql:q:<queue>}
 * ({@code ql:{<shard>}:q:<queue>} as the script of a named shard names it; the client
 * accepts either form)
 * @param maximum the most jobs holding a lock at once, {@code 0} for no limit
 * @param ttl seconds until the throttle expires: {@code -1} if it never does, {@code -2}
 * if it does not exist
 */
public record Throttle(String id, long maximum, long ttl) {

	/** Prefix of a queue's implicit throttle id. */
	public static final String QUEUE_PREFIX = "ql:q:";

	/**
	 * Return the id of a queue's implicit throttle, which every throttled job of that queue
	 * holds.
	 * @param queue the queue
	 * @return {@code ql:q:<queue>}
	 */
	public static String queueThrottleId(String queue) {
		return QUEUE_PREFIX + queue;
	}

	/**
	 * Return whether the throttle is stored in Redis.
	 * @return whether it exists
	 */
	public boolean exists() {
		return this.ttl != -2;
	}

	/**
	 * Return whether the throttle lets any number of jobs run.
	 * @return whether the maximum is {@code 0}
	 */
	public boolean isUnlimited() {
		return this.maximum <= 0;
	}

	/**
	 * Return the time until the throttle expires.
	 * @return the time left, or {@code null} if it does not expire (or does not exist)
	 */
	public @Nullable Duration timeToLive() {
		return (this.ttl >= 0) ? Duration.ofSeconds(this.ttl) : null;
	}

}
