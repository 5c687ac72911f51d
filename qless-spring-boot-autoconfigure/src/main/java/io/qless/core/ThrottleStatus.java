package io.qless.core;

/**
 * A throttle with the number of jobs holding and waiting for its locks.
 *
 * @param id the throttle id
 * @param maximum the most jobs holding a lock at once, {@code 0} for no limit
 * @param ttl seconds until the throttle expires, {@code -1} for never, {@code -2} if it
 * does not exist
 * @param locks jobs holding a lock
 * @param pending jobs waiting for a lock
 */
public record ThrottleStatus(String id, long maximum, long ttl, long locks, long pending) {

	/**
	 * Return the throttle without the counts.
	 * @return the throttle
	 */
	public Throttle throttle() {
		return new Throttle(this.id, this.maximum, this.ttl);
	}

}
