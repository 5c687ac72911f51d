package io.qless.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Adds the qless test support to a test's application context, for example to a full
 * {@code @SpringBootTest} ({@link QlessTest @QlessTest} adds it to its slice):
 * <ul>
 * <li>a test Redis, chosen as {@code @QlessRedisTest} chooses it
 * ({@code QLESS_TEST_REDIS_URL}, a Testcontainers {@code redis:7.4} when a Docker engine
 * answers, a local {@code redis-server}, else a clear failure), in place of the
 * {@code spring.data.redis.*} settings; a Redis container the test declares with
 * {@code @ServiceConnection} is used instead;</li>
 * <li>a {@link io.qless.test.jobs.QlessTestClock} as the {@code qlessClock} bean the
 * template and the containers take {@code now} from;</li>
 * <li>{@link io.qless.test.jobs.QlessTestJobs}, to drain queues and await jobs;</li>
 * <li>before each test method: the database emptied, the {@code qless.server.*} options
 * and throttles written again, the clock set back to its start;</li>
 * <li>with {@code inline = true}, the inline mode.</li>
 * </ul>
 * The settings are {@code qless.test.*} properties; the attributes here set them for one
 * test class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("qless.test")
public @interface AutoConfigureQlessTest {

	/**
	 * Whether a put runs its jobs' handlers in the calling thread before it returns: the
	 * inline mode, for tests of code that puts jobs. Test-only: see
	 * {@link io.qless.test.jobs.InlineQlessOperations}.
	 * @return whether to run jobs inline
	 */
	@PropertyMapping(skip = PropertyMapping.Skip.ON_DEFAULT_VALUE)
	boolean inline() default false;

	/**
	 * Whether to empty the test database before each test method (and write the qless
	 * options and throttles again, and set the clock back).
	 * @return whether to start each test afresh
	 */
	@PropertyMapping(skip = PropertyMapping.Skip.ON_DEFAULT_VALUE)
	boolean flushBeforeEach() default true;

}
