package io.qless.listener;

import java.lang.reflect.Method;

import org.springframework.util.Assert;

/**
 * One handler method serving the jobs of one {@code klass} in one queue.
 *
 * @param id the handler's id, shared by the endpoints of one handler method in several
 * queues; containers can be paused and resumed by it
 * @param klass the job class name the handler serves
 * @param queue the queue
 * @param bean the bean the method is called on
 * @param method the handler method
 * @param options per-handler settings
 */
public record QlessListenerEndpoint(String id, String klass, String queue, Object bean, Method method,
		HandlerOptions options) {

	public QlessListenerEndpoint {
		Assert.hasText(id, "'id' must not be empty");
		Assert.hasText(klass, "'klass' must not be empty");
		Assert.hasText(queue, "'queue' must not be empty");
		Assert.notNull(bean, "'bean' must not be null");
		Assert.notNull(method, "'method' must not be null");
		Assert.notNull(options, "'options' must not be null");
	}

	/**
	 * Create an endpoint whose id is {@code <declaring class simple name>.<method name>}.
	 * @param klass the job class name the handler serves
	 * @param queue the queue
	 * @param bean the bean the method is called on
	 * @param method the handler method
	 * @param options per-handler settings
	 */
	public QlessListenerEndpoint(String klass, String queue, Object bean, Method method, HandlerOptions options) {
		this(method.getDeclaringClass().getSimpleName() + "." + method.getName(), klass, queue, bean, method, options);
	}

	/**
	 * Return a name for logs and errors: {@code klass@queue -> Bean.method}.
	 * @return the description
	 */
	public String description() {
		return this.klass + "@" + this.queue + " -> " + this.method.getDeclaringClass().getSimpleName() + "."
				+ this.method.getName();
	}

}
