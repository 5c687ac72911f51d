package io.qless.core;

import java.util.Map;

/**
 * Operations on failure groups, obtained from {@link QlessOperations#failures()}. Failed jobs
 * go back to a queue with {@link QueueOperations#unfail(String, int)}. Every method is one
 * round trip.
 */
public interface FailureOperations {

	/**
	 * Return the failure groups with the number of jobs in each.
	 * @return the groups
	 */
	Map<String, Long> groups();

	/**
	 * List the jobs of a failure group, newest failure first.
	 * @param group the group
	 * @param offset how many to skip
	 * @param count how many at most
	 * @return the page of jids
	 */
	JidPage jobs(String group, int offset, int count);

}
