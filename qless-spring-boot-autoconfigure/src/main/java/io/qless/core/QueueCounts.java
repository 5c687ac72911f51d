package io.qless.core;

/**
 * The job counts of one queue.
 *
 * @param name the queue name
 * @param waiting jobs ready to pop, including timed-out ones
 * @param stalled running jobs whose lock has expired
 * @param running running jobs whose lock has not expired
 * @param scheduled delayed jobs
 * @param depends jobs waiting on dependencies
 * @param recurring recurring templates
 * @param throttled jobs parked because a throttle was full
 * @param paused whether the queue is paused
 */
public record QueueCounts(String name, long waiting, long stalled, long running, long scheduled, long depends,
		long recurring, long throttled, boolean paused) {

}
