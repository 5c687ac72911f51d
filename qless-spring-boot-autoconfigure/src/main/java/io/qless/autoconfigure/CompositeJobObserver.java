package io.qless.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.qless.listener.JobObserver;

/**
 * Tells several {@link JobObserver}s, in order; one that throws does not stop the others
 * from being told.
 */
final class CompositeJobObserver implements JobObserver {

	private final List<JobObserver> observers;

	private CompositeJobObserver(List<JobObserver> observers) {
		this.observers = observers;
	}

	static JobObserver of(List<JobObserver> observers) {
		return switch (observers.size()) {
			case 0 -> JobObserver.NONE;
			case 1 -> observers.get(0);
			default -> new CompositeJobObserver(List.copyOf(observers));
		};
	}

	@Override
	public void jobFinished(String queue, String klass, String outcome, Duration handlerTime) {
		for (JobObserver observer : this.observers) {
			try {
				observer.jobFinished(queue, klass, outcome, handlerTime);
			}
			catch (RuntimeException ex) {
				// An observer must not change what happens to the job.
			}
		}
	}

	@Override
	public void lockLost(String queue, String klass) {
		for (JobObserver observer : this.observers) {
			try {
				observer.lockLost(queue, klass);
			}
			catch (RuntimeException ex) {
				// An observer must not change what happens to the job.
			}
		}
	}

}
