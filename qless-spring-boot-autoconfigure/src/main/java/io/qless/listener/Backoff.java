package io.qless.listener;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Waits between attempts while Redis is unreachable: 100 ms doubling up to 5 s, with one
 * warning when an outage starts and one line when it ends, not one per attempt.
 */
final class Backoff {

	private static final Log logger = LogFactory.getLog(Backoff.class);

	private static final long FIRST_MILLIS = 100;

	private static final long MAX_MILLIS = 5_000;

	private final String activity;

	private long nextMillis = FIRST_MILLIS;

	private boolean inOutage;

	Backoff(String activity) {
		this.activity = activity;
	}

	/**
	 * Note a failed attempt and wait before the next one.
	 * @param error why the attempt failed
	 * @return {@code false} if the wait was interrupted
	 */
	boolean pause(RuntimeException error) {
		if (!this.inOutage) {
			this.inOutage = true;
			logger.warn("qless: Redis error while " + this.activity + ", retrying until it answers: " + error);
		}
		try {
			Thread.sleep(this.nextMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		this.nextMillis = Math.min(MAX_MILLIS, this.nextMillis * 2);
		return true;
	}

	void succeeded() {
		if (this.inOutage) {
			logger.info("qless: Redis answers again; resumed " + this.activity);
		}
		this.inOutage = false;
		this.nextMillis = FIRST_MILLIS;
	}

}
