package io.qless.core;

import java.util.List;

/**
 * A page of the workers seen within {@code max-worker-age}, most recently seen first.
 *
 * @param total how many such workers there are
 * @param workers the workers of this page
 */
public record WorkerPage(long total, List<WorkerActivity> workers) {

}
