/**
 * Benchmarks that print figures (throughput, latency, Redis cost per job); not tests.
 */
@NullMarked
package io.qless.bench;

import org.jspecify.annotations.NullMarked;
