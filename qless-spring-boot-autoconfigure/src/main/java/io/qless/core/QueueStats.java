package io.qless.core;

import java.util.List;

/**
 * Statistics of one queue for one day.
 *
 * @param retries expired locks that day
 * @param failed jobs currently failed for that day
 * @param failures failures that day
 * @param waitTimes the wait times (put to pop)
 * @param runTimes the run times (pop to complete)
 */
public record QueueStats(long retries, long failed, long failures, Timing waitTimes, Timing runTimes) {

	/**
	 * Count, mean, sample standard deviation and histogram of a set of durations.
	 *
	 * @param count how many durations
	 * @param mean the mean in seconds
	 * @param std the sample standard deviation in seconds
	 * @param histogram 148 buckets: seconds 0-59, minutes 1-59, hours 1-23, days 1-6
	 */
	public record Timing(long count, double mean, double std, List<Long> histogram) {

	}

}
