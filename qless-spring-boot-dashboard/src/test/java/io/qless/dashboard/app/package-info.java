/**
 * A test application with the dashboard, and the jobs the tests seed.
 */
@NullMarked
package io.qless.dashboard.app;

import org.jspecify.annotations.NullMarked;
