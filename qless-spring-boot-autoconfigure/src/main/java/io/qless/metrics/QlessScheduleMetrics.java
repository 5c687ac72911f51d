package io.qless.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.qless.schedule.ScheduleObserver;

/**
 * Meters of the schedules this instance fires, tagged {@code schedule}:
 * {@value #FIRED} (counter, jobs put for fire times), {@value #LAG} (timer, from the fire
 * time to the put) and {@value #SKIPPED} (counter, missed fire times skipped). Only the
 * instance whose call put a job counts it, so the sums over instances count each fire time
 * once.
 */
public class QlessScheduleMetrics implements ScheduleObserver, MeterBinder {

	/** Name of the counter of jobs put for fire times. */
	public static final String FIRED = "qless.schedule.fired";

	/** Name of the timer from fire time to put. */
	public static final String LAG = "qless.schedule.lag";

	/** Name of the counter of missed fire times skipped. */
	public static final String SKIPPED = "qless.schedule.skipped";

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
	}

	@Override
	public void fired(String schedule, Instant fireTime, Instant putTime) {
		Duration lag = Duration.between(fireTime, putTime);
		for (MeterRegistry registry : this.registries) {
			Counter.builder(FIRED)
				.description("Jobs put by qless schedules for their fire times")
				.baseUnit("jobs")
				.tag("schedule", schedule)
				.register(registry)
				.increment();
			Timer.builder(LAG)
				.description("Time from a schedule's fire time to the put of its job")
				.tag("schedule", schedule)
				.register(registry)
				.record(lag.isNegative() ? Duration.ZERO : lag);
		}
	}

	@Override
	public void skipped(String schedule, Instant firstFireTime, long count) {
		for (MeterRegistry registry : this.registries) {
			Counter.builder(SKIPPED)
				.description("Missed fire times that qless schedules skipped")
				.tag("schedule", schedule)
				.register(registry)
				.increment(count);
		}
	}

}
