package io.qless.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.qless.core.QlessOperations;
import io.qless.core.QlessTemplate;
import io.qless.core.QueueCounts;
import io.qless.scripts.QlessScripts;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisConnectionUtils;
import org.springframework.util.Assert;

/**
 * Health of qless: UP when Redis answers and this host's clock agrees with Redis
 * {@code TIME} within a threshold (qless takes {@code now} from its clients, so a skewed
 * clock expires locks early or late), DOWN otherwise. Details: {@code redis}
 * ({@code reachable}), {@code clockSkewMillis}, {@code script} (SHA-1) and
 * {@code scriptLoaded} (the script loads itself on first use, so {@code false} is not an
 * error), {@code calls} ({@code FCALL <function>} or {@code EVALSHA <sha>}), {@code workers}, {@code queues}, {@code pausedQueues} and {@code stalledJobs}.
 */
public class QlessHealthIndicator extends AbstractHealthIndicator {

	private final RedisConnectionFactory connectionFactory;

	private final QlessOperations qless;

	private final Duration clockSkewThreshold;

	private final Clock clock;

	/**
	 * Create an indicator.
	 * @param connectionFactory the connection factory qless uses
	 * @param qless the qless client
	 * @param clockSkewThreshold the largest clock difference that is still UP
	 * @param clock this host's clock
	 */
	public QlessHealthIndicator(RedisConnectionFactory connectionFactory, QlessOperations qless,
			Duration clockSkewThreshold, Clock clock) {
		super("qless health check failed");
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(clockSkewThreshold, "'clockSkewThreshold' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.connectionFactory = connectionFactory;
		this.qless = qless;
		this.clockSkewThreshold = clockSkewThreshold;
		this.clock = clock;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		String sha = QlessScripts.qless().sha1();
		long skewMillis;
		boolean scriptLoaded;
		RedisConnection connection = RedisConnectionUtils.getConnection(this.connectionFactory);
		try {
			long before = this.clock.millis();
			Long redisTime = connection.serverCommands().time(TimeUnit.MILLISECONDS);
			long after = this.clock.millis();
			Assert.state(redisTime != null, "Redis TIME answered nothing");
			// Compare with the middle of the round trip, so a slow network does not look like skew.
			skewMillis = redisTime - (before + after) / 2;
			if (this.qless instanceof QlessTemplate template) {
				scriptLoaded = template.isScriptLoaded();
			}
			else {
				List<Boolean> exists = connection.scriptingCommands().scriptExists(sha);
				scriptLoaded = exists != null && !exists.isEmpty() && Boolean.TRUE.equals(exists.get(0));
			}
		}
		finally {
			RedisConnectionUtils.releaseConnection(connection, this.connectionFactory);
		}
		builder.withDetail("redis", "reachable")
			.withDetail("clockSkewMillis", skewMillis)
			.withDetail("script", sha)
			.withDetail("scriptLoaded", scriptLoaded);
		if (this.qless instanceof QlessTemplate template) {
			builder.withDetail("calls", template.getCallMode());
		}
		if (Math.abs(skewMillis) > this.clockSkewThreshold.toMillis()) {
			builder.down()
				.withDetail("error", "Clock of this host differs from Redis TIME by " + skewMillis
						+ "ms, more than " + this.clockSkewThreshold.toMillis() + "ms");
			return;
		}
		List<QueueCounts> queues = this.qless.queues();
		builder.up()
			.withDetail("workers", this.qless.workers().list().size())
			.withDetail("queues", queues.size())
			.withDetail("pausedQueues", queues.stream().filter(QueueCounts::paused).map(QueueCounts::name).toList())
			.withDetail("stalledJobs", queues.stream().mapToLong(QueueCounts::stalled).sum());
	}

}
