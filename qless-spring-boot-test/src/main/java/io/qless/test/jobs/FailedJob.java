package io.qless.test.jobs;

/**
 * A job that ended in the {@code failed} state.
 *
 * @param jid the job id
 * @param queue the queue it failed in
 * @param klass the job class
 * @param group the failure group, for example the exception's class name
 * @param message the failure message
 */
public record FailedJob(String jid, String queue, String klass, String group, String message) {

}
