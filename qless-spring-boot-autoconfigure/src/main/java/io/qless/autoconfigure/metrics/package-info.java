/**
 * Auto-configuration of the qless meters.
 */
@NullMarked
package io.qless.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
