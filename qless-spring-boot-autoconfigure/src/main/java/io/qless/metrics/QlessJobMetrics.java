package io.qless.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.qless.listener.JobObserver;

/**
 * Counts job outcomes, as the listener containers report them: {@value #JOBS} (counter),
 * jobs whose outcome qless accepted, tagged {@code queue}, {@code klass} and
 * {@code outcome} ({@code completed}, {@code advanced} (completed into a next queue),
 * {@code retried}, {@code failed}), and jobs this worker gave up: {@code lock_lost} (it no
 * longer held the job) and {@code timed_out} (its handler ran past its timeout). Handler
 * time is measured once, by the job observation
 * ({@link io.qless.listener.QlessJobObservation}, timer {@code qless.job}).
 */
public class QlessJobMetrics implements JobObserver, MeterBinder {

	/** Name of the job outcome counter. */
	public static final String JOBS = "qless.jobs";

	/** Outcome tag of jobs whose lock was lost. */
	public static final String LOCK_LOST = "lock_lost";

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
	}

	@Override
	public void jobFinished(String queue, String klass, String outcome, Duration handlerTime) {
		Tags tags = Tags.of("queue", queue, "klass", klass, "outcome", outcome);
		for (MeterRegistry registry : this.registries) {
			counter(registry, tags).increment();
		}
	}

	@Override
	public void lockLost(String queue, String klass) {
		Tags tags = Tags.of("queue", queue, "klass", klass, "outcome", LOCK_LOST);
		for (MeterRegistry registry : this.registries) {
			counter(registry, tags).increment();
		}
	}

	private static Counter counter(MeterRegistry registry, Tags tags) {
		return Counter.builder(JOBS).description("qless jobs by outcome").baseUnit("jobs").tags(tags).register(registry);
	}

}
