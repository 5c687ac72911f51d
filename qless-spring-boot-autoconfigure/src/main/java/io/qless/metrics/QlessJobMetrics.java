package io.qless.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.qless.listener.JobObserver;

/**
 * Counts job outcomes and times handlers, as the listener containers report them:
 * <ul>
 * <li>{@value #JOBS} (counter): jobs whose outcome qless accepted, tagged {@code queue},
 * {@code klass} and {@code outcome} ({@code completed}, {@code advanced} (completed into a
 * next queue), {@code retried}, {@code failed}, or {@code lock_lost} when the worker no
 * longer held the job);</li>
 * <li>{@value #HANDLER} (timer): how long handler methods ran, tagged {@code queue},
 * {@code klass} and {@code outcome}.</li>
 * </ul>
 */
public class QlessJobMetrics implements JobObserver, MeterBinder {

	/** Name of the job outcome counter. */
	public static final String JOBS = "qless.jobs";

	/** Name of the handler duration timer. */
	public static final String HANDLER = "qless.jobs.handler";

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
			Timer.builder(HANDLER)
				.description("Time qless job handlers ran")
				.tags(tags)
				.register(registry)
				.record(handlerTime);
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
