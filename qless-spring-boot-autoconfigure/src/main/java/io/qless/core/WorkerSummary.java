package io.qless.core;

/**
 * A worker with its job counts.
 *
 * @param name the worker name
 * @param jobs jobs it holds with a live lock
 * @param stalled jobs it holds whose lock expired
 */
public record WorkerSummary(String name, long jobs, long stalled) {

}
