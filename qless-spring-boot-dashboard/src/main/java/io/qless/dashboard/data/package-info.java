/**
 * What the dashboard reads from qless, as values ready to render, and the throughput source.
 */
@NullMarked
package io.qless.dashboard.data;

import org.jspecify.annotations.NullMarked;
