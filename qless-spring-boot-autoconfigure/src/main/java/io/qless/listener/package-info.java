/**
 * The listener container: pops jobs, runs them in {@code @QueueHandler} methods, heartbeats
 * them while they run, and completes, retries or fails them.
 */
@NullMarked
package io.qless.listener;

import org.jspecify.annotations.NullMarked;
