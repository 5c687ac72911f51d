package io.qless.core;

import org.jspecify.annotations.Nullable;

/**
 * The script rejected an argument as missing or malformed: not a number, not JSON, an
 * unknown option or command word, or an option combination it does not allow.
 */
public class QlessArgumentException extends QlessException {

	/**
	 * Create a new instance.
	 * @param command the qless command that failed
	 * @param scriptMessage the script's message
	 * @param cause the driver's exception, if any
	 */
	public QlessArgumentException(String command, String scriptMessage, @Nullable Throwable cause) {
		super(command, scriptMessage, cause);
	}

}
