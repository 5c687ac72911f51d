package io.qless.core;

import org.jspecify.annotations.Nullable;

/**
 * Redis could not be reached, or did not answer a qless call within the template's
 * {@linkplain QlessTemplate#setTimeout(java.time.Duration) timeout}. Unlike the other
 * {@link QlessException}s this is not an answer of the script: the call may be tried again
 * once Redis is back. A call that timed out was cancelled if it had not been sent yet; one
 * already sent may still have run (a put with a jid of your own is safe to repeat: putting
 * an existing jid again moves the job, it does not duplicate it).
 * <p>
 * {@link #getScriptMessage()} returns the reason, for example
 * {@code Redis at localhost:6379 is unreachable (not connected); gave up after 5s}.
 */
public class QlessUnavailableException extends QlessException {

	/**
	 * Create an exception.
	 * @param command the qless command that could not be run
	 * @param reason why, naming the Redis server
	 * @param cause the driver's exception, if any
	 */
	public QlessUnavailableException(String command, String reason, @Nullable Throwable cause) {
		super(command, reason, cause);
	}

}
