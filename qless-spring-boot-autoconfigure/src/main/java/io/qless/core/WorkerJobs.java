package io.qless.core;

import java.util.List;

/**
 * The jobs one worker holds, latest expiry first.
 *
 * @param jobs jids with a live lock
 * @param stalled jids whose lock expired
 */
public record WorkerJobs(List<String> jobs, List<String> stalled) {

}
