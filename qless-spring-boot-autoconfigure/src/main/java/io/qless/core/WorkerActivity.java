package io.qless.core;

import java.time.Instant;

/**
 * A worker with its job counts and when it was last seen (its score in {@code ql:workers}:
 * the last pop, heartbeat or other call that named it).
 *
 * @param name the worker name
 * @param jobs jobs it holds with a live lock
 * @param stalled jobs it holds whose lock expired
 * @param lastSeen when the script last saw it
 */
public record WorkerActivity(String name, long jobs, long stalled, Instant lastSeen) {

}
