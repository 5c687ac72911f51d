package io.qless.core;

import java.util.List;

/**
 * One queue priority pattern of the reqless dialect ({@code queuePriorityPatterns.getAll}):
 * globs of queue names ({@code *}, a leading {@code !} negates, {@code default} for the
 * queues no other pattern matches) that workers serve in list order.
 *
 * @param pattern the globs
 * @param fairly whether workers shuffle the queues of this group
 */
public record QueuePriorityPattern(List<String> pattern, boolean fairly) {

	public QueuePriorityPattern {
		pattern = List.copyOf(pattern);
	}

}
