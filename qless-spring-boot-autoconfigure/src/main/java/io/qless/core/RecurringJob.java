package io.qless.core;

import java.time.Duration;
import java.util.List;

/**
 * A recurring job template.
 *
 * @param jid the template id; children are {@code <jid>-<n>}
 * @param klass the class name of the children
 * @param state always {@link JobState#RECUR}
 * @param queue the queue the children are put in
 * @param priority the children's priority
 * @param interval the time between two children
 * @param retries the children's retry budget
 * @param count how many children were spawned so far
 * @param data the children's payload as raw JSON text
 * @param tags the children's tags
 * @param backlog how many missed runs to catch up, {@code 0} for all
 * @param throttles the children's throttles, empty if none
 */
public record RecurringJob(String jid, String klass, JobState state, String queue, long priority, Duration interval,
		long retries, long count, String data, List<String> tags, long backlog,
		List<String> throttles) {

}
