package io.qless.listener;

/**
 * Decides what becomes of a job whose handler threw: retried after a back-off, failed
 * under a group, or moved on. The container logs the decision (INFO for a retry, WARN
 * when the job fails) and sends it to qless.
 * <p>
 * {@link DefaultQlessErrorHandler} is used unless the application defines a bean of this
 * type, which the auto-configuration then gives to the container factory.
 */
@FunctionalInterface
public interface QlessErrorHandler {

	/**
	 * Decide what becomes of a failed attempt.
	 * @param attempt the failed attempt
	 * @return the decision
	 */
	ErrorDecision handle(FailedAttempt attempt);

}
