package io.qless.health;

import java.time.Duration;
import java.util.Locale;

import io.qless.core.QlessOperations;
import io.qless.core.QlessUnavailableException;
import io.qless.core.ServerStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.util.Assert;

/**
 * Health of qless: UP when Redis answers within a timeout and this host's clock agrees
 * with Redis {@code TIME} within a threshold (qless takes {@code now} from its clients, so
 * a skewed clock expires locks early or late), DOWN otherwise, with the reason in
 * {@code error}. Each probe costs two cheap Redis commands ({@code TIME}, and
 * {@code SCRIPT EXISTS} or {@code FUNCTION LIST} for one library), whatever the number of
 * queues and jobs.
 * <p>
 * Details: {@code redis} ({@code reachable} or {@code unreachable}),
 * {@code clockSkewMillis}, {@code dialect}, {@code script} (SHA-1 of the script, or name of
 * the function library, of that dialect), {@code scriptLoaded} (the code loads itself on
 * first use, so {@code false} is no error) and {@code calls} ({@code FCALL <function>} or
 * {@code EVALSHA <sha>}).
 */
public class QlessHealthIndicator extends AbstractHealthIndicator {

	private final QlessOperations qless;

	private final Duration clockSkewThreshold;

	private final Duration timeout;

	/**
	 * Create an indicator.
	 * @param qless the qless client
	 * @param clockSkewThreshold the largest clock difference that is still UP
	 * @param timeout how long a probe waits for Redis before it reports DOWN
	 */
	public QlessHealthIndicator(QlessOperations qless, Duration clockSkewThreshold, Duration timeout) {
		super("qless health check failed");
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(clockSkewThreshold, "'clockSkewThreshold' must not be null");
		Assert.isTrue(timeout != null && timeout.toMillis() > 0, "'timeout' must be positive");
		this.qless = qless;
		this.clockSkewThreshold = clockSkewThreshold;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ServerStatus status;
		try {
			status = this.qless.serverStatus(this.timeout);
		}
		catch (QlessUnavailableException ex) {
			builder.down().withDetail("redis", "unreachable").withDetail("error", ex.getScriptMessage());
			return;
		}
		long skewMillis = status.clockOffset().toMillis();
		builder.withDetail("redis", "reachable")
			.withDetail("clockSkewMillis", skewMillis)
			.withDetail("dialect", status.dialect().name().toLowerCase(Locale.ROOT))
			.withDetail("script", status.codeId())
			.withDetail("scriptLoaded", status.codeLoaded())
			.withDetail("calls", status.callMode());
		if (Math.abs(skewMillis) > this.clockSkewThreshold.toMillis()) {
			builder.down()
				.withDetail("error", "Clock of this host differs from Redis TIME by " + skewMillis + "ms, more than "
						+ this.clockSkewThreshold.toMillis() + "ms");
			return;
		}
		builder.up();
	}

}
