package io.qless.listener;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells several {@link JobObserver}s, in order; one that throws is logged and does not
 * stop the others from being told, nor change what happens to the job.
 */
public final class CompositeJobObserver implements JobObserver {

	private static final Log logger = LogFactory.getLog(CompositeJobObserver.class);

	private final List<JobObserver> observers;

	private CompositeJobObserver(List<JobObserver> observers) {
		this.observers = observers;
	}

	/**
	 * Return an observer that tells all of {@code observers}.
	 * @param observers the observers, in order
	 * @return the observer
	 */
	public static JobObserver of(List<JobObserver> observers) {
		return switch (observers.size()) {
			case 0 -> JobObserver.NONE;
			case 1 -> observers.get(0);
			default -> new CompositeJobObserver(List.copyOf(observers));
		};
	}

	@Override
	public void jobFinished(String queue, String klass, String outcome, Duration handlerTime) {
		tellAll((observer) -> observer.jobFinished(queue, klass, outcome, handlerTime));
	}

	@Override
	public void lockLost(String queue, String klass) {
		tellAll((observer) -> observer.lockLost(queue, klass));
	}

	private void tellAll(Consumer<JobObserver> event) {
		for (JobObserver observer : this.observers) {
			try {
				event.accept(observer);
			}
			catch (RuntimeException ex) {
				logger.warn("qless: job observer " + observer + " failed", ex);
			}
		}
	}

}
