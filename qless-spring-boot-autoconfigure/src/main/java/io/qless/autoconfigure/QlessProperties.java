package io.qless.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qless.core.QlessDialect;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Configuration properties for qless.
 */
@ConfigurationProperties("qless")
public class QlessProperties {

	/**
	 * Worker name this application pops, heartbeats and puts jobs under. Defaults to
	 * "<hostname>-<pid>-<short id>".
	 */
	private @Nullable String workerName;

	/**
	 * Command vocabulary spoken to Redis: "qless" (qless-core) or "reqless" (the reqless
	 * fork's commands and replies, for databases shared with reqless clients).
	 */
	private QlessDialect dialect = QlessDialect.QLESS;

	/**
	 * Longest a qless call waits for Redis before it fails with a
	 * QlessUnavailableException (Lettuce's own "spring.data.redis.timeout" applies too,
	 * whichever is shorter). A call that times out while Redis is unreachable is cancelled,
	 * never sent later.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	/**
	 * Whether puts (and batches that put) made inside a Spring transaction wait for its
	 * commit, and are dropped if it rolls back. Has an effect only where the application
	 * runs transactions (a PlatformTransactionManager).
	 */
	private boolean afterCommitPuts = true;

	private final Server server = new Server();

	/**
	 * Throttles whose maximum is set at startup, by throttle id (a queue's implicit
	 * throttle is "[ql:q:<queue>]"). They are also reported by the meters and the endpoint.
	 */
	private Map<String, Throttle> throttles = new LinkedHashMap<>();

	/**
	 * Shards by name: each one a complete qless key space whose keys share the hash tag
	 * "{<name>}" (ql:{orders}:j:<jid>), owning the queues it lists. Queues no shard lists
	 * belong to the default shard, which keeps the plain ql: keys on a single Redis and is
	 * ql:{default}: on a Redis Cluster.
	 */
	private Map<String, Shard> shards = new LinkedHashMap<>();

	private final Listener listener = new Listener();

	private final Schedules schedules = new Schedules();

	private final Metrics metrics = new Metrics();

	private final Events events = new Events();

	private final Health health = new Health();

	public @Nullable String getWorkerName() {
		return this.workerName;
	}

