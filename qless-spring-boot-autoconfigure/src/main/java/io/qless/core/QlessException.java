package io.qless.core;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;

/**
 * Base class of the errors raised when the qless script rejects a command. The message is
 * the script's own message with the Redis script/line wrapper removed; {@link #getCommand()}
 * names the qless command that failed.
 * <p>
 * Subclasses tell the common cases apart: {@link JobNotFoundException},
 * {@link LockLostException} (the caller no longer holds the job's lock),
 * {@link JobStateException} (the job is not in a state the command allows) and
 * {@link QlessArgumentException} (a malformed or missing argument). Errors the script raises
 * with any other message are reported as a plain {@code QlessException}.
 * {@link QlessUnavailableException} is the one subclass that is not a script error: Redis
 * could not be reached, or did not answer in time.
 */
public class QlessException extends DataAccessException {

	private final String command;

	private final String scriptMessage;

	/**
	 * Create a new instance.
	 * @param command the qless command that failed
	 * @param scriptMessage the script's message, without the Redis wrapper
	 * @param cause the driver's exception, if any
	 */
	public QlessException(String command, String scriptMessage, @Nullable Throwable cause) {
		super(command + ": " + scriptMessage, cause);
		this.command = command;
		this.scriptMessage = scriptMessage;
	}

	/**
	 * Return the qless command that failed, for example {@code complete}.
	 * @return the command name
	 */
	public String getCommand() {
		return this.command;
	}

	/**
	 * Return the message the script raised, for example
	 * {@code Complete(): Job abc does not exist}.
	 * @return the script's message
	 */
	public String getScriptMessage() {
		return this.scriptMessage;
	}

}
