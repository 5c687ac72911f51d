/**
 * Test auto-configuration for qless: the {@link io.qless.test.autoconfigure.QlessTest}
 * slice, and {@link io.qless.test.autoconfigure.AutoConfigureQlessTest} for the same
 * support in a full {@code @SpringBootTest}.
 */
@NullMarked
package io.qless.test.autoconfigure;

import org.jspecify.annotations.NullMarked;
