package io.qless.listener;

/**
 * A registered handler as a container runs it: its endpoint and the method call with
 * arguments resolved from the job.
 */
record JobHandler(QlessListenerEndpoint endpoint, HandlerMethodInvoker invoker) {
}
