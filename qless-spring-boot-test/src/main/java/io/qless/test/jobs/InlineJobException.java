package io.qless.test.jobs;

/**
 * Thrown from a put in the inline mode when the handler of a job it ran threw: the first
 * handler's exception is the cause, the others' are suppressed. qless recorded the error
 * handler's decision (a retry or a failure) before this is thrown.
 */
public class InlineJobException extends RuntimeException {

	private final String jid;

	InlineJobException(String jid, String queue, String klass, Throwable cause) {
		super("qless (inline): the handler of job " + jid + " (" + klass + ") in queue '" + queue + "' threw " + cause,
				cause);
		this.jid = jid;
	}

	/**
	 * Return the jid of the job whose handler threw.
	 * @return the jid
	 */
	public String getJid() {
		return this.jid;
	}

}
