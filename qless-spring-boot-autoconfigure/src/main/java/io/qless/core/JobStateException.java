package io.qless.core;

import org.jspecify.annotations.Nullable;

/**
 * The job exists but is not in a state that allows the command: for example {@code timeout}
 * of a job that is not running, {@code depends} on a job that is not waiting on
 * dependencies, or {@code cancel} of a job that other jobs still depend on.
 */
public class JobStateException extends QlessException {

	/**
	 * Create a new instance.
	 * @param command the qless command that failed
	 * @param scriptMessage the script's message
	 * @param cause the driver's exception, if any
	 */
	public JobStateException(String command, String scriptMessage, @Nullable Throwable cause) {
		super(command, scriptMessage, cause);
	}

}
