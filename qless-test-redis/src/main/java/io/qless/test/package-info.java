/**
 * JUnit 5 support for tests that need a real Redis: annotate a test class with
 * {@link io.qless.test.QlessRedisTest} and take a {@link io.qless.test.TestRedis} parameter.
 */
@NullMarked
package io.qless.test;

import org.jspecify.annotations.NullMarked;
