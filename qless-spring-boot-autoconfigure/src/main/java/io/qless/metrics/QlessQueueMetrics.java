package io.qless.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.qless.core.QlessOperations;
import io.qless.core.QlessShards;
import io.qless.core.QueueCounts;
import io.qless.core.QueueStats;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.Assert;

/**
 * Gauges of what qless holds for every known queue, read from Redis at most once per
 * refresh interval however many gauges are read and however often: one {@code queues}
 * call plus one {@code stats} call per queue, cached until the interval has passed. Binding
 * does not touch Redis: the queues known at startup (those the application's handlers
 * serve) get their gauges when bound, so the first scrape has them (reading 0 until qless
 * has seen a job there); other queues get theirs at the first refresh that sees them,
 * which the first read of any of these gauges (at the latest {@value #QUEUES}) triggers.
 * <ul>
 * <li>{@value #QUEUE_JOBS}: jobs in the queue, tagged {@code queue} and {@code state}
 * ({@code waiting}, {@code running}, {@code scheduled}, {@code stalled}, {@code depends},
 * {@code recurring}, {@code throttled});</li>
 * <li>{@value #QUEUE_PAUSED}: 1 if the queue is paused, else 0;</li>
 * <li>{@code qless.queue.wait.count|mean|std} and {@code qless.queue.run.count|mean|std}:
 * qless's own statistics of the current UTC day, which every worker of every language
 * feeds (mean and standard deviation in seconds);</li>
 * <li>{@code qless.queue.failures}, {@code qless.queue.failed} and
 * {@code qless.queue.retries}: failures, still-failed jobs and lost locks of the day;</li>
 * <li>{@value #QUEUES}: number of known queues.</li>
 * </ul>
 * With queues spread over shards ({@code qless.shards.*}), the queues of every shard are
 * read and each queue's meters carry a {@code shard} tag as well.
 */
public class QlessQueueMetrics implements MeterBinder, SmartInitializingSingleton {

	/** Name of the queue depth gauge. */
	public static final String QUEUE_JOBS = "qless.queue.jobs";

	/** Name of the paused gauge. */
	public static final String QUEUE_PAUSED = "qless.queue.paused";

	/** Name of the known queues gauge. */
	public static final String QUEUES = "qless.queues";

	private static final Log logger = LogFactory.getLog(QlessQueueMetrics.class);

	private static final Map<String, ToDoubleFunction<QueueCounts>> STATES = states();

	private final QlessOperations qless;

	private final Duration refreshInterval;

	private final Clock clock;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final Set<String> queuesWithMeters = ConcurrentHashMap.newKeySet();

	private final Supplier<? extends Collection<String>> knownQueues;

	private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

	private volatile long refreshedAt;

	private volatile boolean refreshed;

	/**
	 * Create the gauges' source.
	 * @param qless the qless client
	 * @param refreshInterval how long values are cached
	 * @param clock the clock that picks the statistics day and times the cache
	 */
	public QlessQueueMetrics(QlessOperations qless, Duration refreshInterval, Clock clock) {
		this(qless, refreshInterval, clock, List::of);
	}

