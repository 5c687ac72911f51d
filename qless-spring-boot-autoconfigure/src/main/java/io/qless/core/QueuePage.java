package io.qless.core;

import java.util.List;

/**
 * A page of the known queues, in the order they were first seen, with their counts.
 *
 * @param total how many queues are known
 * @param queues the counts of the queues of this page
 */
public record QueuePage(long total, List<QueueCounts> queues) {

}
