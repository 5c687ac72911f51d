package io.qless.handler;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a job's data cannot be converted to the handler's payload type. Retrying
 * cannot help, so the job fails at once.
 */
public class PayloadConversionException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message the detail message
	 * @param cause the conversion error
	 */
	public PayloadConversionException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
