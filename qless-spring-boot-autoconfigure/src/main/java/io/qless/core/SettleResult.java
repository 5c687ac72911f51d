package io.qless.core;

import java.util.List;

/**
 * What qless answered to {@link QueueOperations#settle}: for each settlement, in order,
 * what the single command answers (the job's new state for a complete, the retries left
 * for a retry, the jid for a fail) or the {@link QlessException} it raised, such as a
 * {@link LockLostException}; and the jobs popped after them. Popped jobs come without
 * their history, dependents and dependencies (read a job with {@link JobOperations#get} for
 * those).
 *
 * @param outcomes one result per settlement, in order
 * @param jobs the jobs popped
 */
public record SettleResult(List<BatchResult<Object>> outcomes, List<Job> jobs) {

	public SettleResult {
		outcomes = List.copyOf(outcomes);
		jobs = List.copyOf(jobs);
	}

}
