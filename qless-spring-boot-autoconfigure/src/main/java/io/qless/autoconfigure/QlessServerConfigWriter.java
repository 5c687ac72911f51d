package io.qless.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.qless.core.QlessConfigKey;
import io.qless.core.QlessOperations;
import io.qless.core.Throttle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.Assert;

/**
 * Brings the qless options in Redis ({@code ql:config}) in line with
 * {@code qless.server.*} once, after all singletons exist and before the listener
 * containers start. Only options the application sets are touched. An option already
 * holding the wanted value is not written again, so running it twice changes nothing.
 * With {@code qless.server.write-on-startup=false} nothing is written and every option
 * Redis holds with another value is logged as a warning (drift). The maxima of
 * {@code qless.throttles.*} are brought in line the same way: a throttle that does not
 * exist or has another maximum is set (with its expiry, if one is configured); one with
 * the wanted maximum is left alone, so its expiry is not renewed. Redis being unreachable
 * is logged, not fatal: the application may start before Redis does.
 */
public class QlessServerConfigWriter implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(QlessServerConfigWriter.class);

	private final QlessOperations qless;

	private final QlessProperties.Server server;

	private final Map<String, QlessProperties.Throttle> throttles;

	/**
	 * Create a writer of server options only.
	 * @param qless the qless client
	 * @param server the options to write
	 */
	public QlessServerConfigWriter(QlessOperations qless, QlessProperties.Server server) {
		this(qless, server, Map.of());
	}

	/**
	 * Create a writer.
	 * @param qless the qless client
	 * @param server the options to write
	 * @param throttles the throttles whose maximum to write, by id
	 */
	public QlessServerConfigWriter(QlessOperations qless, QlessProperties.Server server,
			Map<String, QlessProperties.Throttle> throttles) {
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(server, "'server' must not be null");
		Assert.notNull(throttles, "'throttles' must not be null");
		this.qless = qless;
		this.server = server;
		this.throttles = throttles;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, String> wanted = wantedOptions();
		try {
			if (!wanted.isEmpty()) {
				apply(wanted);
			}
			applyThrottles();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not bring the qless options in Redis in line with qless.server.* and qless.throttles.*: "
					+ ex.getMessage());
		}
	}

	/**
	 * Write or compare the configured throttle maxima.
	 * @return the throttles whose maximum in Redis differed (or that did not exist), by
	 * id, with the wanted maximum
	 */
	public Map<String, Long> applyThrottles() {
		Map<String, Long> differing = new LinkedHashMap<>();
		this.throttles.forEach((id, wanted) -> {
			Long maximum = wanted.getMaximum();
			if (maximum == null) {
				return;
			}
			Throttle held = this.qless.throttles().get(id);
			if (held.exists() && held.maximum() == maximum) {
				return;
			}
			differing.put(id, maximum);
			String was = held.exists() ? Long.toString(held.maximum()) : "not set";
			if (this.server.isWriteOnStartup()) {
				Duration expiry = wanted.getExpiry();
				if (expiry != null) {
					this.qless.throttles().set(id, maximum, expiry);
				}
				else {
					this.qless.throttles().set(id, maximum);
				}
				logger.info("qless throttle '" + id + "' maximum set to " + maximum
						+ ((expiry != null) ? " for " + expiry : "") + " (was " + was + ")");
			}
			else {
				logger.warn("qless throttle '" + id + "' maximum is " + was + " in Redis but qless.throttles.* says "
						+ maximum + "; not written because qless.server.write-on-startup=false");
			}
		});
		return differing;
	}

	/**
	 * Write or compare the configured options.
	 * @return the options whose value in Redis differed, by name, with the wanted value
	 */
	public Map<String, String> apply() {
		return apply(wantedOptions());
	}

	private Map<String, String> apply(Map<String, String> wanted) {
		Map<String, String> current = this.qless.config().getAll();
		Map<String, String> differing = new LinkedHashMap<>();
		wanted.forEach((name, value) -> {
			String held = current.get(name);
			if (!sameValue(held, value)) {
				differing.put(name, value);
			}
		});
		differing.forEach((name, value) -> {
			String held = current.get(name);
			if (this.server.isWriteOnStartup()) {
				this.qless.config().set(name, value);
				logger.info("qless option '" + name + "' set to " + value + " (was " + held + ")");
			}
			else {
				logger.warn("qless option '" + name + "' is " + held + " in Redis but qless.server.* says " + value
						+ "; not written because qless.server.write-on-startup=false");
			}
		});
		return differing;
	}

	/**
	 * Return the options set in {@code qless.server.*} as qless stores them.
	 * @return the options by name
	 */
	public Map<String, String> wantedOptions() {
		Map<String, String> options = new LinkedHashMap<>();
		put(options, QlessConfigKey.HEARTBEAT, this.server.getHeartbeat());
		this.server.getQueueHeartbeat().forEach((queue, value) -> put(options, QlessConfigKey.heartbeat(queue), value));
		this.server.getMaxConcurrency()
			.forEach((queue, value) -> put(options, QlessConfigKey.maxConcurrency(queue), value.longValue()));
		put(options, QlessConfigKey.JOBS_HISTORY, this.server.getJobsHistory());
		put(options, QlessConfigKey.JOBS_HISTORY_COUNT, this.server.getJobsHistoryCount());
		put(options, QlessConfigKey.MAX_JOB_HISTORY, this.server.getMaxJobHistory());
		put(options, QlessConfigKey.GRACE_PERIOD, this.server.getGracePeriod());
		put(options, QlessConfigKey.STATS_HISTORY, days(this.server.getStatsHistory()));
		put(options, QlessConfigKey.HISTOGRAM_HISTORY, days(this.server.getHistogramHistory()));
		put(options, QlessConfigKey.MAX_WORKER_AGE, this.server.getMaxWorkerAge());
		return options;
	}

	private static <T> void put(Map<String, String> options, QlessConfigKey<T> key, @Nullable T value) {
		if (value != null) {
			options.put(key.name(), key.formatter().apply(value));
		}
	}

	private static @Nullable Long days(@Nullable Duration duration) {
		return (duration != null) ? duration.toDays() : null;
	}

	// "60" and "60.0" are the same heartbeat.
	private static boolean sameValue(@Nullable String held, String wanted) {
		if (held == null) {
			return false;
		}
		if (Objects.equals(held.trim(), wanted)) {
			return true;
		}
		try {
			return new BigDecimal(held.trim()).compareTo(new BigDecimal(wanted)) == 0;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
