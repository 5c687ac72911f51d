/**
 * Micrometer meters for qless: job outcomes, handler time, queue depth and qless's own
 * queue statistics.
 */
@NullMarked
package io.qless.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
