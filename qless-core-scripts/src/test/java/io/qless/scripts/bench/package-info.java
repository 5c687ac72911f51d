/**
 * Benchmarks of the qless script, run by hand (not tests).
 */
@NullMarked
package io.qless.scripts.bench;

import org.jspecify.annotations.NullMarked;
