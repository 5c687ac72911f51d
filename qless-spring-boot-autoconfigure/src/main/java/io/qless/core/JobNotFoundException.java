package io.qless.core;

import org.jspecify.annotations.Nullable;

/**
 * The job (or recurring job) a command names does not exist. Raised by the administrative
 * commands; the worker commands ({@code complete}, {@code fail}, {@code retry},
 * {@code heartbeat}) raise {@link LockLostException} with reason
 * {@link LockLostException.Reason#JOB_GONE} instead, because for a worker a deleted job is a
 * lost lock.
 */
public class JobNotFoundException extends QlessException {

	/**
	 * Create a new instance.
	 * @param command the qless command that failed
	 * @param scriptMessage the script's message
	 * @param cause the driver's exception, if any
	 */
	public JobNotFoundException(String command, String scriptMessage, @Nullable Throwable cause) {
		super(command, scriptMessage, cause);
	}

}
