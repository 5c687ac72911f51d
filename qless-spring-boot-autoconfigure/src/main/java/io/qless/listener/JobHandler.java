package io.qless.listener;

/**
 * A registered handler as a container runs it: the method to call and what to do when it
 * throws.
 */
record JobHandler(QlessListenerEndpoint endpoint, HandlerMethodInvoker invoker, FailurePolicy failurePolicy) {
}
