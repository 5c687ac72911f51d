package io.qless.core;

/**
 * Why a job failed: the {@code failure} object of a job.
 *
 * @param group the failure group
 * @param message the failure message
 * @param when when it failed, seconds since the epoch (fractional for retry exhaustion)
 * @param worker the worker that failed it, {@code ""} for retry or lock exhaustion
 */
public record JobFailure(String group, String message, double when, String worker) {

}
