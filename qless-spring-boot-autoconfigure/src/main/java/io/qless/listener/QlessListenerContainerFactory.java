package io.qless.listener;

import java.util.List;

/**
 * Builds the container that serves one queue for the handlers registered on it.
 */
@FunctionalInterface
public interface QlessListenerContainerFactory {

	/**
	 * Create a container for {@code queue}, dispatching each popped job to the endpoint
	 * whose {@code klass} matches the job's.
	 * @param queue the queue
	 * @param endpoints the handlers of the queue, one per klass
	 * @return a container that is not started yet
	 */
	QlessListenerContainer createContainer(String queue, List<QlessListenerEndpoint> endpoints);

}
