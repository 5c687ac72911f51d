package io.qless.core;

/**
 * Callback that adjusts each job a {@link QlessTemplate} puts or requeues, for example to
 * add the throttles declared for its class and queue. Registered with
 * {@link QlessTemplate#addPutRequestCustomizer(PutRequestCustomizer)}; jobs put by other
 * clients are not affected.
 */
@FunctionalInterface
public interface PutRequestCustomizer {

	/**
	 * Return the request to send instead of {@code request}.
	 * @param queue the queue the job goes into
	 * @param request the request as given
	 * @return the request to send (may be {@code request} itself)
	 */
	PutRequest customize(String queue, PutRequest request);

}
