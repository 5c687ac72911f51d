package io.qless.handler;

/**
 * A job arrived whose {@code klass} no handler of this application serves in its queue.
 * The job fails with this exception's class name as its group.
 */
public class NoHandlerException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message the detail message
	 */
	public NoHandlerException(String message) {
		super(message, null, false, false);
	}

}