	public void setWorkerName(@Nullable String workerName) {
		this.workerName = workerName;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public boolean isAfterCommitPuts() {
		return this.afterCommitPuts;
	}

	public void setAfterCommitPuts(boolean afterCommitPuts) {
		this.afterCommitPuts = afterCommitPuts;
	}

	public QlessDialect getDialect() {
		return this.dialect;
	}

	public void setDialect(QlessDialect dialect) {
		this.dialect = dialect;
	}

	public Server getServer() {
		return this.server;
	}

	public Map<String, Throttle> getThrottles() {
		return this.throttles;
	}

	public void setThrottles(Map<String, Throttle> throttles) {
		this.throttles = throttles;
	}

	public Map<String, Shard> getShards() {
		return this.shards;
	}

	public void setShards(Map<String, Shard> shards) {
		this.shards = shards;
	}

	public Listener getListener() {
		return this.listener;
	}

	public Schedules getSchedules() {
		return this.schedules;
	}

	public Events getEvents() {
		return this.events;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Health getHealth() {
		return this.health;
	}

	/**
	 * qless server options, kept in Redis ({@code ql:config}) and shared by the workers of
	 * every language. Only options that are set here are written or compared.
	 */
	public static class Server {

		/**
		 * Whether to write the options set here to Redis at startup. When false, options that
		 * differ from Redis are only logged as a warning.
		 */
		private boolean writeOnStartup = true;

		/**
		 * Lock length of popped jobs, for every queue without its own heartbeat
		 * ("heartbeat"). qless defaults to 60 seconds.
		 */
		private @Nullable Duration heartbeat;

		/**
		 * Lock length of popped jobs per queue ("<queue>-heartbeat").
		 */
		private Map<String, Duration> queueHeartbeat = new LinkedHashMap<>();

		/**
		 * Most jobs of a queue that may run at the same time across all workers
		 * ("<queue>-max-concurrency", 0 for no limit).
		 */
		private Map<String, Integer> maxConcurrency = new LinkedHashMap<>();

		/**
		 * Time completed jobs are kept ("jobs-history"). qless defaults to 7 days.
		 */
		private @Nullable Duration jobsHistory;

		/**
		 * Number of completed jobs kept ("jobs-history-count"). qless defaults to 50000.
		 */
		private @Nullable Long jobsHistoryCount;

		/**
		 * Number of history entries each job keeps ("max-job-history"). qless defaults to
		 * 100.
		 */
		private @Nullable Long maxJobHistory;

		/**
		 * Time between the lock-lost notice and the reclaim of an expired lock
		 * ("grace-period"). qless defaults to 10 seconds.
		 */
		private @Nullable Duration gracePeriod;

		/**
		 * Time queue statistics are kept, in whole days ("stats-history"). qless defaults to
		 * 30 days.
		 */
		@DurationUnit(ChronoUnit.DAYS)
		private @Nullable Duration statsHistory;

		/**
		 * Time histograms are kept, in whole days ("histogram-history"). qless defaults to 7
		 * days.
		 */
		@DurationUnit(ChronoUnit.DAYS)
		private @Nullable Duration histogramHistory;

		/**
		 * Time after which a worker that was not seen is forgotten ("max-worker-age"). qless
		 * defaults to 1 day.
		 */
		private @Nullable Duration maxWorkerAge;

		public boolean isWriteOnStartup() {
			return this.writeOnStartup;
		}

		public void setWriteOnStartup(boolean writeOnStartup) {
			this.writeOnStartup = writeOnStartup;
		}

		public @Nullable Duration getHeartbeat() {
			return this.heartbeat;
		}

		public void setHeartbeat(@Nullable Duration heartbeat) {
			this.heartbeat = heartbeat;
		}

		public Map<String, Duration> getQueueHeartbeat() {
			return this.queueHeartbeat;
		}

		public void setQueueHeartbeat(Map<String, Duration> queueHeartbeat) {
			this.queueHeartbeat = queueHeartbeat;
		}

		public Map<String, Integer> getMaxConcurrency() {
			return this.maxConcurrency;
		}

		public void setMaxConcurrency(Map<String, Integer> maxConcurrency) {
			this.maxConcurrency = maxConcurrency;
		}

		public @Nullable Duration getJobsHistory() {
			return this.jobsHistory;
		}

		public void setJobsHistory(@Nullable Duration jobsHistory) {
			this.jobsHistory = jobsHistory;
		}

		public @Nullable Long getJobsHistoryCount() {
			return this.jobsHistoryCount;
		}

		public void setJobsHistoryCount(@Nullable Long jobsHistoryCount) {
			this.jobsHistoryCount = jobsHistoryCount;
		}

		public @Nullable Long getMaxJobHistory() {
			return this.maxJobHistory;
		}

		public void setMaxJobHistory(@Nullable Long maxJobHistory) {
			this.maxJobHistory = maxJobHistory;
		}

		public @Nullable Duration getGracePeriod() {
			return this.gracePeriod;
		}

		public void setGracePeriod(@Nullable Duration gracePeriod) {
			this.gracePeriod = gracePeriod;
		}

		public @Nullable Duration getStatsHistory() {
			return this.statsHistory;
		}

		public void setStatsHistory(@Nullable Duration statsHistory) {
			this.statsHistory = statsHistory;
		}

		public @Nullable Duration getHistogramHistory() {
			return this.histogramHistory;
		}

		public void setHistogramHistory(@Nullable Duration histogramHistory) {
			this.histogramHistory = histogramHistory;
		}

		public @Nullable Duration getMaxWorkerAge() {
			return this.maxWorkerAge;
		}

		public void setMaxWorkerAge(@Nullable Duration maxWorkerAge) {
			this.maxWorkerAge = maxWorkerAge;
		}

	}

	/**
	 * Schedules: these options, and the schedules themselves as
	 * {@code qless.schedules.<name>.*} ({@link QlessScheduleProperties}), under any name but
	 * {@code enabled}, {@code prune} and {@code misfire-threshold}.
	 */
	public static class Schedules {

		/**
		 * Whether this application registers the schedules it declares (annotations and
		 * properties) at startup and fires the due cron schedules of the Redis database.
		 */
		private boolean enabled = true;

		/**
		 * Whether schedules in Redis that this application does not declare are deleted at
		 * startup. Otherwise they are kept, and listed in the log.
		 */
		private boolean prune;

		/**
		 * Time after its fire time within which a fire time is still fired as usual; an older
		 * one counts as missed, and its schedule's misfire policy applies.
		 */
		private Duration misfireThreshold = Duration.ofMinutes(1);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isPrune() {
			return this.prune;
		}

		public void setPrune(boolean prune) {
			this.prune = prune;
		}

		public Duration getMisfireThreshold() {
			return this.misfireThreshold;
		}

		public void setMisfireThreshold(Duration misfireThreshold) {
			this.misfireThreshold = misfireThreshold;
		}

	}

	/**
	 * A shard: a qless key space of its own, which a Redis Cluster keeps in one slot.
	 */
	public static class Shard {

		/**
		 * Queue names and patterns the shard owns ("*" for any run of characters, "?" for
		 * one), for example "orders-*,billing". An exact name wins over a pattern; among
		 * patterns, the first shard that declares a matching one.
		 */
		private List<String> queues = new ArrayList<>();

		public List<String> getQueues() {
			return this.queues;
		}

		public void setQueues(List<String> queues) {
			this.queues = queues;
		}

	}

	/**
	 * A throttle: a limit on how many jobs holding it run at once across all workers.
	 */
	public static class Throttle {

		/**
		 * Most jobs holding this throttle that run at the same time, 0 for no limit. Written
		 * at startup like the qless.server.* options.
		 */
		private @Nullable Long maximum;

		/**
		 * Time after which the throttle's maximum is removed (it is then unlimited). Set
		 * when the maximum is written; none by default.
		 */
		private @Nullable Duration expiry;

		public @Nullable Long getMaximum() {
			return this.maximum;
		}

		public void setMaximum(@Nullable Long maximum) {
			this.maximum = maximum;
		}

		public @Nullable Duration getExpiry() {
			return this.expiry;
		}

		public void setExpiry(@Nullable Duration expiry) {
			this.expiry = expiry;
		}

	}

	/**
	 * Defaults of the listener containers that run {@code @QueueHandler} methods.
	 */
	public static class Listener {

		/**
		 * Number of jobs of a queue run at the same time by this application, unless a
		 * handler asks for another.
		 */
		private int concurrency = 1;

		/**
		 * Most jobs one pop asks for. Up to two batches of popped jobs wait locally for a
		 * handler thread, and only as many as handlers get through in about 100 ms, so slow
		 * jobs are not held back from other workers.
		 */
		private int batchSize = 64;

		/**
		 * Time an idle container waits for a wake-up before it polls anyway.
		 */
		private Duration idlePollInterval = Duration.ofSeconds(1);

		/**
		 * Whether idle containers pop at once when qless announces work in their queue.
		 */
		private boolean wakeUp = true;

		/**
		 * Time stopping waits for running handlers, for all containers together (sending
		 * the last outcomes and deregistering the worker take up to about 4 s more).
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(30);

		/**
		 * Longest a handler may run for one job before the container gives the job up: it
		 * stops heartbeating it (qless hands it to another worker once its lease ends),
		 * interrupts the handler and frees its slot. 0 for no limit; a handler may set its
		 * own with @QueueHandler(timeout).
		 */
		private Duration handlerTimeout = Duration.ZERO;

		/**
		 * Whether containers start with the application context.
		 */
		private boolean autoStartup = true;

		/**
		 * Exception types that fail a job at once instead of retrying it.
		 */
		private List<Class<? extends Throwable>> nonRetryable = new ArrayList<>();

		private final BackOff backOff = new BackOff();

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public Duration getIdlePollInterval() {
			return this.idlePollInterval;
		}

		public void setIdlePollInterval(Duration idlePollInterval) {
			this.idlePollInterval = idlePollInterval;
		}

		public boolean isWakeUp() {
			return this.wakeUp;
		}

		public void setWakeUp(boolean wakeUp) {
			this.wakeUp = wakeUp;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public boolean isAutoStartup() {
			return this.autoStartup;
		}

		public void setAutoStartup(boolean autoStartup) {
			this.autoStartup = autoStartup;
		}

		public Duration getHandlerTimeout() {
			return this.handlerTimeout;
		}

		public void setHandlerTimeout(Duration handlerTimeout) {
			this.handlerTimeout = handlerTimeout;
		}

		public List<Class<? extends Throwable>> getNonRetryable() {
			return this.nonRetryable;
		}

		public void setNonRetryable(List<Class<? extends Throwable>> nonRetryable) {
			this.nonRetryable = nonRetryable;
		}

		public BackOff getBackOff() {
			return this.backOff;
		}

	}

	/**
	 * Delay before qless hands a failed attempt out again.
	 */
	public static class BackOff {

		/**
		 * Delay before the first retry.
		 */
		private Duration initial = Duration.ofSeconds(1);

		/**
		 * Factor applied to the delay for each further retry; 1 for a fixed delay.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest delay between retries.
		 */
		private Duration max = Duration.ofMinutes(5);

		public Duration getInitial() {
			return this.initial;
		}

		public void setInitial(Duration initial) {
			this.initial = initial;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMax() {
			return this.max;
		}

		public void setMax(Duration max) {
			this.max = max;
		}

	}

	/**
	 * qless pub/sub events.
	 */
	public static class Events {

		/**
		 * Whether to publish every qless event (job put, completed, failed, lock lost, ...)
		 * as a Spring application event, for {@code @EventListener} methods. Off by default:
		 * qless publishes several events per job.
		 */
		private boolean applicationEvents;

		public boolean isApplicationEvents() {
			return this.applicationEvents;
		}

		public void setApplicationEvents(boolean applicationEvents) {
			this.applicationEvents = applicationEvents;
		}

	}

	/**
	 * Micrometer meters.
	 */
	public static class Metrics {

		/**
		 * Whether to bind qless meters to the application's MeterRegistry.
		 */
		private boolean enabled = true;

		/**
		 * Time queue depth and statistics gauges are cached before Redis is read again.
		 */
		private Duration refreshInterval = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getRefreshInterval() {
			return this.refreshInterval;
		}

		public void setRefreshInterval(Duration refreshInterval) {
			this.refreshInterval = refreshInterval;
		}

	}

	/**
	 * The "qless" health indicator, switched on and off with
	 * "management.health.qless.enabled".
	 */
	public static class Health {

		/**
		 * Largest difference between this host's clock and Redis TIME before the health
		 * indicator reports DOWN; qless trusts client clocks for locks and schedules.
		 */
		private Duration clockSkewThreshold = Duration.ofSeconds(5);

		/**
		 * Longest a health probe waits for Redis before it reports DOWN.
		 */
		private Duration timeout = Duration.ofSeconds(1);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getClockSkewThreshold() {
			return this.clockSkewThreshold;
		}

		public void setClockSkewThreshold(Duration clockSkewThreshold) {
			this.clockSkewThreshold = clockSkewThreshold;
		}

	}

}
