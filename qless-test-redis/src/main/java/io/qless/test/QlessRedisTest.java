package io.qless.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against a real Redis and injects it as a {@link TestRedis} parameter
 * into test methods, lifecycle methods and constructors.
 * <p>
 * The Redis is chosen once per JVM, in this order:
 * <ol>
 * <li>{@code QLESS_TEST_REDIS_URL} (environment variable or system property), for example
 * {@code redis://127.0.0.1:6379/15}. Its database is used only if it is empty or was
 * claimed by an earlier run (it holds the key {@value TestRedis#CLAIM_KEY}); anything else
 * is refused, so a database with real data in it is never flushed;</li>
 * <li>a Testcontainers {@code redis:7.4} container, if a Docker engine answers within
 * 3 seconds;</li>
 * <li>a {@code redis-server} binary from {@code PATH}, started on a free loopback port
 * without persistence and stopped when the JVM exits;</li>
 * <li>otherwise the test fails at once with a message that lists these three options.</li>
 * </ol>
 * The database is emptied before each test unless {@link #flushBeforeEach()} is
 * {@code false}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(QlessRedisExtension.class)
public @interface QlessRedisTest {

	/**
	 * Whether to empty the test database before each test method.
	 * @return {@code true} to flush before each test
	 */
	boolean flushBeforeEach() default true;

}
