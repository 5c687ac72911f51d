package io.qless.core;

import org.jspecify.annotations.Nullable;

/**
 * The worker no longer holds the job: {@code complete}, {@code fail}, {@code retry} or
 * {@code heartbeat} was refused because the job was handed to another worker, is no longer
 * running (timed out, moved, failed, completed), runs in another queue, or was deleted.
 * A worker that sees this should drop the job without further calls.
 */
public class LockLostException extends JobStateException {

	private final Reason reason;

	/**
	 * Create a new instance.
	 * @param command the qless command that failed
	 * @param scriptMessage the script's message
	 * @param reason why the lock is considered lost
	 * @param cause the driver's exception, if any
	 */
	public LockLostException(String command, String scriptMessage, Reason reason, @Nullable Throwable cause) {
		super(command, scriptMessage, cause);
		this.reason = reason;
	}

	/**
	 * Return why the lock is considered lost.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a worker no longer holds a job.
	 */
	public enum Reason {

		/** The job was handed out to another worker. */
		OTHER_WORKER,

		/** The job is no longer in the {@code running} state. */
		NOT_RUNNING,

		/** The job runs in another queue than the one named. */
		OTHER_QUEUE,

		/** The job no longer exists (for example it was canceled). */
		JOB_GONE

	}

}
