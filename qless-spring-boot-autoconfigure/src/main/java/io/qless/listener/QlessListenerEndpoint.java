package io.qless.listener;

import java.lang.reflect.Method;

import org.springframework.util.Assert;

/**
 * One handler method serving the jobs of one {@code klass} in one queue.
 *
 * @param klass the job class name the handler serves
 * @param queue the queue
 * @param bean the bean the method is called on
 * @param method the handler method
 * @param options per-handler settings
 */
public record QlessListenerEndpoint(String klass, String queue, Object bean, Method method, HandlerOptions options) {

	public QlessListenerEndpoint {
		Assert.hasText(klass, "'klass' must not be empty");
		Assert.hasText(queue, "'queue' must not be empty");
		Assert.notNull(bean, "'bean' must not be null");
		Assert.notNull(method, "'method' must not be null");
		Assert.notNull(options, "'options' must not be null");
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