	/**
	 * Create the gauges' source, with gauges from the start for some queues.
	 * @param qless the qless client
	 * @param refreshInterval how long values are cached
	 * @param clock the clock that picks the statistics day and times the cache
	 * @param knownQueues the queues to have gauges for as soon as bound
	 */
	public QlessQueueMetrics(QlessOperations qless, Duration refreshInterval, Clock clock,
			Supplier<? extends Collection<String>> knownQueues) {
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(knownQueues, "'knownQueues' must not be null");
		this.knownQueues = knownQueues;
		Assert.notNull(refreshInterval, "'refreshInterval' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.qless = qless;
		this.refreshInterval = refreshInterval;
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		Gauge.builder(QUEUES, this, (metrics) -> metrics.current().counts().size())
			.description("Queues qless knows")
			.register(registry);
		// Queues known or already seen; the others get their gauges when a gauge is first read.
		Set<String> queues = new LinkedHashSet<>(this.knownQueues.get());
		queues.addAll(this.snapshot.counts().keySet());
		for (String queue : queues) {
			registerQueue(registry, queue);
		}
	}

	/**
	 * Give the queues known by now their gauges: the handlers' queues are known once all
	 * singletons exist, which may be after the registries were bound.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		for (String queue : this.knownQueues.get()) {
			if (this.queuesWithMeters.add(queue)) {
				this.registries.forEach((registry) -> registerQueue(registry, queue));
			}
		}
	}

	/**
	 * Read Redis again now, whatever the age of the cached values.
	 */
	public synchronized void refresh() {
		this.refreshedAt = this.clock.millis();
		this.refreshed = true;
		Map<String, QueueCounts> counts = new LinkedHashMap<>();
		Map<String, QueueStats> stats = new LinkedHashMap<>();
		try {
			for (QueueCounts queue : this.qless.queues()) {
				counts.put(queue.name(), queue);
			}
			for (String queue : counts.keySet()) {
				stats.put(queue, this.qless.queue(queue).stats(this.clock.instant()));
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read qless queue counts; keeping the previous values", ex);
			return;
		}
		this.snapshot = new Snapshot(Map.copyOf(counts), Map.copyOf(stats));
		for (String queue : counts.keySet()) {
			if (this.queuesWithMeters.add(queue)) {
				this.registries.forEach((registry) -> registerQueue(registry, queue));
			}
		}
	}

	Snapshot current() {
		if (!this.refreshed || this.clock.millis() - this.refreshedAt >= this.refreshInterval.toMillis()) {
			synchronized (this) {
				if (!this.refreshed || this.clock.millis() - this.refreshedAt >= this.refreshInterval.toMillis()) {
					refresh();
				}
			}
		}
		return this.snapshot;
	}

	private void registerQueue(MeterRegistry registry, String queue) {
		this.queuesWithMeters.add(queue);
		STATES.forEach((state, value) -> Gauge.builder(QUEUE_JOBS, this, (metrics) -> metrics.counts(queue, value))
			.description("Jobs in a qless queue by state")
			.baseUnit("jobs")
			.tags(queueTags(queue))
			.tag("state", state)
			.register(registry));
		Gauge.builder(QUEUE_PAUSED, this, (metrics) -> metrics.counts(queue, (c) -> c.paused() ? 1 : 0))
			.description("Whether a qless queue is paused (1) or not (0)")
			.tags(queueTags(queue))
			.register(registry);
		timing(registry, queue, "wait", QueueStats::waitTimes, "put to pop");
		timing(registry, queue, "run", QueueStats::runTimes, "pop to complete");
		stat(registry, queue, "qless.queue.failures", "Failures in a qless queue today", (s) -> s.failures());
		stat(registry, queue, "qless.queue.failed", "Jobs of a qless queue that failed today and are still failed",
				(s) -> s.failed());
		stat(registry, queue, "qless.queue.retries", "Lost locks in a qless queue today", (s) -> s.retries());
	}

	private void timing(MeterRegistry registry, String queue, String kind,
			Function<QueueStats, QueueStats.Timing> timing, String what) {
		String prefix = "qless.queue." + kind;
		stat(registry, queue, prefix + ".count", "Jobs timed " + what + " in a qless queue today",
				(s) -> timing.apply(s).count());
		Gauge.builder(prefix + ".mean", this, (metrics) -> metrics.stats(queue, (s) -> timing.apply(s).mean()))
			.description("Mean time " + what + " in a qless queue today")
			.baseUnit("seconds")
			.tags(queueTags(queue))
			.register(registry);
		Gauge.builder(prefix + ".std", this, (metrics) -> metrics.stats(queue, (s) -> timing.apply(s).std()))
			.description("Standard deviation of the time " + what + " in a qless queue today")
			.baseUnit("seconds")
			.tags(queueTags(queue))
			.register(registry);
	}

	private void stat(MeterRegistry registry, String queue, String name, String description,
			ToDoubleFunction<QueueStats> value) {
		Gauge.builder(name, this, (metrics) -> metrics.stats(queue, value))
			.description(description)
			.tags(queueTags(queue))
			.register(registry);
	}

	/**
	 * Tag a queue's meters with the queue, and with its shard when queues are spread over
	 * shards.
	 */
	private Tags queueTags(String queue) {
		QlessShards shards = this.qless.shards();
		Tags tags = Tags.of("queue", queue);
		return shards.isSharded() ? tags.and("shard", shards.shardOf(queue).name()) : tags;
	}

	private double counts(String queue, ToDoubleFunction<QueueCounts> value) {
		QueueCounts counts = current().counts().get(queue);
		if (counts == null) {
			return this.knownQueues.get().contains(queue) ? 0 : Double.NaN;
		}
		return value.applyAsDouble(counts);
	}

	private double stats(String queue, ToDoubleFunction<QueueStats> value) {
		QueueStats stats = current().stats().get(queue);
		if (stats == null) {
			return this.knownQueues.get().contains(queue) ? 0 : Double.NaN;
		}
		return value.applyAsDouble(stats);
	}

	private static Map<String, ToDoubleFunction<QueueCounts>> states() {
		Map<String, ToDoubleFunction<QueueCounts>> states = new LinkedHashMap<>();
		states.put("waiting", QueueCounts::waiting);
		states.put("running", QueueCounts::running);
		states.put("scheduled", QueueCounts::scheduled);
		states.put("stalled", QueueCounts::stalled);
		states.put("depends", QueueCounts::depends);
		states.put("recurring", QueueCounts::recurring);
		states.put("throttled", QueueCounts::throttled);
		return states;
	}

	record Snapshot(Map<String, QueueCounts> counts, Map<String, QueueStats> stats) {
	}

}
