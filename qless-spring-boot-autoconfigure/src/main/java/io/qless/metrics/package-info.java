/**
 * Micrometer meters for qless: job outcomes, queue depths and statistics, throttles.
 */
@NullMarked
package io.qless.metrics;

import org.jspecify.annotations.NullMarked;
