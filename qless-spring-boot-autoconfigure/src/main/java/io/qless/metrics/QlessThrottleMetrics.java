package io.qless.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.qless.core.QlessOperations;
import io.qless.core.ThrottleStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Gauges of the throttles the application knows (declared on handlers without
 * expressions, or configured with {@code qless.throttles.*}), read from Redis at most once
 * per refresh interval, like {@link QlessQueueMetrics}: one pipelined round trip of three
 * calls per throttle ({@code throttle.get}, {@code throttle.locks},
 * {@code throttle.pending}). Binding does not touch Redis.
 * <ul>
 * <li>{@value #LOCKS}: jobs holding a lock on the throttle, tagged {@code throttle};</li>
 * <li>{@value #PENDING}: jobs waiting for a lock;</li>
 * <li>{@value #MAXIMUM}: the throttle's maximum, 0 for no limit.</li>
 * </ul>
 */
public class QlessThrottleMetrics implements MeterBinder {

	/** Name of the locks gauge. */
	public static final String LOCKS = "qless.throttle.locks";

	/** Name of the pending jobs gauge. */
	public static final String PENDING = "qless.throttle.pending";

	/** Name of the maximum gauge. */
	public static final String MAXIMUM = "qless.throttle.maximum";

	private static final Log logger = LogFactory.getLog(QlessThrottleMetrics.class);

	private final QlessOperations qless;

	private final Supplier<? extends Set<String>> throttles;

	private final Duration refreshInterval;

	private final Clock clock;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final Set<String> throttlesWithMeters = ConcurrentHashMap.newKeySet();

	private volatile Map<String, ThrottleStatus> snapshot = Map.of();

	private volatile long refreshedAt;

	private volatile boolean refreshed;

	/**
	 * Create the gauges' source.
	 * @param qless the qless client
	 * @param throttles the ids of the throttles to report, asked again at each refresh
	 * @param refreshInterval how long values are cached
	 * @param clock the clock that times the cache
	 */
	public QlessThrottleMetrics(QlessOperations qless, Supplier<? extends Set<String>> throttles,
			Duration refreshInterval, Clock clock) {
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(throttles, "'throttles' must not be null");
		Assert.notNull(refreshInterval, "'refreshInterval' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.qless = qless;
		this.throttles = throttles;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		for (String throttle : this.throttles.get()) {
			this.throttlesWithMeters.add(throttle);
			register(registry, throttle);
		}
	}

	/**
	 * Read Redis again now, whatever the age of the cached values, and give throttles that
	 * became known since the last refresh their gauges.
	 */
	public synchronized void refresh() {
		this.refreshedAt = this.clock.millis();
		this.refreshed = true;
		Set<String> ids = this.throttles.get();
		Map<String, ThrottleStatus> status = new LinkedHashMap<>();
		try {
			for (ThrottleStatus throttle : this.qless.throttles().status(ids)) {
				status.put(throttle.id(), throttle);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read qless throttles; keeping the previous values", ex);
			return;
		}
		this.snapshot = Map.copyOf(status);
		for (String id : ids) {
			if (this.throttlesWithMeters.add(id)) {
				this.registries.forEach((registry) -> register(registry, id));
			}
		}
	}

	Map<String, ThrottleStatus> current() {
		if (!this.refreshed || this.clock.millis() - this.refreshedAt >= this.refreshInterval.toMillis()) {
			synchronized (this) {
				if (!this.refreshed || this.clock.millis() - this.refreshedAt >= this.refreshInterval.toMillis()) {
					refresh();
				}
			}
		}
		return this.snapshot;
	}

	private void register(MeterRegistry registry, String throttle) {
		gauge(registry, throttle, LOCKS, "Jobs holding a lock on a qless throttle", ThrottleStatus::locks);
		gauge(registry, throttle, PENDING, "Jobs waiting for a lock on a qless throttle", ThrottleStatus::pending);
		Gauge.builder(MAXIMUM, this, (metrics) -> metrics.value(throttle, ThrottleStatus::maximum))
			.description("Maximum of a qless throttle, 0 for no limit")
			.tag("throttle", throttle)
			.register(registry);
	}

	private void gauge(MeterRegistry registry, String throttle, String name, String description,
			ToDoubleFunction<ThrottleStatus> value) {
		Gauge.builder(name, this, (metrics) -> metrics.value(throttle, value))
			.description(description)
			.baseUnit("jobs")
			.tag("throttle", throttle)
			.register(registry);
	}

	private double value(String throttle, ToDoubleFunction<ThrottleStatus> value) {
		ThrottleStatus status = current().get(throttle);
		return (status != null) ? value.applyAsDouble(status) : Double.NaN;
	}

}
