package io.qless.test.autoconfigure;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the qless test support ({@code @QlessTest}, {@code @AutoConfigureQlessTest}).
 */
@ConfigurationProperties("qless.test")
public class QlessTestProperties {

	/**
	 * Whether a put runs its jobs' handlers in the calling thread before it returns
	 * (inline mode, for tests of code that puts jobs).
	 */
	private boolean inline;

	/**
	 * Longest time drain and awaitCompleted wait, and an inline put waits for its jobs.
	 */
	private Duration timeout = Duration.ofSeconds(30);

	/**
	 * Whether to empty the test Redis database before each test method, then write the
	 * qless.server.* options and qless.throttles.* again and set the test clock back to its
	 * start.
	 */
	private boolean flushBeforeEach = true;

	/**
	 * Whether to use the test Redis (QLESS_TEST_REDIS_URL, a Testcontainers redis:7.4 or a
	 * local redis-server) rather than the spring.data.redis.* settings. A Redis declared
	 * with @ServiceConnection is used either way.
	 */
	private boolean replaceRedis = true;

	private final TestClock clock = new TestClock();

	public boolean isInline() {
		return this.inline;
	}

	public void setInline(boolean inline) {
		this.inline = inline;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public boolean isFlushBeforeEach() {
		return this.flushBeforeEach;
	}

	public void setFlushBeforeEach(boolean flushBeforeEach) {
		this.flushBeforeEach = flushBeforeEach;
	}

	public boolean isReplaceRedis() {
		return this.replaceRedis;
	}

	public void setReplaceRedis(boolean replaceRedis) {
		this.replaceRedis = replaceRedis;
	}

	public TestClock getClock() {
		return this.clock;
	}

	/**
	 * The test clock the template and the listener containers take {@code now} from.
	 */
	public static class TestClock {

		/**
		 * Instant the test clock starts at, and goes back to before each test; the time the
		 * context starts, to the second, when not set.
		 */
		private @Nullable Instant start;

		public @Nullable Instant getStart() {
			return this.start;
		}

		public void setStart(@Nullable Instant start) {
			this.start = start;
		}

	}

}
