package io.qless.core;

import java.util.List;

/**
 * The tracked jobs, in the order tracking started.
 *
 * @param jobs the tracked jobs that still exist
 * @param expired tracked jids whose job no longer exists
 */
public record TrackedJobs(List<Job> jobs, List<String> expired) {

}
