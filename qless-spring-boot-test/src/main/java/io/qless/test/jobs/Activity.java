package io.qless.test.jobs;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.qless.core.QlessOperations;
import io.qless.core.QueueCounts;
import io.qless.listener.QlessListenerContainer;
import io.qless.listener.QlessListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Reads what is going on: the job counts of every queue (one script call) and what this
 * application's listener containers hold.
 */
final class Activity {

	private final QlessOperations qless;

	private final QlessListenerEndpointRegistry registry;

	private final @Nullable InlineJobRunner inline;

	Activity(QlessOperations qless, QlessListenerEndpointRegistry registry, @Nullable InlineJobRunner inline) {
		this.qless = qless;
		this.registry = registry;
		this.inline = inline;
	}

	Snapshot read() {
		// Containers first: a job they hand back to qless is then counted in Redis.
		Collection<QlessListenerContainer> containers = this.registry.getContainers();
		Set<String> served = new LinkedHashSet<>();
		Set<String> paused = new LinkedHashSet<>();
		int inFlight = 0;
		for (QlessListenerContainer container : containers) {
			inFlight += container.getJobsInFlight().size();
			if (container.isRunning() && !container.isPauseRequested()) {
				served.add(container.getQueue());
			}
			else if (container.isPauseRequested()) {
				paused.add(container.getQueue());
			}
		}
		boolean pending = this.inline != null && this.inline.hasPending();
		Map<String, QueueCounts> counts = new LinkedHashMap<>();
		for (QueueCounts queue : this.qless.queues()) {
			counts.put(queue.name(), queue);
		}
		return new Snapshot(counts, served, paused, inFlight + (pending ? 1 : 0));
	}

	/**
	 * What was going on at one moment.
	 *
	 * @param counts the job counts, by queue
	 * @param served the queues a running, unpaused container of this application serves
	 * @param paused the queues whose container is paused
	 * @param local jobs this application holds (popped, not yet settled in Redis)
	 */
	record Snapshot(Map<String, QueueCounts> counts, Set<String> served, Set<String> paused, int local) {

		QueueCounts counts(String queue) {
			QueueCounts found = this.counts.get(queue);
			return (found != null) ? found : new QueueCounts(queue, 0, 0, 0, 0, 0, 0, 0, false);
		}

		/**
		 * Return whether any job runs: held here, or running in any queue.
		 */
		boolean anyRunning() {
			return this.local > 0 || this.counts.values().stream().anyMatch((queue) -> queue.running() > 0);
		}

		/**
		 * Return whether a served queue has a job ready or running.
		 */
		boolean servedBusy() {
			return this.local > 0 || this.served.stream()
				.map(this::counts)
				.anyMatch((queue) -> queue.waiting() + queue.stalled() + queue.running() > 0);
		}

		static long jobs(QueueCounts queue) {
			return queue.waiting() + queue.stalled() + queue.running() + queue.scheduled() + queue.depends()
					+ queue.throttled();
		}

	}

}
