package io.qless.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.function.Function;

import org.springframework.util.Assert;

/**
 * A typed qless configuration option: its name in {@code ql:config}, how its
 * text is read and written, and the default the script applies when it is not set.
 *
 * @param name the option name
 * @param type the value type
 * @param parser reads the stored text
 * @param formatter writes a value as text
 * @param defaultValue the effective default
 * @param <T> the value type
 */
public record QlessConfigKey<T>(String name, Class<T> type, Function<String, T> parser, Function<T, String> formatter,
		T defaultValue) {

	/** Lock length of popped jobs. */
	public static final QlessConfigKey<Duration> HEARTBEAT = duration("heartbeat", 60);

	/** Time between the lock-lost warning and the reclaim of an expired lock. */
	public static final QlessConfigKey<Duration> GRACE_PERIOD = duration("grace-period", 10);

	/** How long completed jobs are kept. */
	public static final QlessConfigKey<Duration> JOBS_HISTORY = duration("jobs-history", 604800);

	/** How many completed jobs are kept. */
	public static final QlessConfigKey<Long> JOBS_HISTORY_COUNT = number("jobs-history-count", 50000);

	/** How many history entries a job keeps. */
	public static final QlessConfigKey<Long> MAX_JOB_HISTORY = number("max-job-history", 100);

	/** Days of statistics to keep (informational; the script does not read it). */
	public static final QlessConfigKey<Long> STATS_HISTORY = number("stats-history", 30);

	/** Days of histograms to keep (informational; the script does not read it). */
	public static final QlessConfigKey<Long> HISTOGRAM_HISTORY = number("histogram-history", 7);

	/** Time after which a worker that was not seen is forgotten. */
	public static final QlessConfigKey<Duration> MAX_WORKER_AGE = duration("max-worker-age", 86400);

	/** Application name shown by the web UI. */
	public static final QlessConfigKey<String> APPLICATION = new QlessConfigKey<>("application", String.class,
			Function.identity(), Function.identity(), "qless");

	/**
	 * Create a new instance.
	 * @param name the option name
	 * @param type the value type
	 * @param parser reads the stored text
	 * @param formatter writes a value as text
	 * @param defaultValue the effective default
	 */
	public QlessConfigKey {
		Assert.hasText(name, "'name' must not be empty");
	}

	/**
	 * Return the heartbeat option of one queue ({@code <queue>-heartbeat}). Its effective
	 * default is {@link #HEARTBEAT}; see {@link ConfigOperations#heartbeat(String)}.
	 * @param queue the queue
	 * @return the key
	 */
	public static QlessConfigKey<Duration> heartbeat(String queue) {
		return duration(queue + "-heartbeat", 60);
	}

	/**
	 * Return the concurrency limit of one queue ({@code <queue>-max-concurrency}, 0 for none).
	 * @param queue the queue
	 * @return the key
	 */
	public static QlessConfigKey<Long> maxConcurrency(String queue) {
		return number(queue + "-max-concurrency", 0);
	}

	T parse(String text) {
		return this.parser.apply(text.trim());
	}

	String format(T value) {
		return this.formatter.apply(value);
	}

	private static QlessConfigKey<Duration> duration(String name, long defaultSeconds) {
		return new QlessConfigKey<>(name, Duration.class,
				(text) -> Duration.ofMillis(new BigDecimal(text).movePointRight(3).longValue()), QlessCommands::seconds,
				Duration.ofSeconds(defaultSeconds));
	}

	private static QlessConfigKey<Long> number(String name, long defaultValue) {
		return new QlessConfigKey<>(name, Long.class, (text) -> new BigDecimal(text).longValue(), String::valueOf,
				defaultValue);
	}

}
