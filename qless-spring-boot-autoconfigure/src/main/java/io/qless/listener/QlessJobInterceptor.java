package io.qless.listener;

import io.qless.handler.QlessJobContext;
import org.jspecify.annotations.Nullable;

/**
 * Runs around every handler invocation, on the handler's thread: set up and tear down an
 * MDC, a tenant or a security context, time the handler, or veto the run by throwing.
 * Interceptors are called in order, each wrapping the next; the innermost calls the
 * handler method.
 *
 * <pre class="code">
 * QlessJobInterceptor mdc = (job, chain) -&gt; {
 *     MDC.put("jid", job.jid());
 *     try {
 *         return chain.proceed();
 *     }
 *     finally {
 *         MDC.remove("jid");
 *     }
 * };
 * </pre>
 */
@FunctionalInterface
public interface QlessJobInterceptor {

	/**
	 * Run around one handler invocation.
	 * @param job the job being run
	 * @param chain the rest of the chain, ending with the handler method
	 * @return what the handler returned (a {@code Next} moves the job on)
	 * @throws Exception what the handler or an interceptor threw
	 */
	@Nullable Object intercept(QlessJobContext job, Chain chain) throws Exception;

	/**
	 * The rest of the interceptor chain.
	 */
	@FunctionalInterface
	interface Chain {

		/**
		 * Call the next interceptor, or the handler.
		 * @return what the handler returned
		 * @throws Exception what the handler or an interceptor threw
		 */
		@Nullable Object proceed() throws Exception;

	}

}
